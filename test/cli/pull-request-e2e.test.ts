import {existsSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {startFakeGithub} from '../repos/fake-github.js'
import {git} from '../support/git.js'
import {copyList, runCli} from '../support/cli.js'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()))
})

// What CI runs on a contributor's pull request, on a temporary git repository.
describe('a pull request that adds an entry', () => {
  it('gets an annotation per problem and checks only the links it adds', async () => {
    const github = await startFakeGithub({token: 'pr-token', everythingExists: true})
    closers.push(github.close)
    const {dir, cleanup} = await copyList()
    closers.push(cleanup)
    git(dir, 'init', '-q', '-b', 'main')
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'base')

    await writeFile(
      path.join(dir, 'entries/agent/foo-agent.yaml'),
      'name: Foo Agent\nurl: https://github.com/foo/agent\ndesciption: Plans.\nadded: 2024-06-01\n'
    )
    const validate = await runCli(dir, ['validate'], {GITHUB_ACTIONS: 'true'})
    expect(validate.code).toBe(1)
    expect(validate.stderr.split('\n').filter(line => line.startsWith('::'))).toEqual([
      '::error file=entries/agent/foo-agent.yaml,line=3,col=1,title=unknown-field::Unknown field `desciption`; did you mean `description`?'
    ])

    // The contributor fixes it; now the links the change adds are checked, and only those.
    await writeFile(
      path.join(dir, 'entries/agent/foo-agent.yaml'),
      'name: Foo Agent\nurl: https://github.com/foo/agent\ndescription: Plans.\nadded: 2024-06-01\n'
    )
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'add Foo Agent')
    const env = {
      GITHUB_TOKEN: 'pr-token',
      GITHUB_GRAPHQL_URL: github.graphqlUrl,
      GITHUB_API_URL: github.apiUrl
    }
    const check = await runCli(
      dir,
      ['check-links', '--changed-since', 'HEAD~1', '--repos-only'],
      env
    )
    expect(check.stderr).toBe(
      'check-links: --changed-since HEAD~1: 1 changed file in entries/ and templates/ (untracked ones included), 1 link on added lines\n'
    )
    expect(check.code).toBe(0)
    expect(check.stdout).toContain('1 repository links: 0 missing')
    expect(github.requests.filter(r => r.api === 'graphql').map(r => r.aliases)).toEqual([1])

    const stale = await runCli(dir, ['build-readme', '--check'])
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain('Run `npm run build-readme` and commit the result.')
  })

  it('counts an entry that is not yet added to git, and never passes options to git', async () => {
    const github = await startFakeGithub({token: 'pr-token', everythingExists: true})
    closers.push(() => github.close())
    const {dir, cleanup} = await copyList()
    closers.push(cleanup)
    git(dir, 'init', '-q', '-b', 'main')
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'list')
    await writeFile(
      path.join(dir, 'entries/agent/foo.yaml'),
      'name: Foo Agent\nurl: https://github.com/foo/agent\ndescription: Plans.\nadded: 2024-06-01\n'
    )
    const env = {
      GITHUB_TOKEN: 'pr-token',
      GITHUB_GRAPHQL_URL: github.graphqlUrl,
      GITHUB_API_URL: github.apiUrl
    }
    const check = await runCli(dir, ['check-links', '--changed-since', 'HEAD', '--repos-only'], env)
    expect(check.stderr).toContain(
      '1 changed file in entries/ and templates/ (untracked ones included), 1 link on added lines'
    )
    expect(check.stdout).toContain('1 repository links')
    for (const ref of ['--output=x.txt', '--ext-diff', '-p']) {
      const injected = await runCli(
        dir,
        ['check-links', `--changed-since=${ref}`, '--repos-only'],
        env
      )
      expect(injected.code).toBe(2)
      expect(injected.stderr).toContain('a ref cannot start with `-`')
    }
    expect(existsSync(path.join(dir, 'x.txt'))).toBe(false)
  })

  it('says so when --only matches nothing, suggesting the nearest host (exit 2)', async () => {
    const {dir, cleanup} = await copyList()
    closers.push(cleanup)
    const typo = await runCli(dir, ['check-links', '--only', 'github', '--no-repos'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toMatch(
      /`--only github` matches none of the list's \d+ links; did you mean `github\.com`\?/
    )
    const glob = await runCli(dir, ['check-links', '--only', 'https://githb.com/*', '--no-repos'])
    expect(glob.code).toBe(2)
    expect(glob.stderr).toContain('did you mean `https://github.com/*`?')
  })

  it('rejects a ref git does not know with exit code 2', async () => {
    const {dir, cleanup} = await copyList()
    closers.push(cleanup)
    git(dir, 'init', '-q', '-b', 'main')
    const result = await runCli(dir, [
      'check-links',
      '--changed-since',
      'no-such-ref',
      '--repos-only'
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('cannot diff against `no-such-ref`')
  })
})
