import {readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseList} from '../../src/entries/parse.js'
import {readListSources} from '../../src/entries/sources.js'
import {renderReadmes} from '../../src/render/readme.js'
import {copyList, fixtures, projectRoot, runCli, snapshotTree} from '../support/cli.js'

const list = path.join(fixtures, 'list')

describe('build-readme', () => {
  it('renders the fixture list to the expected README of each language', async () => {
    const {model} = parseList(await readListSources(list))
    const {readmes, diagnostics} = renderReadmes(model!)
    expect(diagnostics).toEqual([])
    for (const readme of readmes)
      expect(readme.content).toBe(await readFile(path.join(list, readme.output), 'utf8'))
    expect(readmes.map(r => r.output)).toEqual(['README.md', 'README.zh-CN.md'])
  })

  it('is deterministic: two builds give the same bytes', async () => {
    const render = async () =>
      renderReadmes(parseList(await readListSources(projectRoot)).model!).readmes.map(
        r => r.content
      )
    expect(await render()).toEqual(await render())
  })

  it('shows a new entry in both languages, with the fallback text where a translation is missing', async () => {
    const {dir, cleanup} = await copyList()
    try {
      await writeFile(
        path.join(dir, 'entries/agent/new-agent.yaml'),
        'name: NewAgent\nurl: https://github.com/example/new-agent\ncontributor: Example Lab\ndescription:\n  en: Plans | acts.\n  zh: 会规划，会行动。\nadded: 2024-05-01\n'
      )
      const result = await runCli(dir, ['build-readme'])
      expect(result.code).toBe(0)
      const en = await readFile(path.join(dir, 'README.md'), 'utf8')
      const zh = await readFile(path.join(dir, 'README.zh-CN.md'), 'utf8')
      expect(en).toContain(
        '| Example Lab | [NewAgent](https://github.com/example/new-agent) | Plans \\| acts. |'
      )
      expect(zh).toContain(
        '| Example Lab | [NewAgent](https://github.com/example/new-agent) | 会规划，会行动。 |'
      )
      // Chronological: the newest entry comes last in its section.
      expect(en.indexOf('NewAgent')).toBeGreaterThan(en.indexOf('AutoGen'))
      // Written atomically: no temporary file is left behind.
      expect((await readdir(dir)).filter(name => name.endsWith('.tmp'))).toEqual([])
    } finally {
      await cleanup()
    }
  })

  it('--check names each stale README and the command that fixes it, and writes nothing', async () => {
    const {dir, cleanup} = await copyList()
    try {
      await writeFile(
        path.join(dir, 'entries/agent/babyagi.yaml'),
        (await readFile(path.join(dir, 'entries/agent/babyagi.yaml'), 'utf8')).replace(
          'Creates tasks',
          'Makes tasks'
        )
      )
      const before = await snapshotTree(dir)
      const result = await runCli(dir, ['build-readme', '--check'])
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(
        'README.md is out of date with entries/ and templates/\nREADME.zh-CN.md is out of date with entries/ and templates/\nRun `npm run build-readme` and commit the result.\n'
      )
      expect(await snapshotTree(dir)).toEqual(before)
    } finally {
      await cleanup()
    }
  })

  it('--check passes on the committed list: the READMEs in the repository are up to date', async () => {
    const result = await runCli(projectRoot, ['build-readme', '--check'])
    expect(result).toEqual({code: 0, stdout: 'README.md, README.zh-CN.md up to date\n', stderr: ''})
  })

  it('rejects an unknown placeholder in a template with its position, and writes nothing', async () => {
    const {dir, cleanup} = await copyList()
    try {
      const template = path.join(dir, 'templates/README.zh.md')
      await writeFile(
        template,
        (await readFile(template, 'utf8')).replace('{{toc}}', '{{contents}}')
      )
      const before = await snapshotTree(dir)
      const result = await runCli(dir, ['build-readme'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        'templates/README.zh.md:9:1: error Unknown placeholder `{{contents}}`; expected one of: `{{language-switcher}}`, `{{toc}}`, `{{sections}}`, `{{legend}}`, `{{translation-status}}` (unknown-placeholder)'
      )
      expect(await snapshotTree(dir)).toEqual(before)
    } finally {
      await cleanup()
    }
  })

  it('rejects unknown options with exit code 2', async () => {
    const result = await runCli(list, ['build-readme', '--chekc'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown option `--chekc`')
  })
})
