import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadList} from '../../src/entries/load.js'
import {readNameCell} from '../../src/import/cells.js'
import {mapColumns} from '../../src/import/columns.js'
import {slugify} from '../../src/model/slug.js'
import {parseUpstream} from '../../src/import/upstream.js'
import {allSections} from '../../src/model/build.js'
import {textIn} from '../../src/model/text.js'
import type {Entry, ListModel} from '../../src/model/types.js'
import {fixtures, projectRoot} from '../support/cli.js'
import {allUrls, tablesSeenByRemark} from '../support/tables.js'

/**
 * Upstream rows the content review (issue 13) merged into another listing of
 * the same project: section id and name. Their URLs still appear (first test).
 */
const mergedRows = new Set(['general-domain-instruction-models langchain-ChatGLM'])

const pairs = [
  {locale: 'en', upstream: 'README_EN.md', generated: 'README.md'},
  {locale: 'zh', upstream: 'README.md', generated: 'README.zh-CN.md'}
] as const

let model: ListModel
const read = (file: string) => readFile(file, 'utf8')

beforeAll(async () => {
  const result = await loadList(projectRoot)
  if (!result.model) throw new Error('the real list does not validate')
  model = result.model
})

// The list was imported from two hand-made READMEs (copies in test/fixtures/upstream);
// nothing of them may be lost.
describe.each(pairs)('fidelity to the hand-made $upstream', ({locale, upstream, generated}) => {
  it('every URL of the upstream README appears in the generated README of the same language', async () => {
    const before = allUrls(await read(path.join(fixtures, 'upstream', upstream)))
    const after = allUrls(await read(path.join(projectRoot, generated)))
    // In-page anchors were the hand-made table of contents (one was broken: #enchmark); it is generated now.
    const missing = [...before].filter(url => !url.startsWith('#') && url !== '' && !after.has(url))
    expect(missing).toEqual([])
  })

  it('every upstream table row maps to exactly one entry of the same section', async () => {
    const document = parseUpstream(await read(path.join(fixtures, 'upstream', upstream)))
    const english = parseUpstream(await read(path.join(fixtures, 'upstream', 'README_EN.md')))
    const order = [locale, ...model.locales.map(l => l.id).filter(id => id !== locale)]
    const bySection = new Map(
      allSections(model.sections).map(node => [node.section.id, node.entries])
    )
    let rows = 0
    for (const [index, section] of document.sections.entries()) {
      // Section ids come from the English titles.
      const entries = bySection.get(slugify(english.sections[index]!.title)) ?? []
      const nameColumn = mapColumns(section.table?.headers ?? []).columns.findIndex(
        column => column.id === 'name'
      )
      const sectionId = slugify(english.sections[index]!.title)
      for (const row of section.table?.rows ?? []) {
        rows++
        const cell = readNameCell(row.cells[nameColumn]!)
        if (mergedRows.has(`${sectionId} ${cell.name}`)) continue
        // A name that was only Chinese has an English text now; the Chinese one still maps it.
        const names = (entry: Entry) =>
          typeof entry.name === 'string' ? [entry.name] : Object.values(entry.name)
        const inLocale = entries.filter(entry => textIn(entry.name, locale, order) === cell.name)
        const named =
          inLocale.length > 0 ? inLocale : entries.filter(entry => names(entry).includes(cell.name))
        const matches =
          named.length > 1
            ? named.filter(
                (entry: Entry) =>
                  entry.url !== undefined && textIn(entry.url, locale, order) === cell.url
              )
            : named
        expect({row: row.line, name: cell.name, matches: matches.length}).toEqual({
          row: row.line,
          name: cell.name,
          matches: 1
        })
      }
    }
    expect(rows).toBe(398)
  })
})

describe('the generated READMEs', () => {
  it('list the same entries in the same order in both languages', async () => {
    // Each README's project cells, read back, must be the model's entries in the model's one order.
    const nameColumn = new Map(
      allSections(model.sections).map(node => [
        node.section.id,
        node.section.columns.findIndex(c => c.id === 'name')
      ])
    )
    const order = ['en', 'zh']
    const expectedIn = (locale: string) =>
      allSections(model.sections)
        .filter(node => node.entries.length > 0 && node.section.columns.length > 0)
        .map(node => [
          node.section.id,
          node.entries.map(entry => [
            ...(entry.url === undefined ? [] : [textIn(entry.url, locale, order)]),
            ...entry.links.map(link => link.url),
            ...(entry.seeAlso === undefined ? [] : [`#${entry.seeAlso.split('/')[0]}`])
          ])
        ])
    for (const pair of pairs) {
      const markdown = await read(path.join(projectRoot, pair.generated))
      const seen = [...tablesSeenByRemark(markdown)].map(([id, table]) => [
        id,
        table.rows.map(row => row.cells[nameColumn.get(id)!]!)
      ])
      expect(seen).toEqual(expectedIn(pair.locale))
    }
    expect(model.entries).toHaveLength(395)
  })

  it.each(pairs)(
    '$generated is at most half the size of the hand-made $upstream',
    async ({upstream, generated}) => {
      const before = Buffer.byteLength(await read(path.join(fixtures, 'upstream', upstream)))
      const after = Buffer.byteLength(await read(path.join(projectRoot, generated)))
      expect(after).toBeLessThanOrEqual(before / 2)
    }
  )
})
