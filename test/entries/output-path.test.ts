import {mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {copyList, exists, runCli, snapshotTree} from '../support/cli.js'
import {linesWithRule, runOnHostileList} from '../support/hostile.js'

/** templates/locales.yaml with the English README written to `output` (line 7, column 13). */
function localesWith(output: string): string {
  return `# Locales\n\n\nlocales:\n  - id: en\n    name: English\n    output: ${output}\n    template: templates/README.en.md\n  - id: zh\n    name: 简体中文\n    output: README.zh-CN.md\n    template: templates/README.zh.md\n`
}

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map(cleanup => cleanup()))
})

describe('a locale whose output would leave the repository or overwrite what it must not', () => {
  it.each([
    ['an absolute path', '/tmp/secval-evil.md', 'it is absolute'],
    ['a Windows drive path', "'C:/Users/x/README.md'", 'it is absolute'],
    ['a parent folder', '../outside.md', 'it leads out of the repository'],
    ['a parent folder reached through a subfolder', 'docs/../../outside.md', 'it leads out'],
    ['a backslash path', "'..\\outside.md'", 'it has a backslash'],
    ['a git hook', '.git/hooks/pre-commit', 'it is not a Markdown file'],
    ['a Markdown file in .git', '.git/info/README.md', 'it is inside `.git/`'],
    ["a submodule's .git, upper case", 'vendor/.GIT/README.md', 'it is inside `.GIT/`'],
    ['a file that is not Markdown', 'package.json', 'it is not a Markdown file'],
    ['an entry folder', 'entries/agent/README.md', 'it is inside `entries/`'],
    ['a template', 'templates/README.zh.md', 'it is inside `templates/`'],
    ['nothing', "''", 'it is empty'],
    [
      'a line break that would start a workflow command',
      '"README\\n::warning title=pwned::x.md"',
      'it has a control character or a line break'
    ]
  ])('%s is refused at the `output` line and nothing is written', async (_, output, reason) => {
    const run = await runOnHostileList({'templates/locales.yaml': localesWith(output)})
    expect(run.validate.code).toBe(1)
    expect(run.build.code).toBe(1)
    expect(run.unchanged).toBe(true)
    const [line] = linesWithRule(run.validate.stderr, 'bad-output-path')
    expect(line).toMatch(/^templates\/locales\.yaml:7:13: error Invalid `output` `/)
    expect(line).toContain(`: ${reason}`)
    expect(line).toContain('expected a Markdown file inside the repository, such as `README.md`')
    expect(await exists(path.join(tmpdir(), 'outside.md'))).toBe(false)
    expect(await exists('/tmp/secval-evil.md')).toBe(false)
  })

  it('a README in a subfolder is fine', async () => {
    const {dir, cleanup} = await copyList()
    cleanups.push(cleanup)
    await writeFile(path.join(dir, 'templates/locales.yaml'), localesWith('docs/README.md'))
    await mkdir(path.join(dir, 'docs'))
    const result = await runCli(dir, ['build-readme'])
    expect(result.code).toBe(0)
    expect(await readFile(path.join(dir, 'docs/README.md'), 'utf8')).toContain('AutoGen')
  })
})

describe('symbolic links on the way to an output', () => {
  /** A list whose English README goes to `docs/README.md`, and a folder outside it. */
  async function listAndOutside(): Promise<{dir: string; outside: string}> {
    const {dir, cleanup} = await copyList()
    const outside = await mkdtemp(path.join(tmpdir(), 'outside-'))
    cleanups.push(cleanup, () => rm(outside, {recursive: true, force: true}))
    await writeFile(path.join(dir, 'templates/locales.yaml'), localesWith('docs/README.md'))
    return {dir, outside}
  }

  it('a folder linked to outside the repository is refused, before anything is written', async () => {
    const {dir, outside} = await listAndOutside()
    await symlink(outside, path.join(dir, 'docs'))
    const before = await snapshotTree(dir)
    for (const argv of [['build-readme'], ['build-readme', '--check']]) {
      const result = await runCli(dir, argv)
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(
        'build-readme: cannot write `docs/README.md`: its folder is a symbolic link that leads out of the repository\nNo README was written.\n'
      )
    }
    expect(await readdir(outside)).toEqual([])
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it('an output that is itself a link is neither read nor replaced', async () => {
    const {dir, outside} = await listAndOutside()
    const secret = path.join(outside, 'secret.txt')
    await writeFile(secret, 'SENTINEL-SECRET\n')
    await mkdir(path.join(dir, 'docs'))
    await symlink(secret, path.join(dir, 'docs/README.md'))
    const result = await runCli(dir, ['build-readme', '--check'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'cannot write `docs/README.md`: it is a symbolic link; a generated file must be a plain file'
    )
    expect(`${result.stdout}${result.stderr}`).not.toContain('SENTINEL')
    expect((await runCli(dir, ['build-readme'])).code).toBe(1)
    expect(await readFile(secret, 'utf8')).toBe('SENTINEL-SECRET\n')
  })

  it('a folder linked to another folder inside the repository is fine', async () => {
    const {dir} = await listAndOutside()
    await mkdir(path.join(dir, 'site'))
    await symlink(path.join(dir, 'site'), path.join(dir, 'docs'))
    const result = await runCli(dir, ['build-readme'])
    expect(result.code).toBe(0)
    expect(await readFile(path.join(dir, 'site/README.md'), 'utf8')).toContain('AutoGen')
  })
})
