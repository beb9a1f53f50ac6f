import cmark from 'cmark-gfm'
import type {PhrasingContent, RootContent} from 'mdast'
import {parseBlocks, walk} from '../../src/markdown/parse.js'
import {allSections} from '../../src/model/build.js'
import {textIn} from '../../src/model/text.js'
import {isTextField, type ListModel} from '../../src/model/types.js'
import {cellContent} from '../../src/render/inline.js'

/** A table as a reader sees it: per row, per cell, the link targets in it; plus the first cell texts. */
export interface SeenTable {
  rows: Array<{cells: string[][]}>
  columns: number
}

/** What GitHub's renderer (cmark-gfm, with raw HTML as GitHub allows it) shows: tables keyed by the anchor of the heading above them. */
export function tablesSeenByCmark(markdown: string): Map<string, SeenTable> {
  const html = cmark.renderHtmlSync(markdown, {
    unsafe: true,
    extensions: {table: true, autolink: true, strikethrough: true, tagfilter: true}
  })
  const tables = new Map<string, SeenTable>()
  const parts = html.split(/<h[1-6]>/)
  for (const part of parts) {
    const id = /^<a id="([^"]+)"><\/a>/.exec(part)?.[1]
    const table = /<table>([\s\S]*?)<\/table>/.exec(part)?.[1]
    if (id === undefined || table === undefined) continue
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(row =>
      [...row[1]!.matchAll(/<t[dh](?: [^>]*)?>([\s\S]*?)<\/t[dh]>/g)].map(cell =>
        [...cell[1]!.matchAll(/<a href="([^"]*)"/g)].map(a => decodeHtml(a[1]!))
      )
    )
    const [header, ...body] = rows
    tables.set(id, {columns: header?.length ?? 0, rows: body.map(cells => ({cells}))})
  }
  return tables
}

/** What remark-gfm sees in the same document. */
export function tablesSeenByRemark(markdown: string): Map<string, SeenTable> {
  const tree = parseBlocks(markdown)
  const tables = new Map<string, SeenTable>()
  let id: string | undefined
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const first = node.children[0]
      id = first?.type === 'html' ? /<a id="([^"]+)">/.exec(first.value)?.[1] : undefined
    }
    if (node.type === 'table' && id !== undefined && !tables.has(id)) {
      const [header, ...body] = node.children
      tables.set(id, {
        columns: header?.children.length ?? 0,
        rows: body.map(row => ({cells: row.children.map(cell => linksIn(cell.children))}))
      })
    }
  }
  return tables
}

/** What the entries say each section's table must hold. */
export function tablesInModel(model: ListModel, locale: string): Map<string, SeenTable> {
  const order = [locale, ...model.locales.map(l => l.id).filter(id => id !== locale)]
  const tables = new Map<string, SeenTable>()
  for (const node of allSections(model.sections)) {
    if (node.entries.length === 0 || node.section.columns.length === 0) continue
    // Without a status file, the stars and last-push columns have no value and are left out.
    const columns = node.section.columns.filter(
      column => column.id !== 'stars' && column.id !== 'last_push'
    )
    tables.set(node.section.id, {
      columns: columns.length,
      rows: node.entries.map(entry => ({
        cells: columns.map(column => {
          if (column.id === 'name')
            return [
              ...(entry.url === undefined ? [] : [textIn(entry.url, locale, order)]),
              ...entry.links.map(link => link.url),
              // A second listing links to the section of the first (see_also).
              ...(entry.seeAlso === undefined ? [] : [`#${entry.seeAlso.split('/')[0]}`])
            ]
          if (!isTextField(column.id)) return []
          const value = entry.fields[column.id]
          return value === undefined ? [] : linksIn(cellContent(textIn(value, locale, order)))
        })
      }))
    })
  }
  return tables
}

function linksIn(nodes: readonly PhrasingContent[]): string[] {
  const urls: string[] = []
  for (const node of nodes)
    walk(node as RootContent, child => {
      if (child.type === 'link') urls.push(child.url)
    })
  return urls
}

/** Every link target of a Markdown document (links, autolinks, images, definitions). */
export function allUrls(markdown: string): Set<string> {
  const urls = new Set<string>()
  walk(parseBlocks(markdown), node => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition')
      urls.add(node.url)
  })
  return urls
}

function decodeHtml(value: string): string {
  return value
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#39;', "'")
}
