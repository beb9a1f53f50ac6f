import type {RootContent} from 'mdast'
import {parseBlocks, walk} from '../markdown/parse.js'
import {allSections} from '../model/build.js'
import type {Entry, ListModel, LocalizedText, SourcePosition} from '../model/types.js'
import type {LinkSource} from './types.js'

/**
 * Every link the list contains, with the file, line and column of each use:
 * entry URLs and links, links inside entry texts and section prose, and links
 * in the README templates. In-page anchors (`#section`) are included; relative
 * links to files are not (the build writes those files).
 */
export function extractLinks(model: ListModel): LinkSource[] {
  const sources: LinkSource[] = []
  const add = (url: string, at: SourcePosition) => {
    if (/^(https?:\/\/|#)/i.test(url))
      sources.push({url, file: at.file, line: at.line, column: at.column})
  }
  for (const entry of model.entries) extractFromEntry(entry, add)
  for (const node of allSections(model.sections)) {
    const {section} = node
    for (const key of ['intro', 'outro'] as const) {
      const value = section[key]
      if (value === undefined) continue
      const at = section.positions[key] ?? {file: section.file, line: 1, column: 1}
      for (const text of variants(value)) linksIn(parseBlocks(text), url => add(url, at))
    }
  }
  for (const {file, source} of Object.values(model.templates)) {
    walk(parseBlocks(source), node => {
      if (
        (node.type === 'link' || node.type === 'image' || node.type === 'definition') &&
        node.position
      ) {
        add(node.url, {file, line: node.position.start.line, column: node.position.start.column})
      }
    })
  }
  return sources
}

function extractFromEntry(entry: Entry, add: (url: string, at: SourcePosition) => void): void {
  const at = (key: string) => entry.positions[key] ?? {file: entry.file, line: 1, column: 1}
  if (entry.url !== undefined) for (const url of new Set(variants(entry.url))) add(url, at('url'))
  for (const link of entry.links) add(link.url, link.position)
  // Found, with their exact place in the file, when the entry was validated.
  for (const {url, position} of entry.textLinks) add(url, position)
}

function variants(value: LocalizedText): string[] {
  return typeof value === 'string' ? [value] : Object.values(value)
}

function linksIn(
  node: RootContent | ReturnType<typeof parseBlocks>,
  visit: (url: string) => void
): void {
  walk(node, child => {
    if (child.type === 'link' || child.type === 'image' || child.type === 'definition')
      visit(child.url)
  })
}
