import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {BlockContent, Link, PhrasingContent, Root, RootContent, TableRow} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseList} from '../../src/entries/parse.js'
import {readListSources} from '../../src/entries/sources.js'
import {
  parseBlocks,
  parseInline,
  parseInlineWithMicromark,
  primeInline,
  splitCellLines
} from '../../src/markdown/parse.js'
import {parseLinksAndStrong} from '../../src/markdown/links-and-strong.js'
import {serialize, serializeBlock} from '../../src/markdown/serialize.js'
import {projectRoot} from '../support/cli.js'
import {seededRandom} from '../support/random.js'
import {generateValidators} from '../../scripts/generate-validators.mjs'

// These tests render and compare thousands of documents: ~7 s on a quiet machine, over 50 s on a
// loaded 2-core one. The size is the point of them, so their time limit only catches a hang.
const heavyTestTimeoutMs = 300_000

describe('serialize', () => {
  it('gives byte-identical output with and without the shortcuts past escaping', {
    timeout: heavyTestTimeoutMs
  }, async () => {
    // The real READMEs, and a document of texts built to sit on every edge of the shortcut.
    const documents = await Promise.all(
      ['README.md', 'README.zh-CN.md'].map(file => readFile(path.join(projectRoot, file), 'utf8'))
    )
    const edges = [
      '1. not a list',
      '2) nor this',
      '- nor this',
      '+ nor this',
      ': colon',
      '(paren) [x]',
      'www.example.org',
      'see https://x.org',
      'a_b_c',
      'tab\there',
      ' leading space',
      'trailing space ',
      'x@y.org',
      'W.x',
      'ps://',
      '# not a heading',
      '> not a quote',
      '| pipe',
      'a *b* c',
      '&amp;',
      '1986. A year',
      '@org',
      'a@b.c',
      'x|y',
      '|',
      '@',
      '-|',
      '.@x',
      'a |@b',
      '|-',
      'x @y.z'
    ]
    const urls = [
      'https://a.org/x',
      'https://a.org/x?y=1&z=2',
      'https://a.org/(x)',
      'https://a.org/x|y',
      'https://a.org/ x',
      'a\\b',
      "https://a.org/it's",
      'https://a.org/*_[x]~',
      'https://a.org/a_b',
      'https://a.org/~u',
      'https://a.org/a*b',
      'https://a.org/[x]',
      'https://a.org/a!b',
      'https://a.org/a]b',
      'mailto:a@b.c',
      ''
    ]
    const links = urls.flatMap(url =>
      [url, url.replace(/^mailto:/, ''), 'text'].map(label => ({
        type: 'link' as const,
        url,
        children: [{type: 'text' as const, value: label}]
      }))
    )
    const edgeTree: Root = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: edges.flatMap(value => [
            {type: 'text' as const, value},
            {type: 'break' as const}
          ])
        },
        {
          type: 'paragraph',
          children: links.flatMap(link => [link, {type: 'text' as const, value: ' @x '}])
        },
        // Found by an adversarial fuzzer: the next text completes `http:/` or `www.`; a pipe inside an autolink is percent-encoded.
        {
          type: 'paragraph',
          children: [
            {type: 'text', value: 'see https:'},
            {type: 'text', value: '//example.com'},
            {type: 'text', value: ' or www.'},
            {type: 'text', value: 'example.com'}
          ]
        },
        {
          type: 'table',
          children: [
            {
              type: 'tableRow',
              children: [{type: 'tableCell', children: [{type: 'text', value: 'h'}]}]
            },
            {
              type: 'tableRow',
              children: [
                {
                  type: 'tableCell',
                  children: [
                    {type: 'link', url: 'ab:c|d', children: [{type: 'text', value: 'ab:c|d'}]}
                  ]
                }
              ]
            },
            {
              type: 'tableRow',
              children: [
                {
                  type: 'tableCell',
                  children: [
                    {type: 'link', url: 'mailto:a|b', children: [{type: 'text', value: 'a|b'}]}
                  ]
                }
              ]
            }
          ]
        },
        {
          type: 'table',
          children: [
            {
              type: 'tableRow',
              children: [{type: 'tableCell', children: [{type: 'text', value: 'h'}]}]
            },
            ...edges.map(value => ({
              type: 'tableRow' as const,
              children: [
                {
                  type: 'tableCell' as const,
                  children: [
                    {type: 'text' as const, value},
                    {type: 'strong' as const, children: [{type: 'text' as const, value}]},
                    {type: 'text' as const, value}
                  ]
                }
              ]
            })),
            ...links.map((link, index) => ({
              type: 'tableRow' as const,
              children: [
                {
                  type: 'tableCell' as const,
                  children: [
                    link,
                    {type: 'text' as const, value: edges[index % edges.length]!},
                    link
                  ]
                }
              ]
            }))
          ]
        }
      ]
    }
    for (const tree of [...documents.map(markdown => parseBlocks(markdown)), edgeTree]) {
      expect(serialize(tree)).toBe(serialize(tree, {shortcuts: false}))
    }
  })
})

