import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {secretPattern} from '../entries/text-rules.js'
import {normalizeUrlForComparison} from '../entries/url.js'
import {parseBlocks, walk} from '../markdown/parse.js'
import {type ColumnId, isTextField, type LocalizedText, type TextField} from '../model/types.js'
import {type AddedDates, dateFor} from './added.js'
import {cleanText, firstUrl, type NameCell, readNameCell} from './cells.js'
import {mapColumns, usualHeaders} from './columns.js'
import {slugify} from '../model/slug.js'
import {slugFromUrl, uniqueSlug} from './slug.js'
import {parseUpstream, type UpstreamCell, type UpstreamSection} from './upstream.js'

/** A section as the importer found it, ready to be written as `_section.yaml`. */
export interface SectionDraft {
  id: string
  title: LocalizedText
  parent?: string
  order: number
  intro?: LocalizedText
  outro?: LocalizedText
  columns: Array<{field: ColumnId; title?: LocalizedText}>
}

/** An entry as the importer found it, ready to be written as `<slug>.yaml`. */
export interface EntryDraft {
  section: string
  slug: string
  name: LocalizedText
  url?: LocalizedText
  links: Array<{name: LocalizedText; url: string}>
  fields: Partial<Record<TextField, LocalizedText>>
  added: string
  /** Lines of the upstream rows this entry came from, per language (several when rows were merged). */
  rows: Record<string, number[]>
}

export interface ImportInput {
  /** The two hand-made READMEs, by locale; the first is the primary one (ids, slugs). */
  documents: Array<{locale: string; file: string; source: string}>
  added: AddedDates
}

export interface ImportResult {
  sections: SectionDraft[]
  entries: EntryDraft[]
  diagnostics: Diagnostic[]
}

type Row = {line: number; cells: UpstreamCell[]}

/**
 * Turn hand-made READMEs, one per language with the same sections and tables,
 * into sections and entries. Pure: the caller reads and writes files.
 */
