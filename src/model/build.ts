import {textIn} from './text.js'
import type {Entry, ListModel, Locale, LocalizedText, Section, SectionNode} from './types.js'

/** Inputs of the model, already validated. */
export interface ModelParts {
  locales: readonly Locale[]
  strings: Readonly<Record<string, LocalizedText>>
  templates: ListModel['templates']
  sections: readonly Section[]
  entries: readonly Entry[]
  /** Stars per entry file, from the status file; only sections sorted by stars use it. */
  stars?: (entry: Entry) => number | undefined
}

/**
 * Arrange validated sections and entries into the ordered tree that renderers
 * walk: sections by `order` then id, entries by the section's sort order.
 */
export function buildModel(parts: ModelParts): ListModel {
  const localeOrder = parts.locales.map(l => l.id)
  const byParent = new Map<string | undefined, Section[]>()
  for (const section of parts.sections) {
    const siblings = byParent.get(section.parent) ?? []
    siblings.push(section)
    byParent.set(section.parent, siblings)
  }
  const entriesBySection = new Map<string, Entry[]>()
  for (const entry of parts.entries) {
    const list = entriesBySection.get(entry.section) ?? []
    list.push(entry)
    entriesBySection.set(entry.section, list)
  }
  const nameKey = (entry: Entry) =>
    textIn(entry.name, localeOrder[0] ?? 'en', localeOrder).toLowerCase()
  const compareBy =
    (section: Section) =>
    (a: Entry, b: Entry): number => {
      if (section.sort === 'stars') {
        const difference = (parts.stars?.(b) ?? -1) - (parts.stars?.(a) ?? -1)
        if (difference !== 0) return difference
      }
      if (section.sort === 'name') return compare(nameKey(a), nameKey(b)) || compare(a.slug, b.slug)
      return compare(a.added, b.added) || compare(nameKey(a), nameKey(b)) || compare(a.slug, b.slug)
    }
  const ordered: Entry[] = []
  const toNode = (section: Section, depth: number): SectionNode => {
    const entries = [...(entriesBySection.get(section.id) ?? [])].sort(compareBy(section))
    ordered.push(...entries)
    const children = childrenOf(section.id).map(child => toNode(child, depth + 1))
    return {section, entries, children, depth}
  }
  const childrenOf = (id: string | undefined) =>
    [...(byParent.get(id) ?? [])].sort((a, b) => a.order - b.order || compare(a.id, b.id))
  const sections = childrenOf(undefined).map(section => toNode(section, 1))
  return {
    locales: parts.locales,
    strings: parts.strings,
    templates: parts.templates,
    sections,
    entries: ordered
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Every section node of the tree, depth first in document order. */
export function allSections(nodes: readonly SectionNode[]): SectionNode[] {
  return nodes.flatMap(node => [node, ...allSections(node.children)])
}
