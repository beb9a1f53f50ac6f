/** A locale id such as `en` or `zh`; which ones exist is data (`templates/locales.yaml`). */
export type LocaleId = string

/** A text that is either the same in every locale or given per locale. */
export type LocalizedText = string | Readonly<Record<LocaleId, string>>

/** Where a value came from, for diagnostics and link reports (1-based). */
export interface SourcePosition {
  file: string
  line: number
  column: number
}

/** A named link inside a cell: one of several projects listed together. */
export interface NamedLink {
  name: LocalizedText
  url: string
  position: SourcePosition
}

/** How a repository is maintained, as its entry says (issue: finished on purpose is not inactive). */
export type Maintained = 'active' | 'complete'

/** Text fields an entry may have; each is shown in a table column of the same id. */
export const textFields = [
  'contributor',
  'license',
  'language',
  'domain',
  'base_model',
  'used_in',
  'llm_as',
  'description',
  'details'
] as const
export type TextField = (typeof textFields)[number]

/** Columns filled from the status file rather than from the entry. */
export const statusColumns = ['stars', 'last_push'] as const
export type StatusColumn = (typeof statusColumns)[number]

/** The column ids a section may show: the project cell (`name`), a text field, or a status fact. */
export type ColumnId = 'name' | TextField | StatusColumn
export const columnIds: readonly ColumnId[] = ['name', ...textFields, ...statusColumns]

/** Per locale, per field: a short hash of the default locale's text that the translation was made from. */
export type TranslationStamps = Readonly<Record<LocaleId, Readonly<Record<string, string>>>>

/** One project of the list, from `entries/<section>/<slug>.yaml`. */
export interface Entry {
  /** File name without `.yaml`; unique within its section. */
  slug: string
  section: string
  file: string
  name: LocalizedText
  /** Main link of the project, per locale when a language has its own page; absent for rows such as "human evaluation". */
  url?: LocalizedText
  /** Further projects shown in the same cell, after the main one. */
  links: readonly NamedLink[]
  fields: Partial<Record<TextField, LocalizedText>>
  /** ISO date (YYYY-MM-DD) when the entry joined the list. */
  added: string
  maintained?: Maintained
  /** `<section>/<slug>` of another listing of the same project, in another section: shown as a cross-reference. */
  seeAlso?: string
  /** Per locale, the hash of the source text each translated field translates (see `src/translations/`). */
  translations?: TranslationStamps
  /** Position of each top-level key, for diagnostics and link sources. */
  positions: Readonly<Record<string, SourcePosition>>
  /** Links written inside the entry's texts (descriptions, …), each where it stands in the file. */
  textLinks: ReadonlyArray<{url: string; position: SourcePosition}>
}

/** One column of a section's table. */
export interface Column {
  id: ColumnId
  /** Header text; when absent the UI string `columns.<id>` is used. */
  title?: LocalizedText
}

export type SortOrder = 'added' | 'name' | 'stars'

export type PagePlacement = 'auto' | 'own' | 'readme'

/** A section of the list, from `entries/<id>/_section.yaml`. */
export interface Section {
  id: string
  file: string
  title: LocalizedText
  parent?: string
  /** Position among its siblings (ascending). */
  order: number
  /** Prose before and after the table: block Markdown, per locale. */
  intro?: LocalizedText
  outro?: LocalizedText
  columns: readonly Column[]
  sort: SortOrder
  /** Where the table goes: its own page, always the README, or decided by the README's size budget. */
  page: PagePlacement
  /** Per locale, the hash of the source text each translated field translates. */
  translations?: TranslationStamps
  positions: Readonly<Record<string, SourcePosition>>
}

/** A section with its ordered entries and subsections: what renderers walk. */
export interface SectionNode {
  section: Section
  entries: readonly Entry[]
  children: readonly SectionNode[]
  /** Heading depth below the document title: 1 for top-level sections. */
  depth: number
}

/** One locale the list is written in. */
export interface Locale {
  id: LocaleId
  /** Name of the language in itself, for the switcher ("English", "简体中文"). */
  name: string
  /** Output file relative to the project root. */
  output: string
  /** Template file relative to the project root. */
  template: string
}

/** The validated list: everything rendering and link checking need. */
export interface ListModel {
  locales: readonly Locale[]
  /** UI strings per key (`toc`, `columns.contributor`, …). */
  strings: Readonly<Record<string, LocalizedText>>
  /** Top-level sections in order. */
  sections: readonly SectionNode[]
  /** Every entry, in document order. */
  entries: readonly Entry[]
  /** Template sources per locale id, with their file names. */
  templates: Readonly<Record<LocaleId, {file: string; source: string}>>
}

/** Whether a column shows an entry's own text field (and not the project cell or a status fact). */
export function isTextField(id: ColumnId): id is TextField {
  return (textFields as readonly string[]).includes(id)
}
