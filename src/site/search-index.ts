import type {LocalizedText} from '../model/types.js'
import {normalizeForSearch} from './client/view.js'
import {type EntryFacts, plainText} from './facts.js'

/** What the page script searches: per entry id, its names and descriptions in every language, normalised. */
export interface SearchIndex {
  /** `[id, text]` in document order. */
  entries: Array<[string, string]>
}

/** The fields a search looks in: what a reader sees as the entry's name and description. */
const searchedFields = ['description', 'details', 'contributor'] as const

export function searchIndex(facts: readonly EntryFacts[]): SearchIndex {
  return {
    entries: facts.map(fact => {
      const {entry} = fact
      const texts: LocalizedText[] = [entry.name, ...entry.links.map(link => link.name)]
      for (const field of searchedFields) {
        const value = entry.fields[field]
        if (value !== undefined) texts.push(value)
      }
      const parts = new Set<string>()
      for (const value of texts)
        for (const text of typeof value === 'string' ? [value] : Object.values(value))
          parts.add(normalizeForSearch(plainText(text)))
      return [fact.id, [...parts].join(' \u2016 ')]
    })
  }
}
