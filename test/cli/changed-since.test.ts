import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {git} from '../support/git.js'
import {copyList, runCli, snapshotTree} from '../support/cli.js'

let dir: string
let cleanup: () => Promise<void>

// A repository with one commit that adds an entry: what the pull-request job diffs.
beforeAll(async () => {
  ;({dir, cleanup} = await copyList())
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'base')
  await writeFile(
    path.join(dir, 'entries/agent/foo.yaml'),
    'name: Foo\nurl: https://github.com/foo/agent\ndescription: Plans.\nadded: 2024-06-01\n'
  )
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'add Foo')
}, 60_000)
afterAll(() => cleanup())

describe('check-links --changed-since with a value that git would read as an option', () => {
  it.each([
    ['--output, which makes git write a file', ['--changed-since=--output=written.txt']],
    ['--ext-diff, which would hide every added line', ['--changed-since=--ext-diff']],
    ['a short option', ['--changed-since=-R']],
    ['--no-index, which compares files outside the repository', ['--changed-since=--no-index']],
    ['an empty value', ['--changed-since=']]
  ])('%s is a usage error: exit 2, nothing run, nothing written', async (_, flags) => {
    const before = await snapshotTree(dir)
    const result = await runCli(dir, ['check-links', ...flags, '--no-repos'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /^check-links: `--changed-since` expects a git ref such as `origin\/main`, got `[^`]*`: a ref cannot start with `-` or be empty\n\nUsage: check-links/
    )
    expect(result.stdout).toBe('')
    expect(await snapshotTree(dir)).toEqual(before)
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  })

  it('an option given as the next argument is refused by the option parser', async () => {
    const result = await runCli(dir, ['check-links', '--changed-since', '--output=written.txt'])
    expect(result.code).toBe(2)
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  })

  it('a ref that merely contains an option is read as a ref, and git does not know it', async () => {
    const result = await runCli(dir, [
      'check-links',
      '--changed-since',
      'HEAD --output=written.txt',
      '--no-repos'
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('cannot diff against `HEAD --output=written.txt`')
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  })
})
