import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Link, Nodes, Text} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {gfm} from 'micromark-extension-gfm'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {startFakeGithub} from '../repos/fake-github.js'
import {checkLinksIn} from '../support/check-links.js'
import {copyList, runCli, snapshotTree} from '../support/cli.js'

// Issue 11: websites and APIs must not write into the list, nor into the report GitHub renders.
// (Spaces, `<>` and backticks are percent-encoded by the URL parser, which makes them harmless;
// parentheses, brackets and `|` are not, so these must be refused.)
const hostileTargets = [
  '/moved/a)](https://evil.example/x)![](https://evil.example/p.gif)@octocat|x',
  '/moved/<script>alert(1)</script>',
  '/moved/[x](https://evil.example)',
  'https://a.test/x|y'
]
let server: TestServer
const cleanups: Array<() => Promise<void>> = []
beforeAll(async () => {
  server = await startServer(
    Object.fromEntries(
      hostileTargets.map((target, index) => [`/r${index}`, respond.redirect(301, target)])
    ),
    {fallback: (_request, response) => response.writeHead(200).end()}
  )
})
afterAll(async () => server.close())
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** The host a rendered link leads to (a link whose URL merely mentions evil.example is harmless). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

/** Links and mention-like text GitHub would render from a Markdown report. */
function rendered(markdown: string) {
  const tree = fromMarkdown(markdown, {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]})
  const links: string[] = []
  const mentions: string[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'link') links.push((node as Link).url)
    if (node.type === 'text' && /(^|[^\w\u200d])@octocat/.test((node as Text).value))
      mentions.push((node as Text).value)
    // GitHub pings no one from inside a link's text.
    if ('children' in node && node.type !== 'link') for (const child of node.children) visit(child)
  }
  visit(tree)
  return {links, mentions}
}

async function list(): Promise<string> {
  const {dir, cleanup} = await copyList()
  cleanups.push(cleanup)
  await writeFile(path.join(dir, 'link-check.config.yaml'), 'timeout: 1s\nretries: 0\n')
  const file = path.join(dir, 'entries/agent/autogen.yaml')
  const links = hostileTargets.map(
    (_, index) => `[r${index}](${server.origin('a.test')}/r${index})`
  )
  await writeFile(
    file,
    (await readFile(file, 'utf8')).replace(
      '[conversable](https://example.org/conversable)',
      links.join(' ')
    )
  )
  return dir
}

describe('hostile answers from the network', () => {
  it('a redirect target that could break out of a Markdown link is reported, never applied', async () => {
    const dir = await list()
    const entries = await snapshotTree(path.join(dir, 'entries'))
    const {code, stdout, stderr} = await checkLinksIn(
      dir,
      ['--no-repos', '--apply', '--only', `${server.origin('a.test')}/*`],
      {hosts: ['a.test']}
    )
    expect(code, stdout + stderr).toBe(0)
    expect(stdout).toContain('applied 0 renames: 0 entry files changed')
    expect(stderr).toContain('not applied:')
    expect(await snapshotTree(path.join(dir, 'entries'))).toEqual(entries)
    const build = await runCli(dir, ['build-readme'])
    expect(build.code).toBe(0)
    const readme = await readFile(path.join(dir, 'README.md'), 'utf8')
    expect(readme).not.toContain('evil.example')

    const report = await readFile(path.join(dir, 'reports/links.md'), 'utf8')
    const {links, mentions} = rendered(report)
    expect(links.filter(url => hostOf(url) === 'evil.example')).toEqual([])
    expect(mentions).toEqual([])
    expect(report).toContain('## Fixes not applied')
  })

  it('an API answer with Markdown in a new repository name is neither applied nor rendered', async () => {
    const token = 'ghp_sentinelTOKEN0123456789'
    const github = await startFakeGithub({
      token,
      everythingExists: true,
      repos: [
        {
          nameWithOwner: 'evil/x)](https://evil.example/y)@octocat',
          pushedAt: '2026-11-01T00:00:00Z'
        }
      ],
      moved: {'microsoft/autogen': 'evil/x)](https://evil.example/y)@octocat'}
    })
    cleanups.push(github.close)
    const {dir, cleanup} = await copyList()
    cleanups.push(cleanup)
    const entries = await snapshotTree(path.join(dir, 'entries'))
    const env = {
      GITHUB_TOKEN: token,
      GITHUB_GRAPHQL_URL: github.graphqlUrl,
      GITHUB_API_URL: github.apiUrl
    }
    const result = await runCli(dir, ['check-links', '--repos-only', '--apply'], env)
    expect(result.stderr, result.stdout).toContain(
      'not applied: https://github.com/microsoft/autogen'
    )
    expect(await snapshotTree(path.join(dir, 'entries'))).toEqual(entries)
    const report = await readFile(path.join(dir, 'reports/links.md'), 'utf8')
    const {links, mentions} = rendered(report)
    expect(links.filter(url => hostOf(url) === 'evil.example')).toEqual([])
    expect(mentions).toEqual([])
    for (const text of [result.stdout, result.stderr, report]) expect(text).not.toContain(token)
  })

  it('a listed URL made to inject Markdown stays one autolink or code span in the report', () => {
    // The shape an entry may hold (it validates) is rendered through the same helpers.
    return import('../../src/links/report/safe.js').then(({urlText, codeText, plainText}) => {
      const url = 'https://github.com/o/r?x=>**@octocat**[click](https://evil.example)'
      expect(plainText('@octocat')).not.toMatch(/(^|[^\u200d])@octocat/)
      for (const markdown of [urlText(url), codeText(url)]) {
        const {links, mentions} = rendered(`- ${markdown}\n`)
        expect(links.filter(link => hostOf(link) === 'evil.example')).toEqual([])
        expect(mentions).toEqual([])
      }
    })
  })
})
