import type {ListModel, LocalizedText, SectionNode} from '../model/types.js'
import {normalizeForSearch} from './client/view.js'
import {type EntryFacts, plainText} from './facts.js'

/**
 * What the page script searches: per entry id, its names, descriptions and
 * contributor, and the titles of its section and the sections above, in every
 * language, normalised. Section titles let `对齐` find the alignment projects
 * even where their own text is only in English.
 */
export interface SearchIndex {
  /** `[id, text]` in document order. */
  entries: Array<[string, string]>
}

/** The fields a search looks in: what a reader sees as the entry's name and description. */
const searchedFields = ['description', 'details', 'contributor'] as const

export function searchIndex(model: ListModel, facts: readonly EntryFacts[]): SearchIndex {
  const titles = new Map<string, LocalizedText>()
  const walk = (nodes: readonly SectionNode[]) => {
    for (const node of nodes) {
      titles.set(node.section.id, node.section.title)
      walk(node.children)
    }
  }
  walk(model.sections)
  return {
    entries: facts.map(fact => {
      const {entry} = fact
      const texts: LocalizedText[] = [entry.name, ...entry.links.map(link => link.name)]
      for (const field of searchedFields) {
        const value = entry.fields[field]
        if (value !== undefined) texts.push(value)
      }
      for (const section of fact.sections) {
        const title = titles.get(section)
        if (title !== undefined) texts.push(title)
      }
      const parts = new Set<string>()
      for (const value of texts)
        for (const text of typeof value === 'string' ? [value] : Object.values(value))
          parts.add(normalizeForSearch(plainText(text)))
      return [fact.id, [...parts].join(' \u2016 ')]
    })
  }
}
