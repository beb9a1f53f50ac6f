import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {applyTranslation} from '../../src/translations/apply.js'
import {readSheet, SheetError, writeSheet} from '../../src/translations/csv.js'
import {sourceHash} from '../../src/model/source-hash.js'
import {copyList, runCli} from '../support/cli.js'

describe('sourceHash', () => {
  it('is 8 hex digits, the same for the same text, and changes with the text', () => {
    expect(sourceHash('A framework.')).toMatch(/^[0-9a-f]{8}$/)
    expect(sourceHash('A framework.\n')).toBe(sourceHash('A framework.'))
    expect(sourceHash('A framework!')).not.toBe(sourceHash('A framework.'))
  })
})

describe('translation sheets', () => {
  it('round-trip commas, quotes and line breaks', () => {
    const row = {
      file: 'entries/a/b.yaml',
      field: 'description',
      locale: 'zh',
      status: 'missing',
      source_hash: '0123abcd',
      source: 'Say "hi",\nthen go',
      translation: '说"你好"，\n然后走'
    }
    expect(readSheet(writeSheet([row]))).toEqual([row])
  })
  it('name what is wrong with a sheet that cannot be read', () => {
    expect(() => readSheet('file,field\n')).toThrow(SheetError)
    expect(() => readSheet('file,field\n')).toThrow(/header lacks `locale`/)
    expect(() => readSheet(`${writeSheet([]).trim()}\n"open,`)).toThrow(/line 2: a quoted cell/)
  })
})

describe('applyTranslation', () => {
  const source = '# keep me\nname: X\ndescription: |-\n  Two lines\n  of text.\nadded: 2024-01-01\n'
  it('turns a plain text into {en, zh}, keeping its block style and the comment, and records the hash', () => {
    const outcome = applyTranslation(source, {
      field: 'description',
      sourceLocale: 'en',
      locale: 'zh',
      sourceHash: sourceHash('Two lines\nof text.'),
      translation: '两行文字。'
    })
    expect(outcome).toEqual({
      kind: 'applied',
      source: `# keep me\nname: X\ndescription:\n  en: |-\n    Two lines\n    of text.\n  zh: 两行文字。\nadded: 2024-01-01\ntranslations:\n  zh:\n    description: ${sourceHash('Two lines\nof text.')}\n`
    })
  })
  it('refuses a translation of a text that changed since the sheet was made', () => {
    expect(
      applyTranslation(source, {
        field: 'description',
        sourceLocale: 'en',
        locale: 'zh',
        sourceHash: sourceHash('One line'),
        translation: '一行'
      })
    ).toMatchObject({kind: 'source-changed', expected: sourceHash('One line')})
  })
})

describe('npm run translations', () => {
  it('reports per section, exports a sheet, imports it back, and validate then warns when the source changes', async () => {
    const {dir, cleanup} = await copyList()
    try {
      const before = await runCli(dir, ['translations'])
      expect(before.code).toBe(0)
      expect(before.stdout).toContain(
        'Translations into 简体中文 (zh): 4 of 7 texts translated (0 stale, 4 not yet checked against their source), 3 missing'
      )
      expect(before.stdout).toMatch(/^pretrain-data +2 +0 +1 +0 +1$/m)
      expect(before.stdout).toMatch(/^total +7 +0 +4 +0 +3$/m)

      const listed = await runCli(dir, ['translations', '--list'])
      expect(listed.stdout).toContain(
        'entries/pretrain-data/redpajama.yaml:7: description (missing)'
      )

      expect((await runCli(dir, ['translations', '--export', 'todo.csv'])).code).toBe(0)
      const rows = readSheet(await readFile(path.join(dir, 'todo.csv'), 'utf8'))
      expect(rows).toHaveLength(7)
      const redpajama = rows.find(row => row.file === 'entries/pretrain-data/redpajama.yaml')!
      expect(redpajama).toMatchObject({
        field: 'description',
        status: 'missing',
        source: 'An Open Source Recipe to Reproduce LLaMA training dataset.',
        translation: ''
      })
      redpajama.translation = '复现 LLaMA 训练数据集的开源方案。'
      // Unchecked translations come prefilled: importing them as they are records their hash.
      await writeFile(path.join(dir, 'todo.csv'), writeSheet(rows))
      const imported = await runCli(dir, ['translations', '--import', 'todo.csv'])
      expect(imported).toMatchObject({code: 0, stderr: ''})
      expect(imported.stdout).toMatch(/^imported 5 translations into 5 files/)

      const after = await runCli(dir, ['translations'])
      expect(after.stdout).toMatch(/^total +7 +5 +0 +0 +2$/m)
      expect((await runCli(dir, ['validate'])).stderr).toBe('')

      // The English text changes: the Chinese one is now stale, reported at its own line.
      const file = path.join(dir, 'entries/pretrain-data/redpajama.yaml')
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('training dataset.', 'training data.')
      )
      const validated = await runCli(dir, ['validate'])
      expect(validated.code).toBe(0)
      expect(validated.stderr).toMatch(
        /^entries\/pretrain-data\/redpajama\.yaml:9:7: warning The `zh` text of `description` translates an older `en` text .*\(stale-translation\)$/m
      )
      expect((await runCli(dir, ['translations'])).stdout).toMatch(/^total +7 +4 +0 +1 +2$/m)
      // Importing the old sheet again is refused for the changed text, and nothing is written.
      const again = await runCli(dir, ['translations', '--import', 'todo.csv'])
      expect(again.code).toBe(1)
      expect(again.stderr).toContain('the en text changed since the sheet was made')
      expect(again.stderr).toContain('No file was changed.')
    } finally {
      await cleanup()
    }
  })
})
