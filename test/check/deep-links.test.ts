import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {settlesUrl} from '../../src/check/repos.js'
import {runCheck} from '../../src/check/run.js'
import {loadList} from '../../src/entries/load.js'
import type {RepoCheckOptions} from '../../src/repos/check.js'
import {classifyUrl} from '../../src/repos/classify.js'
import type {StatusFile} from '../../src/status/types.js'
import {emptyStatus} from '../../src/status/types.js'
import {type Handler, respond, startServer, type TestServer} from '../helpers/server.js'
import {routeSites} from '../helpers/sites.js'
import {testConfig} from '../links/setup.js'
import {type FakeGithubOptions, fakeClock, startFakeGithub} from '../repos/fake-github.js'
import {type FakeHubOptions, startFakeHub} from '../repos/fake-hub.js'
import {checkLinksIn} from '../support/check-links.js'
import {copyList, runCli} from '../support/cli.js'

// Deep links (github.com/<o>/<r>/tree|blob/<ref>/<path>, huggingface.co/<id>/blob/…) end to
// end: fake APIs on 127.0.0.1 answer the lookups, and a page server plays github.com and
// huggingface.co for the HTTP check (`routeSites`). Its request counts prove which links
// were fetched as pages and which the APIs settled without a request.

const token = 'test-token-deep-links'
const now = new Date('2025-06-01T00:00:00Z')
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()))
})

interface World {
  /** Entry name → its URL; one entry file each. */
  entries: Record<string, string>
  github?: FakeGithubOptions
  hub?: FakeHubOptions
  /** Page paths (`/acme/lib/tree/main`) on github.com and huggingface.co; any other path is 404. */
  pages?: Record<string, Handler>
  /** A status file to start from. */
  status?: StatusFile
}

/** A list of the given entries, fake APIs, and the page server; `check` runs check-links in-process. */
async function setUp(world: World) {
  const {dir, cleanup} = await copyList()
  closers.push(cleanup)
  await rm(path.join(dir, 'entries'), {recursive: true})
  await mkdir(path.join(dir, 'entries/tools'), {recursive: true})
  await writeFile(
    path.join(dir, 'entries/tools/_section.yaml'),
    'title:\n  en: Tools\n  zh: 工具\norder: 1\ncolumns:\n  - name\n  - description\n'
  )
  const files: Record<string, string> = {}
  for (const [name, url] of Object.entries(world.entries)) {
    const file = `entries/tools/${name.toLowerCase()}.yaml`
    files[name] = file
    await writeFile(
      path.join(dir, file),
      `name: ${name}\nurl: ${url}\ndescription: A project.\nadded: 2024-06-01\n`
    )
  }
  // Short waits: a confirmed 404 still takes two requests, but not a quarter of a second.
  await writeFile(
    path.join(dir, 'link-check.config.yaml'),
    'timeout: 2s\nretries: 1\nbackoff: 10ms\nconfirmDelay: 10ms\n'
  )
  if (world.status)
    await writeFile(path.join(dir, 'status.json'), `${JSON.stringify(world.status, null, 2)}\n`)

  const github = await startFakeGithub({token, ...world.github})
  closers.push(github.close)
  const hub = await startFakeHub(world.hub)
  closers.push(hub.close)
  const pages = await startServer(world.pages ?? {})
  closers.push(pages.close)
  const dispatcher = routeSites({'https://github.com': pages, 'https://huggingface.co': pages})
  closers.push(() => dispatcher.close())
  const repoOptions: RepoCheckOptions = {
    common: {clock: fakeClock(), attempts: 1},
    github: {token, graphqlUrl: github.graphqlUrl, apiUrl: github.apiUrl},
    huggingFace: {endpoint: hub.endpoint}
  }
  return {
    dir,
    files,
    github,
    hub,
    pages,
    check: (argv: string[] = []) =>
      checkLinksIn(dir, argv, {now, clientOptions: {dispatcher}, repoOptions}),
    /** The check stage alone (`runCheck`), for API failures the CLI would refuse to trust. */
    runCheck: async (options: {repoOptions?: RepoCheckOptions; status?: StatusFile} = {}) => {
      const {model} = await loadList(dir)
      if (!model) throw new Error('the test list does not load')
      return runCheck(model, options.status ?? emptyStatus(), {
        root: dir,
        config: testConfig({retries: 1, confirmDelayMs: 10}),
        clientOptions: {dispatcher, allowPrivateAddresses: true},
        repoOptions: options.repoOptions ?? repoOptions,
        now: () => now
      })
    },
    status: async () => JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8')),
    read: (file: string) => readFile(path.join(dir, file), 'utf8')
  }
}

