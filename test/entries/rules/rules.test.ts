import {describe, expect, it} from 'vitest'
import {fixProse} from '../../../src/entries/prose.js'
import {doubleSpace} from '../../../src/entries/rules/double-space.js'
import {linkTextPunctuation} from '../../../src/entries/rules/link-text-punctuation.js'
import {missingSpace} from '../../../src/entries/rules/missing-space.js'
import type {ProseRule, ProseText} from '../../../src/entries/rules/types.js'
import {urlTrailingPunctuation} from '../../../src/entries/rules/url-trailing-punctuation.js'
import {wrongLanguage} from '../../../src/entries/rules/wrong-language.js'

const cell = (text: string, locale?: string): ProseText => ({text, locale, kind: 'cell'})
/** What one rule's fixes make of a text. */
const fixed = (rule: ProseRule, value: ProseText) => {
  let text = value.text
  for (const finding of [...rule.check(value)].reverse())
    if (finding.edit)
      text =
        text.slice(0, finding.edit.index) +
        finding.edit.insert +
        text.slice(finding.edit.index + finding.edit.length)
  return text
}

describe('missing-space', () => {
  it.each([
    ['trained on the[Andromeda](https://x.org) AI', 'trained on the [Andromeda](https://x.org) AI'],
    [
      "Ben Wang's[Mesh Transformer JAX](https://x.org).",
      "Ben Wang's [Mesh Transformer JAX](https://x.org)."
    ],
    ['built by**TII** and', 'built by **TII** and'],
    ['see [docs](https://x.org)now', 'see [docs](https://x.org) now'],
    ['the **first model**ever', 'the **first model** ever'],
    ['v2[link](https://x.org/a_(b))x', 'v2 [link](https://x.org/a_(b)) x']
  ])('%s → %s', (text, expected) => {
    expect(missingSpace.check(cell(text)).length).toBeGreaterThan(0)
    expect(fixed(missingSpace, cell(text))).toBe(expected)
  })

  it.each([
    ['基于[LLaMA](https://x.org)的模型', 'zh'],
    ['基于[LLaMA](https://x.org)的中文模型', undefined],
    ['使用**LoRA**微调', 'zh'],
    ['(**U**ntuned LLMs with **R**estyled **I**n-context **AL**ignment)', undefined],
    ['each **tool** as a to**ken**', undefined],
    ['`a[b](c)` in code', undefined],
    ['![logo](https://x.org/a.png) image', undefined],
    ['a, [b](https://x.org). (**c**)', undefined],
    ['several [GPU](https://x.org)s at once', undefined]
  ])('leaves %s alone', (text, locale) => {
    expect(missingSpace.check(cell(text, locale))).toEqual([])
  })

  it('checks English text under `en` even when the Chinese one has no spaces', () => {
    expect(missingSpace.check(cell('by[TII](https://x.org)', 'en'))).toHaveLength(1)
  })
})

describe('double-space', () => {
  it('collapses doubled spaces between words, not indentation or code', () => {
    const value: ProseText = {text: 'a  b\n  - item `x  y`  c', locale: undefined, kind: 'block'}
    expect(doubleSpace.check(value)).toHaveLength(2)
    expect(fixed(doubleSpace, value)).toBe('a b\n  - item `x  y` c')
  })
})

describe('link-text-punctuation', () => {
  it('moves punctuation out of the link text', () => {
    expect(fixed(linkTextPunctuation, cell('uses [LLaMA,](https://x.org) and'))).toBe(
      'uses [LLaMA](https://x.org), and'
    )
    expect(fixed(linkTextPunctuation, cell('见[论文。](https://x.org)'))).toBe(
      '见[论文](https://x.org)。'
    )
  })
  it('leaves names, ellipses and abbreviations alone', () => {
    expect(
      linkTextPunctuation.check(
        cell('[Node.js](https://x.org) [...](https://y.org) [Smith et al.](https://z.org)')
      )
    ).toEqual([])
  })
})

describe('url-trailing-punctuation', () => {
  it.each([
    ['https://github.com/org/repo)', 'https://github.com/org/repo'],
    ['https://github.com/org/repo.', 'https://github.com/org/repo'],
    ['https://github.com/org/repo,', 'https://github.com/org/repo'],
    ['https://github.com/org/repo;', 'https://github.com/org/repo'],
    ['https://github.com/org/repo).', 'https://github.com/org/repo']
  ])('trims %s', (url, expected) => {
    expect(fixed(urlTrailingPunctuation, {text: url, locale: undefined, kind: 'url'})).toBe(
      expected
    )
  })
  it('keeps a balanced parenthesis and a file extension', () => {
    for (const url of ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://x.org/paper.pdf'])
      expect(urlTrailingPunctuation.check({text: url, locale: undefined, kind: 'url'})).toEqual([])
  })
  it('trims a link target inside text', () => {
    expect(fixed(urlTrailingPunctuation, cell('see [x](https://x.org/a.) now'))).toBe(
      'see [x](https://x.org/a) now'
    )
  })
})

describe('wrong-language', () => {
  it('warns for Chinese under `en` and as a plain string, and English prose under `zh`', () => {
    expect(wrongLanguage.check(cell('开源微调大型语言模型合集', 'en'))).toHaveLength(1)
    expect(wrongLanguage.check(cell('开源微调大型语言模型（LLM）合集'))).toHaveLength(1)
    expect(
      wrongLanguage.check(cell('a fast and easy library for LLM inference and serving', 'zh'))
    ).toHaveLength(1)
    expect(wrongLanguage.severity).toBe('warning')
  })
  it('accepts Chinese with English names, and names or short terms in either field', () => {
    expect(wrongLanguage.check(cell('基于 LLaMA 和 GPT-4 数据微调的中文模型', 'zh'))).toEqual([])
    expect(wrongLanguage.check(cell('ChatGLM-6B', 'zh'))).toEqual([])
    expect(wrongLanguage.check(cell('en/zh'))).toEqual([])
    expect(
      wrongLanguage.check(cell('[Chinese-LLaMA](https://github.com/ymcui/中文) model', 'en'))
    ).toEqual([])
  })
})

describe('fixProse', () => {
  it('applies every rule until nothing is left, and counts the fixes', () => {
    const {text, counts} = fixProse(cell('built by[TII](https://x.org/a.)  and**more text**here'))
    expect(text).toBe('built by [TII](https://x.org/a) and **more text** here')
    expect(Object.fromEntries(counts)).toEqual({
      'missing-space': 3,
      'double-space': 1,
      'url-trailing-punctuation': 1
    })
  })
})