describe('serialize, generated trees', () => {
  it('gives byte-identical output with and without the shortcuts on 3,000 random documents', {
    timeout: heavyTestTimeoutMs
  }, () => {
    const {next, pick} = seededRandom(20261127)
    // Heavy in what the shortcuts decide on: | @ . : / w p s, digits, spaces, line ends.
    const risky = [...'abwWps1 .:/@-|()%?0', '\u00a0', 'é']
    const any = [...risky, ...'\n\t_*#![]<>&~=\\`",;{}^+']
    const text = (max: number, alphabet = next() < 0.7 ? risky : any) =>
      Array.from({length: Math.floor(next() * (max + 1))}, () => pick(alphabet)).join('')
    const url = () =>
      pick(['', 'http://', 'mailto:', 'ab:']) + text(6, [...'abw.:/@-_~!#%*+,;=?$&()|[]<> 1', "'"])
    const phrasing = (depth: number): PhrasingContent => {
      const roll = next()
      if (depth === 0 || roll < 0.45) return {type: 'text', value: text(6)}
      if (roll < 0.55) return {type: 'emphasis', children: run(depth - 1)}
      if (roll < 0.62) return {type: 'strong', children: run(depth - 1)}
      if (roll < 0.66) return {type: 'delete', children: run(depth - 1)}
      if (roll < 0.71) return {type: 'inlineCode', value: text(3)}
      if (roll < 0.74) return {type: 'break'}
      if (roll < 0.78) return {type: 'html', value: pick(['<b>', 'x', '.', '\n'])}
      const target = url()
      // Link text equal to the URL makes an autolink.
      const children =
        next() < 0.4
          ? [{type: 'text' as const, value: next() < 0.5 ? target : target.replace(/^mailto:/, '')}]
          : (run(depth - 1) as Link['children'])
      return {
        type: 'link',
        url: target,
        title: next() < 0.25 ? pick([text(3), target, '']) : null,
        children
      }
    }
    const run = (depth: number) =>
      Array.from({length: 1 + Math.floor(next() * 4)}, () => phrasing(depth))
    const block = (depth: number): RootContent => {
      const roll = next()
      if (depth === 0 || roll < 0.4) return {type: 'paragraph', children: run(3)}
      if (roll < 0.55) return {type: 'heading', depth: pick([1, 2, 3] as const), children: run(3)}
      if (roll < 0.7)
        return {
          type: 'list',
          ordered: next() < 0.3,
          spread: false,
          children: [
            {type: 'listItem', spread: false, children: [block(depth - 1) as BlockContent]}
          ]
        }
      if (roll < 0.8) return {type: 'blockquote', children: [block(depth - 1) as BlockContent]}
      const columns = 1 + Math.floor(next() * 3)
      const row = (): TableRow => ({
        type: 'tableRow',
        children: Array.from({length: columns}, () => ({
          type: 'tableCell' as const,
          children: run(3)
        }))
      })
      return {
        type: 'table',
        align: Array.from({length: columns}, () => null),
        children: [row(), row()]
      }
    }
    for (let i = 0; i < 3_000; i++) {
      const tree: Root = {
        type: 'root',
        children: Array.from({length: 1 + Math.floor(next() * 3)}, () => block(2))
      }
      expect(serialize(tree)).toBe(serialize(tree, {shortcuts: false}))
    }
  })
})

