import {readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {copyList, runCli} from '../support/cli.js'
import {git, initRepo} from '../support/git.js'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map(cleanup => cleanup()))
})

/** The fixture list as a repository on `main`, with a `contributor` branch checked out. */
async function repository(): Promise<string> {
  const {dir, cleanup} = await copyList()
  cleanups.push(cleanup)
  expect((await runCli(dir, ['build-readme'])).code).toBe(0)
  initRepo(dir)
  git(dir, 'checkout', '-qb', 'contributor')
  return dir
}

const helper =
  'name: Helper\nurl: https://github.com/example/helper\ncontributor: "@example"\ndescription:\n  en: Helps *a lot* | with pipes.\n  zh: 很有帮助。\nadded: 2025-06-01\n'

describe('preview --changed-since', () => {
  it('prints the rows a new entry will produce in each language, rendered as the README renders them', async () => {
    const dir = await repository()
    await writeFile(path.join(dir, 'entries/agent/helper.yaml'), helper)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'Add Helper')

    const result = await runCli(dir, ['preview', '--changed-since', 'main'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('#### `entries/agent/helper.yaml` (added) → Agent / 智能体\n')
    const row =
      '| @example | [Helper](https://github.com/example/helper) | Helps *a lot* \\| with pipes. |'
    expect(result.stdout).toContain(
      `**English** in \`README.md\`\n\n| contributor | project | main feature |\n| - | - | - |\n${row}\n`
    )
    expect(result.stdout).toContain(
      '**简体中文** in `README.zh-CN.md`\n\n| 贡献者 | 项目 | 主要特点 |\n| - | - | - |\n| @example | [Helper](https://github.com/example/helper) | 很有帮助。 |\n'
    )
    // The very row main's rebuild will write.
    await runCli(dir, ['build-readme'])
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toContain(`${row}\n`)
  })

  it('previews the working tree, names removed entries, and says when nothing changed', async () => {
    const dir = await repository()
    expect((await runCli(dir, ['preview', '--changed-since', 'main'])).stdout).toContain(
      'No entry file was added or changed on this branch.'
    )
    await rm(path.join(dir, 'entries/agent/babyagi.yaml'))
    const removed = await runCli(dir, ['preview', '--changed-since', 'main'])
    expect(removed.code).toBe(0)
    expect(removed.stdout).toContain(
      '#### `entries/agent/babyagi.yaml` (removed)\n\nIts row leaves both READMEs.'
    )
  })

  it('shows only the branch’s own changes when main moved on since it branched', async () => {
    const dir = await repository()
    await writeFile(path.join(dir, 'entries/agent/helper.yaml'), helper)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'Add Helper')
    git(dir, 'checkout', '-q', 'main')
    await writeFile(
      path.join(dir, 'entries/agent/other.yaml'),
      helper.replaceAll('helper', 'other').replace('Helper', 'Other')
    )
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'Add Other on main')
    git(dir, 'checkout', '-q', 'contributor')
    const result = await runCli(dir, ['preview', '--changed-since', 'main'])
    expect(result.stdout).toContain('`entries/agent/helper.yaml` (added)')
    expect(result.stdout).not.toContain('other.yaml')
  })

  it('says there is no preview while the list does not validate, and exits 1', async () => {
    const dir = await repository()
    await writeFile(path.join(dir, 'entries/agent/helper.yaml'), 'name: Helper\n')
    const result = await runCli(dir, ['preview', '--changed-since', 'main'])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      'No preview: the list does not validate. Fix the problems marked on your files (see `npm run validate`), and the rows will show here.\n'
    )
  })

  it('rejects a ref git does not know, or one that looks like an option, with exit 2', async () => {
    const dir = await repository()
    const unknown = await runCli(dir, ['preview', '--changed-since', 'no-such-ref'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('preview: cannot diff against `no-such-ref`')
    const option = await runCli(dir, ['preview', '--changed-since=--output=x'])
    expect(option.code).toBe(2)
    expect(option.stderr).toContain('`--output=x` is not a git ref')
    expect((await runCli(dir, ['preview'])).stderr).toMatch(
      /^preview: missing --changed-since <ref>\n\nUsage: preview/
    )
  })
})

describe('check-generated --changed-since', () => {
  it('passes an entry-only branch', async () => {
    const dir = await repository()
    await writeFile(path.join(dir, 'entries/agent/helper.yaml'), helper)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'Add Helper')
    const result = await runCli(dir, ['check-generated', '--changed-since', 'main'])
    expect(result).toEqual({
      code: 0,
      stdout: 'README.md, README.zh-CN.md untouched since main\n',
      stderr: ''
    })
  })

  it('fails a branch that edits a README, annotating the file with what to do instead', async () => {
    const dir = await repository()
    const readme = path.join(dir, 'README.zh-CN.md')
    await writeFile(
      readme,
      `${await readFile(readme, 'utf8')}| x | [Helper](https://github.com/example/helper) | 手写的 |\n`
    )
    git(dir, 'commit', '-qam', 'Edit the README by hand')
    const result = await runCli(dir, ['check-generated', '--changed-since', 'main'], {
      GITHUB_ACTIONS: 'true'
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      '::error file=README.zh-CN.md,line=1,col=1,title=generated-file-edited::`README.zh-CN.md` is generated from the entry files and was modified on this branch; edit the entry file instead'
    )
    expect(result.stderr).toContain('To undo the change: git checkout main -- README.zh-CN.md\n')
  })
})

describe('preview of a file not yet added to git', () => {
  it('counts it as added', async () => {
    const dir = await repository()
    await writeFile(path.join(dir, 'entries/agent/helper.yaml'), helper)
    const result = await runCli(dir, ['preview', '--changed-since', 'main'])
    expect(result.stdout).toContain('`entries/agent/helper.yaml` (added)')
  })
})
