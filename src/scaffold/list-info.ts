import {parse} from 'yaml'
import {sectionFileName} from '../entries/parse.js'
import type {ListSources} from '../entries/sources.js'
import {urlIdentity} from '../entries/url-identity.js'
import {type ColumnId, columnIds, type LocalizedText} from '../model/types.js'

/** What `new-entry` needs to know about a section. */
export interface SectionInfo {
  id: string
  title: LocalizedText
  parent?: string
  /** Columns of its table, in order; empty for a section that only groups subsections. */
  columns: ColumnId[]
  /** Slugs of the entries it holds. */
  slugs: Set<string>
}

/** The parts of the list a new entry must fit into. */
export interface ListInfo {
  /** Locale ids in the order of `templates/locales.yaml` (the first is the default). */
  locales: string[]
  /** Locale id → language name, for prompts ("简体中文"). */
  localeNames: Record<string, string>
  /** README files the build writes, for the "commit these" hint. */
  outputs: string[]
  sections: Map<string, SectionInfo>
  /** Normalised URL → entry files that link it, to warn about projects listed already. */
  urls: Map<string, string[]>
}

/**
 * Read what a new entry needs from the list's sources: sections, their columns
 * and entries, the locales and the URLs in use. Pure and forgiving: a broken
 * file elsewhere in the list must not stop anyone from adding an entry
 * (the validator reports it), so unreadable files are skipped here.
 */
export function describeList(sources: ListSources): ListInfo {
  const locales: string[] = []
  const localeNames: Record<string, string> = {}
  const outputs: string[] = []
  const localeList = (safeParse(sources.locales?.source) as {locales?: unknown} | undefined)
    ?.locales
  for (const item of Array.isArray(localeList) ? localeList : []) {
    const {id, name, output} = (item ?? {}) as Record<string, unknown>
    if (typeof id !== 'string') continue
    locales.push(id)
    localeNames[id] = typeof name === 'string' ? name : id
    if (typeof output === 'string') outputs.push(output)
  }

  const sections = new Map<string, SectionInfo>()
  const entryFiles: Array<{section: string; slug: string; path: string; source: string}> = []
  for (const file of sources.entries) {
    const parts = file.path.split('/')
    if (parts.length !== 3 || !parts[2]!.endsWith('.yaml')) continue
    const section = parts[1]!
    if (parts[2] === sectionFileName) {
      const data = safeParse(file.source) as Record<string, unknown> | undefined
      sections.set(section, {
        id: section,
        title: isText(data?.['title']) ? data['title'] : section,
        ...(typeof data?.['parent'] === 'string' ? {parent: data['parent']} : {}),
        columns: toColumns(data?.['columns']),
        slugs: sections.get(section)?.slugs ?? new Set()
      })
    } else {
      entryFiles.push({
        section,
        slug: parts[2]!.slice(0, -'.yaml'.length),
        path: file.path,
        source: file.source
      })
    }
  }

  const urls = new Map<string, string[]>()
  for (const entry of entryFiles) {
    sections.get(entry.section)?.slugs.add(entry.slug)
    const data = safeParse(entry.source) as Record<string, unknown> | undefined
    for (const url of entryUrls(data)) {
      const key = urlIdentity(url)
      urls.set(key, [...(urls.get(key) ?? []), entry.path])
    }
  }
  return {locales, localeNames, outputs, sections, urls}
}

/** Sections a project can be added to: those with a table, in id order. */
export function sectionsWithTable(info: ListInfo): SectionInfo[] {
  return [...info.sections.values()]
    .filter(section => section.columns.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** The subsections of `id`, for "choose one of its subsections". */
export function subsectionsOf(info: ListInfo, id: string): string[] {
  return [...info.sections.values()]
    .filter(section => section.parent === id)
    .map(section => section.id)
    .sort()
}

function toColumns(value: unknown): ColumnId[] {
  if (!Array.isArray(value)) return []
  const known = new Set<string>(columnIds)
  const columns: ColumnId[] = []
  for (const column of value) {
    const id = typeof column === 'string' ? column : (column as {field?: unknown} | null)?.field
    if (typeof id === 'string' && known.has(id)) columns.push(id as ColumnId)
  }
  return columns
}

function entryUrls(data: Record<string, unknown> | undefined): string[] {
  if (!data) return []
  const urls: string[] = []
  const url = data['url']
  if (typeof url === 'string') urls.push(url)
  else if (url && typeof url === 'object')
    urls.push(...Object.values(url).filter((v): v is string => typeof v === 'string'))
  if (Array.isArray(data['links'])) {
    for (const link of data['links']) {
      const linkUrl = (link as {url?: unknown} | null)?.url
      if (typeof linkUrl === 'string') urls.push(linkUrl)
    }
  }
  return [...new Set(urls)]
}

function isText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'string' ||
    (value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value).every(v => typeof v === 'string'))
  )
}

function safeParse(source: string | undefined): unknown {
  if (source === undefined) return undefined
  try {
    return parse(source, {version: '1.2'})
  } catch {
    return undefined
  }
}