describe('serialize, generated tables', () => {
  it('writes 2,000 random tables of README-like cells as the library does', {
    timeout: heavyTestTimeoutMs
  }, () => {
    // The table shortcut writes plain texts, plain links and `<br />` itself and hands every
    // other cell to the library: mix cells on both sides of that line, with the characters
    // its text check decides on, ragged rows, empty cells and every alignment.
    const {next, pick} = seededRandom(20261202)
    const alphabet = [...'abwWps1 .:/@-|()%?0#>+!_*`[]\\&<', '\u00a0', '中']
    const text = (max: number) =>
      Array.from({length: 1 + Math.floor(next() * max)}, () => pick(alphabet)).join('')
    const piece = (): PhrasingContent => {
      const roll = next()
      // Texts that complete what the one before them started (`p` `:/x`, `w` `.x`, `]` `(x`).
      if (roll < 0.15)
        return {type: 'text', value: pick(['p', 's', 'w', ']', ':/x', '.x', '(x', '-'])}
      if (roll < 0.45) return {type: 'text', value: next() < 0.5 ? 'plain words' : text(6)}
      if (roll < 0.55) return {type: 'html', value: pick(['<br />', '<br>', '<b>', '', 'x|y'])}
      if (roll < 0.56)
        return {
          type: 'strong',
          children: [
            {type: 'text', value: pick(['useful', 'a', 'GPT 4', 'x.y', 'b ', 'www.x', '1|2'])}
          ]
        }
      if (roll < 0.6) return {type: 'emphasis', children: [{type: 'text', value: text(4)}]}
      if (roll < 0.63) return {type: 'inlineCode', value: text(3)}
      const url = pick(['https://example.org/', 'https://x.org/a_(b)', 'mailto:a@b.org', ''])
      const label = next() < 0.15 ? url : next() < 0.5 ? 'Name' : text(5)
      return {
        type: 'link',
        url: url === '' ? '' : url + (next() < 0.5 ? text(3).replace(/[\s<>]/g, '') : ''),
        title: next() < 0.1 ? 'title' : null,
        children: label === '' ? [] : [{type: 'text', value: label}]
      }
    }
    const alignments = ['left', 'right', 'center', null] as const
    for (let i = 0; i < 2_000; i++) {
      const columns = 1 + Math.floor(next() * 4)
      const row = (): TableRow => ({
        type: 'tableRow',
        children: Array.from({length: Math.floor(next() * (columns + 1))}, () => ({
          type: 'tableCell' as const,
          children: Array.from({length: Math.floor(next() * 4)}, piece)
        }))
      })
      const tree: Root = {
        type: 'root',
        children: [
          {
            type: 'table',
            align: next() < 0.2 ? null : Array.from({length: columns}, () => pick(alignments)),
            children: Array.from({length: 1 + Math.floor(next() * 3)}, row)
          }
        ]
      }
      expect(serialize(tree)).toBe(serialize(tree, {shortcuts: false}))
    }
  })
})

describe('serializeBlock', () => {
  it('gives the same document as serialising each block in place', {
    timeout: heavyTestTimeoutMs
  }, async () => {
    const tree = parseBlocks(await readFile(path.join(projectRoot, 'README.md'), 'utf8'))
    expect(tree.children.filter(node => node.type === 'table').length).toBeGreaterThan(30)
    const preserialized: Root = {
      type: 'root',
      children: tree.children.map(node =>
        node.type === 'table' || node.type === 'heading' ? serializeBlock(node) : node
      )
    }
    expect(serialize(preserialized)).toBe(serialize(tree))
  })
})

describe('inline parsing', () => {
  it("gives micromark's nodes for every line of the real list, plain text included", {
    timeout: heavyTestTimeoutMs
  }, async () => {
    const {model} = parseList(await readListSources(projectRoot))
    const lines = new Set<string>()
    for (const entry of model!.entries) {
      const texts = [entry.name, ...Object.values(entry.fields), ...entry.links.map(l => l.name)]
      for (const value of texts) {
        for (const text of typeof value === 'string' ? [value] : Object.values(value))
          for (const line of splitCellLines(text)) lines.add(line)
      }
    }
    expect(lines.size).toBeGreaterThan(500)
    for (const line of lines)
      expect({line, nodes: parseInline(line)}).toEqual({
        line,
        nodes: parseInlineWithMicromark(line)
      })
  })

  it('lets only lines that micromark reads as one text node past the parser (5,000 generated lines)', () => {
    const {next, pick} = seededRandom(20261202)
    // Characters that may or may not start Markdown; the gate must send every one that can to micromark.
    const pieces = [
      'a',
      'Z',
      '1',
      ' ',
      '中',
      '。',
      'é',
      '⭐',
      '\u00a0',
      '!',
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
      '^',
      '"',
      "'",
      '$',
      '/',
      '(',
      ')',
      '{',
      '}',
      '%',
      '1.',
      '>',
      '@',
      'x@y.z',
      'a:b',
      'ftp://x.y',
      'www',
      'http',
      'https:',
      'www.a.b',
      '*',
      '_',
      '`',
      '~',
      '[',
      ']',
      '<',
      '&',
      '&amp;',
      '&#42;',
      '\\'
    ]
    let plain = 0
    for (let i = 0; i < 5_000; i++) {
      const line = Array.from({length: 1 + Math.floor(next() * 8)}, () => pick(pieces))
        .join('')
        .trim()
      const nodes = parseInline(line)
      // Lines with Markdown went through micromark anyway; the ones the gate kept from it are the question.
      if (line === '' || nodes.length !== 1 || nodes[0]!.type !== 'text') continue
      plain++
      expect({line, nodes}).toEqual({line, nodes: parseInlineWithMicromark(line)})
    }
    // Enough lines of both kinds for the comparison to mean something.
    expect(plain).toBeGreaterThan(500)
    expect(plain).toBeLessThan(4_500)
  })

  it('gives the same nodes for lines parsed in one batch as for each line alone (1,000 generated lines)', {
    timeout: heavyTestTimeoutMs
  }, () => {
    const {next, pick} = seededRandom(20261203)
    // What could leak from one paragraph into the next, if anything could: open brackets, code
    // spans, emphasis, references to definitions, HTML, hard breaks, list and heading markers.
    const pieces = [
      'a ',
      'word',
      '*',
      '**',
      '_',
      '`',
      '``',
      '[',
      ']',
      '[x]: https://d.org',
      '[x]',
      '](https://e.org)',
      '<b>',
      '</b>',
      '<!--',
      '-->',
      '\\',
      '~~',
      '1. ',
      '# ',
      '> ',
      '---',
      '===',
      '    ',
      '|',
      'https://a.org',
      'x@y.org',
      '&amp;',
      '中'
    ]
    const lines = Array.from({length: 1_000}, (_, index) =>
      // A marker keeps the lines distinct from the other tests' (the cache is shared).
      `${Array.from({length: 1 + Math.floor(next() * 6)}, () => pick(pieces)).join('')} ${index}`.trim()
    )
    // Nearly every line has Markdown; all of those must come from the batch, or it proves nothing.
    const markdown = lines.filter(line =>
      parseInlineWithMicromark(line).some(n => n.type !== 'text')
    )
    expect(markdown.length).toBeGreaterThan(500)
    expect(primeInline(lines)).toBeGreaterThanOrEqual(markdown.length)
    for (const line of lines)
      expect({line, nodes: parseInline(line)}).toEqual({
        line,
        nodes: parseInlineWithMicromark(line)
      })
  })
})

