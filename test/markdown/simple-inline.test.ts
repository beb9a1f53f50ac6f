import {describe, expect, it} from 'vitest'
import {parseList} from '../../src/entries/parse.js'
import {readListSources} from '../../src/entries/sources.js'
import {parseInlineWithMicromark, splitCellLines} from '../../src/markdown/parse.js'
import {parseSimpleInline} from '../../src/markdown/simple-inline.js'
import {projectRoot} from '../support/cli.js'
import {seededRandom} from '../support/random.js'

/** The shortcut either declines or gives exactly micromark's nodes. */
function expectAgreement(line: string): boolean {
  const simple = parseSimpleInline(line)
  if (simple) expect({line, nodes: simple}).toEqual({line, nodes: parseInlineWithMicromark(line)})
  return simple !== undefined
}

describe('parseSimpleInline', () => {
  it('agrees with micromark on every line of the real list, and takes most of those with Markdown in them', async () => {
    const {model} = parseList(await readListSources(projectRoot))
    const lines = new Set<string>()
    for (const entry of model!.entries) {
      const texts = [
        entry.name,
        ...Object.values(entry.fields),
        ...entry.links.map(link => link.name)
      ]
      for (const value of texts)
        for (const text of typeof value === 'string' ? [value] : Object.values(value))
          for (const line of splitCellLines(text)) lines.add(line)
    }
    const withMarkdown = [...lines].filter(line => /[[*`]/.test(line))
    const taken = withMarkdown.filter(line => expectAgreement(line))
    for (const line of lines) expectAgreement(line)
    expect(withMarkdown.length).toBeGreaterThan(100)
    expect(taken.length / withMarkdown.length).toBeGreaterThan(0.5)
  })

  it('declines what only micromark can read', () => {
    const declined = [
      'a**b** c',
      '**a **',
      '** a**',
      '***a***',
      '_a_',
      'a_b',
      '[a](b "title")',
      '[a](<b>)',
      '[a](b(c))',
      '[a](b&amp;c)',
      '[](b)',
      '[a]',
      '[a][b]',
      '![a](b)',
      '3.0~3.5B',
      'see www.example.org',
      'https://example.org',
      'mail me@example.org',
      '&amp;',
      '&#35;',
      'a\\*b',
      '<b>x</b>',
      '`a``',
      '`` a ``',
      '` a `',
      ' leading',
      'trailing ',
      '[**a**](b)',
      '**[a](b)**',
      '*a*b',
      '[x](https://a.org/é)',
      'a\u0000b',
      // Found by an adversarial fuzzer: an e-mail domain may start with a dot; `](` in a code span is not a destination.
      'a@.b',
      'x a@.bc y',
      '`](`http://b)',
      '`](`www.)',
      '`](`a@b.co)',
      '`(`a@.c`)`'
    ]
    for (const line of declined)
      expect({line, nodes: parseSimpleInline(line)}).toEqual({line, nodes: undefined})
  })

  it('takes the common shapes', () => {
    const taken = [
      'plain words, (with) punctuation & symbols!',
      '[text](https://example.org/a_b?c=1&d=2#e)',
      'a **strong** word.',
      'an *emphasised* word',
      'run `npm ci` first',
      'Llama2 base models, ranked **TOP-1** on [AlpacaEval](https://tatsu-lab.github.io/alpaca_eval/).',
      '中文 **加粗** 文本。',
      '(**a**)',
      '@org-5'
    ]
    for (const line of taken)
      expect({line, taken: expectAgreement(line)}).toEqual({line, taken: true})
  })

  it('agrees with micromark on 30,000 generated lines', () => {
    const {next, pick} = seededRandom(20261127)
    const pieces = [
      'a',
      'b',
      'Z',
      '1',
      ' ',
      '  ',
      '*',
      '**',
      '***',
      '_',
      '`',
      '[',
      ']',
      '](',
      ')',
      '(',
      '!',
      '&',
      '&amp;',
      '#',
      '.',
      ',',
      ':',
      ';',
      '?',
      '-',
      '+',
      '=',
      '|',
      '~',
      '\\',
      '<',
      '>',
      '^',
      '"',
      "'",
      '$',
      '/',
      'http://x.y',
      'www.',
      'www.a.b',
      '@',
      'x@y.z',
      '中',
      '。',
      '（',
      '）',
      '⭐',
      '😀',
      '\t',
      'é',
      '\u00a0',
      '\u3000',
      '1.',
      '#'
    ]
    const letters = ['a', 'b', 'Z', '1', '中', 'é', ' ']
    const word = () =>
      Array.from({length: 1 + Math.floor(next() * 4)}, () =>
        pick(next() < 0.6 ? letters : pieces)
      ).join('')
    const constructs = [
      () => word(),
      () =>
        `[${word()}](${pick(['https://a.org/x', 'b', 'x_y', 'a)b', 'a b', '#top', '<c>', 'a[b]'])})`,
      () => `**${word()}**`,
      () => `*${word()}*`,
      () => `\`${word()}\``,
      () => pick([' ', '', '.', '(', ')', ', ', '*', '**']),
      () => {
        const delimiter = pick(['*', '**', '_', '__', '~', '~~', '`', '``', '***'])
        return `${delimiter}${word()}${delimiter}`
      }
    ]
    let taken = 0
    for (let i = 0; i < 30_000; i++) {
      const line = Array.from({length: 1 + Math.floor(next() * 6)}, () => pick(constructs)()).join(
        ''
      )
      if (expectAgreement(line)) taken++
    }
    // Enough of both kinds for the comparison to mean something.
    expect(taken).toBeGreaterThan(3_000)
    expect(taken).toBeLessThan(27_000)
  })
})
