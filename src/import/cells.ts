import type {PhrasingContent, RootContent, TableCell} from 'mdast'
import {toString as textOf} from 'mdast-util-to-string'
import type {UpstreamCell} from './upstream.js'

/** What a project cell holds: a name, its link, and any further projects. */
export interface NameCell {
  name: string
  url?: string
  links: Array<{name: string; url: string}>
}

/** Separators between several links in one cell: ` / `, `/`, `,`, or a `<br />`. */
const separatorText = /^[\s/,、|]*$/

/**
 * Model a project cell. A cell of links and separators only (`[A](…) / [B](…)`)
 * is a main project and further ones; a cell of text with links in it
 * (`ToT([paper](…) and [paper](…))`) keeps the text before the links as name.
 */
export function readNameCell(cell: UpstreamCell): NameCell {
  const children = cell.node.children as PhrasingContent[]
  const links = children.filter(child => child.type === 'link')
  if (links.length === 0) return {name: cleanText(cell.source), links: []}
  const separatorsOnly = children.every(
    child =>
      child.type === 'link' ||
      (child.type === 'text' && separatorText.test(child.value)) ||
      (child.type === 'html' && /^<br\s*\/?>$/i.test(child.value.trim()))
  )
  const named = links.map(link => ({name: textOf(link).trim(), url: link.url.trim()}))
  if (separatorsOnly) {
    const [first, ...rest] = named
    return {
      name: first!.name,
      ...(first!.url ? {url: first!.url} : {}),
      links: rest.filter(link => link.url !== '')
    }
  }
  const before: string[] = []
  for (const child of children) {
    if (child.type === 'link') break
    before.push(textOf(child as RootContent))
  }
  const name =
    before
      .join('')
      .replace(/[\s(（:：]+$/, '')
      .trim() || textOf(cell.node as TableCell).trim()
  return {name, links: named.filter(link => link.url !== '')}
}

/**
 * A text cell as entry text: `<br />` becomes a new line, a table's escaped
 * pipe becomes a plain one (the serialiser escapes it again where needed).
 */
export function cleanText(source: string): string {
  return source
    .replace(/\\\|/g, '|')
    .split(/<br\s*\/?>/i)
    .map(line => line.trim())
    .join('\n')
    .trim()
}

/** First link URL of a cell, used to pair the rows of two languages. */
export function firstUrl(cell: UpstreamCell | undefined): string | undefined {
  if (!cell) return undefined
  const link = (cell.node.children as PhrasingContent[]).find(child => child.type === 'link')
  return link?.type === 'link' && link.url !== '' ? link.url : undefined
}