/** Requests the page server got for one path (HEAD, GET and the GET that confirms a 404). */
const pageHits = (pages: TestServer, pagePath: string) => pages.hits(pagePath)

describe('a GitHub deep link whose branch is gone', () => {
  const renamedDefault: FakeGithubOptions = {
    repos: [{nameWithOwner: 'acme/lib', defaultBranch: 'master', branches: {master: ['README.md']}}]
  }

  it('tree/main where only master exists, and github.com answers 404: dead, in the report, the status file and the README', async () => {
    const list = await setUp({
      entries: {Lib: 'https://github.com/acme/lib/tree/main'},
      github: renamedDefault,
      pages: {'/acme/lib/tree/main': respond.status(404)}
    })
    const result = await list.check()
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      'dead: https://github.com/acme/lib/tree/main (HTTP 404) in entries/tools/lib.yaml:2:6'
    )
    // The page was asked, and the 404 confirmed by a second request.
    expect(pageHits(list.pages, '/acme/lib/tree/main')).toBeGreaterThanOrEqual(2)

    const status = await list.status()
    expect(status.links['https://github.com/acme/lib/tree/main']).toMatchObject({
      verdict: 'broken',
      status: 404,
      dead: true
    })
    // The repository record says what the API knows (the ref is gone), not that the link works.
    expect(status.repos['github:acme/lib/tree/main']).toMatchObject({refMissing: 'main'})
    const report = await list.read('reports/links.md')
    expect(report).toContain('### Branches or tags that are gone (checked as pages) (1)')
    expect(report).toContain(
      '- <https://github.com/acme/lib/tree/main>: `main` does not exist (the default branch is `master`) (entries/tools/lib.yaml:2)'
    )

    const build = await runCli(list.dir, ['build-readme'])
    expect(build.code).toBe(0)
    expect(await list.read('README.md')).toContain(
      '[Lib](https://github.com/acme/lib/tree/main) 💀 |'
    )
  })

  it('tree/main where github.com redirects 301 to tree/master: redirected to that exact URL, and --apply writes it', async () => {
    const list = await setUp({
      entries: {Lib: 'https://github.com/acme/lib/tree/main'},
      github: renamedDefault,
      pages: {
        '/acme/lib/tree/main': respond.redirect(301, 'https://github.com/acme/lib/tree/master'),
        '/acme/lib/tree/master': respond.status(200)
      }
    })
    const result = await list.check(['--apply'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'applied 1 rename: 1 entry file changed (entries/tools/lib.yaml)'
    )
    expect(await list.read(list.files['Lib']!)).toContain(
      'url: https://github.com/acme/lib/tree/master\n'
    )
    const status = await list.status()
    expect(status.links['https://github.com/acme/lib/tree/main']).toMatchObject({
      verdict: 'redirected',
      finalUrl: 'https://github.com/acme/lib/tree/master'
    })
    expect(pageHits(list.pages, '/acme/lib/tree/master')).toBeGreaterThanOrEqual(1)

    // The next run finds the new URL's ref on GitHub: settled by the API, no page request.
    const before = list.pages.requests.length
    const again = await list.check(['--apply'])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('applied 0 renames')
    expect(list.pages.requests.length).toBe(before)
  })

  it('tree/oldbranch/docs/x.md, the path on the default branch, github.com redirecting 301 there: redirected and applied', async () => {
    const list = await setUp({
      entries: {Docs: 'https://github.com/acme/docs/tree/oldbranch/docs/x.md'},
      github: {
        repos: [
          {nameWithOwner: 'acme/docs', defaultBranch: 'main', branches: {main: ['docs/x.md']}}
        ]
      },
      pages: {
        '/acme/docs/tree/oldbranch/docs/x.md': respond.redirect(
          301,
          'https://github.com/acme/docs/tree/main/docs/x.md'
        ),
        '/acme/docs/tree/main/docs/x.md': respond.status(200)
      }
    })
    const result = await list.check(['--apply'])
    expect(result.code).toBe(0)
    expect(await list.read(list.files['Docs']!)).toContain(
      'url: https://github.com/acme/docs/tree/main/docs/x.md\n'
    )
    const json = JSON.parse(await list.read('reports/links.json'))
    expect(json.links).toContainEqual(
      expect.objectContaining({
        url: 'https://github.com/acme/docs/tree/oldbranch/docs/x.md',
        verdict: 'redirected',
        to: 'https://github.com/acme/docs/tree/main/docs/x.md'
      })
    )
    expect(json.fixes).toEqual([
      {
        from: 'https://github.com/acme/docs/tree/oldbranch/docs/x.md',
        to: 'https://github.com/acme/docs/tree/main/docs/x.md'
      }
    ])
  })

  it('what the API proves is settled without a page request: the path at its ref, a missing path, a missing repository', async () => {
    const guide = 'https://github.com/acme/docs/blob/main/docs/x.md'
    const list = await setUp({
      entries: {
        Guide: guide,
        Gone: 'https://github.com/acme/docs/blob/main/docs/gone.md',
        Vanished: 'https://github.com/acme/vanished/tree/main/src'
      },
      github: {
        repos: [
          {nameWithOwner: 'acme/docs', defaultBranch: 'main', branches: {main: ['docs/x.md']}}
        ]
      },
      // A page verdict from an older run (say, without a token) that the API now contradicts.
      status: {
        version: 1,
        links: {
          [guide]: {
            verdict: 'broken',
            status: 404,
            dead: true,
            consecutiveFailures: 2,
            firstFailedAt: '2025-05-01T00:00:00.000Z'
          }
        },
        repos: {}
      }
    })
    // A scoped run, which removes no record merely for being unchecked.
    const result = await list.check(['--only', 'github.com'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      'dead: https://github.com/acme/docs/blob/main/docs/gone.md (`docs/gone.md` does not exist at `main`)'
    )
    expect(result.stdout).toContain(
      'dead: https://github.com/acme/vanished/tree/main/src (the API says it does not exist)'
    )
    expect(list.pages.requests).toEqual([])
    expect((await list.status()).links).toEqual({})
    const build = await runCli(list.dir, ['build-readme'])
    expect(build.code).toBe(0)
    const readme = await list.read('README.md')
    expect(readme).toContain('[Guide](https://github.com/acme/docs/blob/main/docs/x.md) |')
    expect(readme).toContain('[Gone](https://github.com/acme/docs/blob/main/docs/gone.md) 💀 |')
  })
})

describe('a Hugging Face deep link', () => {
  it('a missing file is dead (the page answers 404), a present one ok, a missing repository dead without a page request', async () => {
    const list = await setUp({
      entries: {
        Falcon: 'https://huggingface.co/tiiuae/falcon-7b/blob/main/LICENSE.txt',
        Model: 'https://huggingface.co/acme/model/blob/main/README.md',
        Vanished: 'https://huggingface.co/acme/vanished/blob/main/LICENSE'
      },
      hub: {
        repos: [
          {type: 'models', id: 'tiiuae/falcon-7b'},
          {type: 'models', id: 'acme/model'}
        ]
      },
      pages: {
        '/tiiuae/falcon-7b/blob/main/LICENSE.txt': respond.status(404),
        '/acme/model/blob/main/README.md': respond.status(200)
      }
    })
    const result = await list.check()
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      'dead: https://huggingface.co/tiiuae/falcon-7b/blob/main/LICENSE.txt (HTTP 404)'
    )
    expect(result.stdout).toContain(
      'dead: https://huggingface.co/acme/vanished/blob/main/LICENSE (the API says it does not exist)'
    )
    expect(pageHits(list.pages, '/tiiuae/falcon-7b/blob/main/LICENSE.txt')).toBeGreaterThanOrEqual(
      2
    )
    expect(pageHits(list.pages, '/acme/model/blob/main/README.md')).toBeGreaterThanOrEqual(1)
    expect(pageHits(list.pages, '/acme/vanished/blob/main/LICENSE')).toBe(0)

    const status = await list.status()
    expect(status.links['https://huggingface.co/acme/model/blob/main/README.md']).toMatchObject({
      verdict: 'ok'
    })
    const build = await runCli(list.dir, ['build-readme'])
    expect(build.code).toBe(0)
    const readme = await list.read('README.md')
    // The repository exists (its record says so), but the file is gone: the link's verdict wins.
    expect(readme).toContain(
      '[Falcon](https://huggingface.co/tiiuae/falcon-7b/blob/main/LICENSE.txt) 💀 |'
    )
    expect(readme).toContain('[Model](https://huggingface.co/acme/model/blob/main/README.md) |')
    expect(readme).toContain(
      '[Vanished](https://huggingface.co/acme/vanished/blob/main/LICENSE) 💀 |'
    )
  })
})