export function importList(input: ImportInput): ImportResult {
  const diagnostics: Diagnostic[] = []
  const [primary] = input.documents
  if (!primary) throw new Error('importList needs at least one document')
  const parsed = input.documents.map(doc => ({...doc, upstream: parseUpstream(doc.source)}))
  const scrub = (text: string, file: string, line: number): string =>
    text
      .replace(secretPattern, match => {
        diagnostics.push({
          file,
          line,
          column: 1,
          severity: 'warning',
          ruleId: 'secret-removed',
          message: `Removed what looks like an access token (\`${match.slice(0, 4)}…\`); if it is real, revoke it`
        })
        return ''
      })
      .replace(/[ \t]+$/gm, '')
  const [main, ...rest] = parsed
  for (const other of rest) {
    if (other.upstream.sections.length !== main!.upstream.sections.length) {
      diagnostics.push({
        file: other.file,
        line: 1,
        column: 1,
        severity: 'error',
        ruleId: 'structure-mismatch',
        message: `Has ${other.upstream.sections.length} sections where \`${main!.file}\` has ${main!.upstream.sections.length}; the lists must have the same sections in the same order`
      })
      return {sections: [], entries: [], diagnostics}
    }
  }

  const sections: SectionDraft[] = []
  const entries: EntryDraft[] = []
  const sectionIds = new Set<string>()
  const parents: string[] = []
  const orderByParent = new Map<string | undefined, number>()

  for (const [index, section] of main!.upstream.sections.entries()) {
    const localized = parsed.map(doc => ({
      locale: doc.locale,
      file: doc.file,
      section: doc.upstream.sections[index]!
    }))
    const depth = section.depth
    parents.length = depth - 1
    const parent = parents.at(-1)
    const id = uniqueSlug(slugify(section.title) || `section-${index + 1}`, sectionIds)
    parents[depth - 1] = id
    const order = (orderByParent.get(parent) ?? 0) + 1
    orderByParent.set(parent, order)

    const text = (pick: (s: UpstreamSection) => string) =>
      merge(
        localized.map(l => ({
          locale: l.locale,
          text: scrub(pick(l.section), l.file, l.section.line)
        }))
      )
    const draft: SectionDraft = {id, title: text(s => s.title) ?? id, order, columns: []}
    if (parent !== undefined) draft.parent = parent
    const intro = text(s => s.intro)
    const outro = text(s => s.outro)
    if (intro !== undefined) draft.intro = intro
    if (outro !== undefined) draft.outro = outro
    sections.push(draft)

    const table = section.table
    if (!table) continue
    const {columns, problems} = mapColumns(table.headers)
    for (const problem of problems)
      diagnostics.push({
        file: main!.file,
        line: section.line,
        column: 1,
        severity: 'error',
        ruleId: 'unknown-column',
        message: `${problem} (section \`${section.title}\`)`
      })
    draft.columns = columns.map((column, position) => {
      const headers = localized.map(l => ({
        locale: l.locale,
        text: l.section.table?.headers[position] ?? column.header
      }))
      const usual = usualHeaders[column.id]
      const title = merge(headers)
      return usual !== undefined &&
        typeof title === 'string' &&
        title.toLowerCase() === usual.toLowerCase()
        ? {field: column.id}
        : {field: column.id, ...(title === undefined ? {} : {title})}
    })

    const rowSets = localized.map(l => ({
      locale: l.locale,
      file: l.file,
      rows: l.section.table?.rows ?? []
    }))
    const nameIndex = columns.findIndex(c => c.id === 'name')
    const paired = pairRows(
      rowSets[0]!.rows,
      rowSets.slice(1).map(set => set.rows),
      nameIndex
    )
    const slugs = new Set<string>()
    const byUrl = new Map<string, EntryDraft>()
    let previousDate: string | undefined
    const undated: EntryDraft[] = []
    for (const group of paired) {
      const variants = group.map((row, which) => ({
        locale: rowSets[which]!.locale,
        file: rowSets[which]!.file,
        row
      }))
      const present = variants.filter((v): v is typeof v & {row: Row} => v.row !== undefined)
      const cellsOf = (v: (typeof present)[number]) => v.row.cells
      const names = present.map(v => ({
        locale: v.locale,
        cell: readNameCell(
          cellsOf(v)[nameIndex] ?? {node: {type: 'tableCell', children: []}, source: ''}
        )
      }))
      const primaryName: NameCell = names[0]!.cell
      const fields: Partial<Record<TextField, LocalizedText>> = {}
      for (const [position, column] of columns.entries()) {
        if (!isTextField(column.id)) continue
        const value = merge(
          present.map(v => ({
            locale: v.locale,
            text: scrub(cleanText(cellsOf(v)[position]?.source ?? ''), v.file, v.row.line)
          }))
        )
        if (value !== undefined) fields[column.id] = value
      }
      const name =
        merge(names.map(n => ({locale: n.locale, text: n.cell.name}))) ??
        primaryName.url ??
        '(unnamed)'
      const links = primaryName.links.map((link, position) => ({
        name:
          merge(
            names.map(n => ({locale: n.locale, text: n.cell.links[position]?.name ?? link.name}))
          ) ?? link.name,
        url: link.url
      }))
      const rows = Object.fromEntries(present.map(v => [v.locale, [v.row.line]]))
      const key =
        primaryName.url === undefined ? undefined : normalizeUrlForComparison(primaryName.url)
      const existing = key === undefined ? undefined : byUrl.get(key)
      if (existing) {
        const sameName = JSON.stringify(existing.name) === JSON.stringify(name)
        if (sameName) {
          mergeInto(existing, fields, rows)
          diagnostics.push({
            file: main!.file,
            line: present[0]!.row.line,
            column: 1,
            severity: 'warning',
            ruleId: 'merged-duplicate',
            message: `Row repeats ${primaryName.url} from line ${existing.rows[main!.locale]?.[0] ?? '?'} in section \`${section.title}\`; merged into one entry (\`${id}/${existing.slug}.yaml\`), keeping both texts`
          })
          continue
        }
        diagnostics.push({
          file: main!.file,
          line: present[0]!.row.line,
          column: 1,
          severity: 'warning',
          ruleId: 'duplicate-url',
          message: `Rows \`${textOf(existing.name)}\` and \`${textOf(name)}\` in section \`${section.title}\` link the same URL ${primaryName.url}; one of them is probably wrong`
        })
      }
      const slugBase =
        slugify(textOf(name)) ||
        slugFromUrl(primaryName.url ?? primaryName.links[0]?.url ?? '') ||
        'entry'
      const urls = [
        primaryName.url,
        ...primaryName.links.map(l => l.url),
        ...present.flatMap(v =>
          urlsIn(
            cellsOf(v)
              .map(c => c.source)
              .join('\n')
          )
        )
      ].filter((u): u is string => u !== undefined)
      const date = dateFor(input.added, urls)
      const entry: EntryDraft = {
        section: id,
        slug: uniqueSlug(slugBase, slugs),
        name,
        links,
        fields,
        added: date ?? previousDate ?? '',
        rows
      }
      const url = merge(
        names
          .filter(n => n.cell.url !== undefined)
          .map(n => ({locale: n.locale, text: n.cell.url!}))
      )
      if (url !== undefined) entry.url = url
      if (date === undefined) {
        diagnostics.push({
          file: main!.file,
          line: present[0]!.row.line,
          column: 1,
          severity: 'warning',
          ruleId: 'added-inferred',
          message: `No first-seen date for \`${textOf(name)}\` in added.tsv; using the date of the row above`
        })
        if (previousDate === undefined) undated.push(entry)
      } else {
        previousDate = date
        for (const waiting of undated.splice(0)) waiting.added = date
      }
      if (key !== undefined && !existing) byUrl.set(key, entry)
      entries.push(entry)
    }
  }
  for (const entry of entries)
    if (entry.added === '') entry.added = [...input.added.values()].sort()[0] ?? '1970-01-01'
  return {sections, entries, diagnostics}
}

