import {describe, expect, it} from 'vitest'
import {parseNewEntryArgs} from '../../src/scaffold/options.js'
import {deriveSlug, localDate, suggestSections, textValue} from '../../src/scaffold/plan.js'

describe('textValue', () => {
  const locales = ['en', 'zh']
  it.each([
    [{all: 'x', byLocale: {}}, 'x'],
    [{all: ' x ', byLocale: {}}, 'x'],
    [{all: '', byLocale: {}}, undefined],
    [{byLocale: {en: 'x', zh: 'x'}}, 'x'],
    [{byLocale: {zh: '中'}}, {zh: '中'}],
    [
      {all: 'x', byLocale: {zh: '中'}},
      {en: 'x', zh: '中'}
    ],
    [{all: 'x', byLocale: {zh: 'x'}}, 'x'],
    [{all: 'x', byLocale: {zh: '  '}}, 'x']
  ])('%j → %j', (input, expected) => {
    expect(textValue(input, locales)).toEqual(expected)
  })
})

describe('suggestSections', () => {
  const ids = [
    'agent',
    'base-models',
    'make-new-tools',
    'quantization',
    'using-existing-tools',
    'vector-database'
  ]
  it.each([
    ['agnet', ['agent']],
    ['Agent', ['agent']],
    ['quantisation', ['quantization']],
    ['base', ['base-models']],
    ['tools', ['make-new-tools', 'using-existing-tools']],
    ['zzz', []],
    ['db', []]
  ])('%s → %j', (value, expected) => {
    expect(suggestSections(value, ids)).toEqual(expected)
  })
})

describe('deriveSlug', () => {
  it.each([
    ['Tülu 2', undefined, 'tulu-2'],
    ['Framework/ToolKit', undefined, 'framework-toolkit'],
    ['智能体', 'https://github.com/owner/Zhi-Neng', 'zhi-neng'],
    [{en: 'Human evaluation', zh: '人工评估'}, undefined, 'human-evaluation'],
    [{zh: '人工评估'}, undefined, '']
  ])('%j → %s', (name, url, expected) => {
    expect(deriveSlug(name, url)).toBe(expected)
  })
})

describe('localDate', () => {
  it('uses the local calendar day, not UTC', () => {
    expect(localDate(new Date(2025, 0, 9, 23, 59))).toBe('2025-01-09')
    expect(localDate(new Date(2025, 11, 31, 0, 1))).toBe('2025-12-31')
  })
})

describe('parseNewEntryArgs', () => {
  it('reads --flag value, --flag=value, per-locale and hyphenated field names', () => {
    const {input} = parseNewEntryArgs(
      [
        '--section',
        'agent',
        '--name=Foo',
        '--base-model',
        'LLaMA',
        '--used_in',
        'x',
        '--description-zh',
        '中'
      ],
      ['en', 'zh']
    )
    expect(input).toEqual({
      section: 'agent',
      texts: {
        name: {all: 'Foo', byLocale: {}},
        base_model: {all: 'LLaMA', byLocale: {}},
        used_in: {all: 'x', byLocale: {}},
        description: {byLocale: {zh: '中'}}
      }
    })
  })
  it.each([
    [['--nme', 'Foo'], 'unknown option `--nme`; did you mean `--name`?'],
    [['--name'], '`--name` needs a value'],
    [['--name', '--url'], '`--name` needs a value'],
    [['Foo'], 'unexpected argument `Foo`'],
    [['--description-fr', 'x'], 'unknown option `--description-fr`']
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseNewEntryArgs(argv, ['en', 'zh'])).toThrow(message)
  })
})