describe('a deep link the API cannot answer for goes to the page check', () => {
  const entries = {
    Docs: 'https://github.com/acme/docs/blob/main/docs/x.md',
    Falcon: 'https://huggingface.co/tiiuae/falcon-7b/blob/main/LICENSE.txt'
  }
  const pages = {
    '/acme/docs/blob/main/docs/x.md': respond.status(404),
    '/tiiuae/falcon-7b/blob/main/LICENSE.txt': respond.status(404)
  }
  const github: FakeGithubOptions = {
    repos: [{nameWithOwner: 'acme/docs', branches: {main: ['docs/x.md']}}]
  }
  const hub: FakeHubOptions = {repos: [{type: 'models', id: 'tiiuae/falcon-7b'}]}

  it.each([
    [
      'GitHub GraphQL answers 502 (lookup failed)',
      {github: {...github, script: [{api: 'graphql' as const, status: 502}]}}
    ],
    ['no GitHub token (unverified)', {github, noToken: true}],
    [
      "GitHub's unauthenticated REST limit is spent (unverified)",
      {github: {...github, restUnauthenticatedRemaining: 0}, noToken: true}
    ]
  ])('GitHub: %s', async (_, world: {github: FakeGithubOptions; noToken?: boolean}) => {
    const list = await setUp({entries: {Docs: entries.Docs}, github: world.github, pages})
    const result = await list.runCheck({
      repoOptions: {
        common: {clock: fakeClock(), attempts: 1},
        github: {
          token: world.noToken ? undefined : token,
          graphqlUrl: list.github.graphqlUrl,
          apiUrl: list.github.apiUrl
        }
      }
    })
    expect(['lookup-failed', 'unverified']).toContain(result.repos?.findings[0]?.kind)
    expect(pageHits(list.pages, '/acme/docs/blob/main/docs/x.md')).toBeGreaterThanOrEqual(2)
    expect(result.links.results).toContainEqual(
      expect.objectContaining({url: entries.Docs, dead: true})
    )
  })

  it('Hugging Face: the Hub answers 500 (lookup failed)', async () => {
    const list = await setUp({
      entries: {Falcon: entries.Falcon},
      hub: {...hub, failing: ['/api/models/tiiuae/falcon-7b']},
      pages
    })
    const result = await list.runCheck({
      repoOptions: {
        common: {clock: fakeClock(), attempts: 1},
        huggingFace: {endpoint: list.hub.endpoint}
      }
    })
    expect(result.repos?.findings).toMatchObject([{kind: 'lookup-failed', url: entries.Falcon}])
    expect(pageHits(list.pages, '/tiiuae/falcon-7b/blob/main/LICENSE.txt')).toBeGreaterThanOrEqual(
      2
    )
    expect(result.links.results).toContainEqual(
      expect.objectContaining({url: entries.Falcon, dead: true})
    )
  })
})

