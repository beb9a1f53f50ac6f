import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseList} from '../../src/entries/parse.js'
import {readListSources} from '../../src/entries/sources.js'
import {parseBlocks, parseInline, parseInlineUncached, splitCellLines} from '../../src/markdown/parse.js'
import {serialize, serializeBlock} from '../../src/markdown/serialize.js'
import {projectRoot} from '../support/cli.js'
import {generateValidators} from '../../scripts/generate-validators.mjs'

describe('serialize', () => {
  it('gives byte-identical output with and without the shortcuts past escaping', async () => {
    // The real READMEs, and a document of texts built to sit on every edge of the shortcut.
    const documents = await Promise.all(['README.md', 'README.zh-CN.md'].map((file) => readFile(path.join(projectRoot, file), 'utf8')))
    const edges = [
      '1. not a list', '2) nor this', '- nor this', '+ nor this', ': colon', '(paren) [x]', 'www.example.org', 'see https://x.org', 'a_b_c',
      'tab\there', ' leading space', 'trailing space ', 'x@y.org', 'W.x', 'ps://', '# not a heading', '> not a quote', '| pipe', 'a *b* c', '&amp;', '1986. A year',
      '@org', 'a@b.c', 'x|y', '|', '@', '-|', '.@x', 'a |@b', '|-', 'x @y.z'
    ]
    const urls = ['https://a.org/x', 'https://a.org/x?y=1&z=2', 'https://a.org/(x)', 'https://a.org/x|y', 'https://a.org/ x', 'a\\b', "https://a.org/it's", 'https://a.org/*_[x]~', 'https://a.org/a_b', 'https://a.org/~u', 'https://a.org/a*b', 'https://a.org/[x]', 'https://a.org/a!b', 'https://a.org/a]b', 'mailto:a@b.c', '']
    const links = urls.flatMap((url) => [url, url.replace(/^mailto:/, ''), 'text'].map((label) => ({type: 'link' as const, url, children: [{type: 'text' as const, value: label}]})))
    const edgeTree: Root = {
      type: 'root',
      children: [
        {type: 'paragraph', children: edges.flatMap((value) => [{type: 'text' as const, value}, {type: 'break' as const}])},
        {type: 'paragraph', children: links.flatMap((link) => [link, {type: 'text' as const, value: ' @x '}])},
        {
          type: 'table',
          children: [
            {type: 'tableRow', children: [{type: 'tableCell', children: [{type: 'text', value: 'h'}]}]},
            ...edges.map((value) => ({type: 'tableRow' as const, children: [{type: 'tableCell' as const, children: [{type: 'text' as const, value}, {type: 'strong' as const, children: [{type: 'text' as const, value}]}, {type: 'text' as const, value}]}]})),
            ...links.map((link, index) => ({type: 'tableRow' as const, children: [{type: 'tableCell' as const, children: [link, {type: 'text' as const, value: edges[index % edges.length]!}, link]}]}))
          ]
        }
      ]
    }
    for (const tree of [...documents.map((markdown) => parseBlocks(markdown)), edgeTree]) {
      expect(serialize(tree)).toBe(serialize(tree, {shortcuts: false}))
    }
  })
})

describe('serializeBlock', () => {
  it('gives the same document as serialising each block in place', async () => {
    const tree = parseBlocks(await readFile(path.join(projectRoot, 'README.md'), 'utf8'))
    expect(tree.children.filter((node) => node.type === 'table').length).toBeGreaterThan(30)
    const preserialized: Root = {type: 'root', children: tree.children.map((node) => (node.type === 'table' || node.type === 'heading' ? serializeBlock(node) : node))}
    expect(serialize(preserialized)).toBe(serialize(tree))
  })
})

describe('inline parsing', () => {
  it('parses every line of the real list the same in one batch as one by one', async () => {
    const {model} = parseList(await readListSources(projectRoot))
    const lines = new Set<string>()
    for (const entry of model!.entries) {
      for (const value of [entry.name, ...Object.values(entry.fields)]) {
        for (const text of typeof value === 'string' ? [value] : Object.values(value)) for (const line of splitCellLines(text)) lines.add(line)
      }
    }
    // parseList primed the cache in batches; compare with a parser run per line.
    expect(lines.size).toBeGreaterThan(500)
    for (const line of lines) expect({line, nodes: parseInline(line)}).toEqual({line, nodes: parseInlineUncached(line)})
  })
})

describe('generated validators', () => {
  it('are up to date with the JSON Schemas (run `node scripts/generate-validators.mjs` after editing schema/)', async () => {
    const committed = await readFile(path.join(projectRoot, 'src/entries/validators.generated.js'), 'utf8')
    expect(committed).toBe(await generateValidators())
  })
})