describe('parseLinksAndStrong', () => {
  it("gives micromark's nodes for every line it accepts (20,000 generated lines)", {
    timeout: heavyTestTimeoutMs
  }, () => {
    const {next, pick} = seededRandom(20261204)
    // Links and bold spans with every neighbour that could change their reading.
    const word = () => pick(['a', 'Model', '7B', 'x1', 'LLaMA', '中文', 'é', 'GPT-4', '2.0', 'v2'])
    // Mostly labels and destinations it accepts, and the ones it must refuse.
    const label = () =>
      next() < 0.6
        ? pick([word(), `${word()} ${word()}`, `(${word()})`])
        : pick([` ${word()}`, `${word()}  ${word()}`, '', '*a*', 'a_b', '[a]', 'a|b'])
    const url = () =>
      next() < 0.6
        ? pick(['https://a.org', 'https://a.org/x?q=1#f', "https://a.org/it's", '#top'])
        : pick(['https://a.org/x_(y)', 'a b', '<x>', 'https://é.org', 'https://a.org/a&b'])
    const piece = () =>
      pick([
        () => `[${label()}](${url()})`,
        () => ` [${label()}](${url()})`,
        () => `**${label()}**`,
        () => `**${word()}**`,
        () => '**',
        () => '*',
        () => '_',
        () => ' ',
        () => word(),
        () =>
          pick([
            '.',
            ',',
            ';',
            ':',
            '?',
            '!',
            ')',
            '(',
            '|',
            "'",
            '，',
            '@',
            'x@y.org',
            'www.a.org',
            'https://b.org',
            '&amp;',
            '&',
            '\\',
            '`',
            '~',
            '[',
            ']',
            '<b>'
          ])
      ])()
    let accepted = 0
    const kinds = {link: 0, strong: 0}
    for (let i = 0; i < 20_000; i++) {
      const line = Array.from({length: 1 + Math.floor(next() * 6)}, piece).join('')
      const nodes = parseLinksAndStrong(line)
      if (nodes === undefined) continue
      accepted++
      for (const node of nodes)
        if (node.type === 'link' || node.type === 'strong') kinds[node.type]++
      expect({line, nodes}).toEqual({line, nodes: parseInlineWithMicromark(line)})
    }
    // Enough accepted lines, with links and bold among them, for the comparison to mean something.
    expect(accepted).toBeGreaterThan(1_000)
    expect(kinds.link).toBeGreaterThan(300)
    expect(kinds.strong).toBeGreaterThan(300)
  })
})

describe('generated validators', () => {
  it('are up to date with the JSON Schemas (run `node scripts/generate-validators.mjs` after editing schema/)', async () => {
    const committed = await readFile(
      path.join(projectRoot, 'src/entries/validators.generated.js'),
      'utf8'
    )
    expect(committed).toBe(await generateValidators())
  })
})