describe('settlesUrl: which API answers spare the page request', () => {
  const facts = {nameWithOwner: 'a/b', archived: false, disabled: false, stars: 1}
  const hfFacts = {id: 'a/b', gated: false as const, disabled: false, private: false}
  const ref = (url: string) => classifyUrl(url)!

  it('settles what the answer proves, and leaves the rest to the HTTP check', () => {
    const deep = ref('https://github.com/a/b/tree/main/x')
    const file = ref('https://huggingface.co/a/b/blob/main/LICENSE.txt')
    const repo = ref('https://huggingface.co/a/b')
    expect(settlesUrl(deep, {kind: 'deep-ok', ref: 'main', path: 'x', facts})).toBe(true)
    expect(settlesUrl(deep, {kind: 'deep-path-missing', ref: 'main', path: 'x', facts})).toBe(true)
    expect(settlesUrl(deep, {kind: 'missing'})).toBe(true)
    expect(
      settlesUrl(deep, {
        kind: 'deep-ref-missing',
        ref: 'main',
        path: 'x',
        pathOnDefaultBranch: true,
        facts
      })
    ).toBe(false)
    expect(settlesUrl(deep, {kind: 'unverified', reason: 'path-not-checked'})).toBe(false)
    expect(settlesUrl(deep, {kind: 'lookup-failed', reason: 'rate-limited', detail: 'x'})).toBe(
      false
    )
    expect(settlesUrl(repo, {kind: 'ok', facts: hfFacts})).toBe(true)
    expect(settlesUrl(file, {kind: 'ok', facts: hfFacts})).toBe(false)
    expect(settlesUrl(file, {kind: 'renamed', from: 'a/b', to: 'c/b', facts: hfFacts})).toBe(false)
    expect(settlesUrl(file, {kind: 'missing', status: 404})).toBe(true)
  })
})