/**
 * Pair the rows of the primary table with those of the other languages: by the
 * project's URL first, then by position for the rows left over.
 */
function pairRows(
  primary: readonly Row[],
  others: ReadonlyArray<readonly Row[]>,
  nameIndex: number
): Array<Array<Row | undefined>> {
  const groups: Array<Array<Row | undefined>> = primary.map(row => [row])
  for (const [which, rows] of others.entries()) {
    const taken = new Set<number>()
    const byUrl = new Map<string, number[]>()
    for (const [index, row] of rows.entries()) {
      const url = firstUrl(row.cells[nameIndex])
      if (url !== undefined) byUrl.set(url, [...(byUrl.get(url) ?? []), index])
    }
    for (const [index, row] of primary.entries()) {
      const url = firstUrl(row.cells[nameIndex])
      const candidates = url === undefined ? [] : (byUrl.get(url) ?? []).filter(i => !taken.has(i))
      // Same URL several times: the one nearest in position is the same row.
      const match = candidates.sort((a, b) => Math.abs(a - index) - Math.abs(b - index))[0]
      if (match !== undefined) {
        taken.add(match)
        groups[index]![which + 1] = rows[match]
      }
    }
    for (const [index] of primary.entries()) {
      if (groups[index]![which + 1] === undefined && !taken.has(index) && rows[index]) {
        taken.add(index)
        groups[index]![which + 1] = rows[index]
      }
    }
    for (const [index, row] of rows.entries()) {
      if (!taken.has(index)) groups.push([...Array<undefined>(which + 1).fill(undefined), row])
    }
  }
  return groups
}

/** One string when every language says the same, else a map; undefined when all are empty. */
function merge(values: ReadonlyArray<{locale: string; text: string}>): LocalizedText | undefined {
  const present = values.filter(v => v.text.trim() !== '')
  if (present.length === 0) return undefined
  if (present.every(v => v.text === present[0]!.text)) return present[0]!.text
  return Object.fromEntries(present.map(v => [v.locale, v.text]))
}

function mergeInto(
  entry: EntryDraft,
  fields: Partial<Record<TextField, LocalizedText>>,
  rows: Record<string, number[]>
): void {
  for (const [field, value] of Object.entries(fields) as Array<[TextField, LocalizedText]>) {
    const current = entry.fields[field]
    if (current === undefined) entry.fields[field] = value
    else if (JSON.stringify(current) !== JSON.stringify(value))
      entry.fields[field] = joinTexts(current, value)
  }
  for (const [locale, lines] of Object.entries(rows))
    entry.rows[locale] = [...(entry.rows[locale] ?? []), ...lines]
}

/** Two texts as one, line after line, per language; a text already contained is not repeated. */
function joinTexts(a: LocalizedText, b: LocalizedText): LocalizedText {
  const join = (x: string, y: string) => (x.includes(y) ? x : y.includes(x) ? y : `${x}\n${y}`)
  if (typeof a === 'string' && typeof b === 'string') return join(a, b)
  const locales = new Set([
    ...Object.keys(typeof a === 'string' ? {} : a),
    ...Object.keys(typeof b === 'string' ? {} : b)
  ])
  const get = (t: LocalizedText, locale: string) =>
    typeof t === 'string' ? t : (t[locale] ?? Object.values(t)[0] ?? '')
  return Object.fromEntries(
    [...locales].map(locale => [locale, join(get(a, locale), get(b, locale))])
  )
}

function textOf(text: LocalizedText): string {
  return typeof text === 'string' ? text : (Object.values(text)[0] ?? '')
}

function urlsIn(markdown: string): string[] {
  const urls: string[] = []
  walk(parseBlocks(markdown), node => {
    if (node.type === 'link' && node.url !== '') urls.push(node.url)
  })
  return urls
}
