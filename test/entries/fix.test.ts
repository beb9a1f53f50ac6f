import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixFileSource} from '../../src/entries/fix.js'
import {readListSources} from '../../src/entries/sources.js'
import {copyList, projectRoot, runCli} from '../support/cli.js'

const proseCase = path.join(import.meta.dirname, 'fixtures', 'invalid', 'prose-rules', 'overlay')

describe('validate --fix', () => {
  it('changes no byte of a file that breaks no rule: every real entry and section file', async () => {
    const {entries} = await readListSources(projectRoot)
    expect(entries.length).toBeGreaterThan(400)
    const changed = entries.filter(file => fixFileSource(file.source).source !== file.source)
    expect(changed.map(file => file.path)).toEqual([])
  })

  it('fixes the text in place, keeping the comment, block style and the other locale', async () => {
    const source = await readFile(path.join(proseCase, 'entries', 'agent', 'glued.yaml'), 'utf8')
    const {source: fixed, counts} = fixFileSource(source)
    expect(fixed).toBe(
      source
        .replace('the[Andromeda]', 'the [Andromeda]')
        .replace('AI  supercomputer', 'AI supercomputer')
        .replace('by**TII**', 'by **TII**')
        .replace('[LLaMA,](https://example.org/llama)', '[LLaMA](https://example.org/llama),')
        .replace('glued).', 'glued')
    )
    expect(Object.fromEntries(counts)).toEqual({
      'missing-space': 2,
      'double-space': 1,
      'link-text-punctuation': 1,
      'url-trailing-punctuation': 1
    })
    // Chinese needs no spaces: the `zh` text is untouched.
    expect(fixed).toContain('基于[LLaMA](https://example.org/llama)的**中文**模型。')
  })

  it('rewrites a double-quoted scalar whose fix crosses an escape through the Document API', () => {
    const source = 'name: "A\\u0020\\u0020B[x](https://example.org)"\nadded: 2024-01-01\n'
    const {source: fixed} = fixFileSource(source)
    expect(fixed).toBe('name: "A B [x](https://example.org)"\nadded: 2024-01-01\n')
  })

  it('writes the fixes, reports what it did, and leaves only what needs a human', async () => {
    const {dir, cleanup} = await copyList(proseCase)
    try {
      const result = await runCli(dir, ['validate', '--fix'])
      expect(result.stdout).toBe(
        'fixed 1 file (1 double-space, 1 link-text-punctuation, 2 missing-space, 1 url-trailing-punctuation)\n6 entries in 3 sections are valid\n'
      )
      expect(result.stderr).toContain('(wrong-language)')
      expect(result.stderr).not.toContain('(missing-space)')
      expect(result.code).toBe(0)
      const again = await runCli(dir, ['validate', '--fix'])
      expect(again.stdout).toMatch(/^fixed 0 files\n/)
    } finally {
      await cleanup()
    }
  })
})
