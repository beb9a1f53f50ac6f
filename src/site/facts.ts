import {toString as mdastToString} from 'mdast-util-to-string'
import {parseInline, splitCellLines} from '../markdown/parse.js'
import {type EntryHealth, type HealthLookup, type HealthMark, healthMarks} from '../model/health.js'
import {textIn} from '../model/text.js'
import type {Entry, ListModel, LocalizedText, SectionNode} from '../model/types.js'
import {classifyUrl} from '../repos/classify.js'
import type {StatusFile} from '../status/types.js'

/**
 * What the site filters and sorts on, for one entry: the same facts the
 * README shows (from the entry and the status file), in a flat shape that
 * becomes `data-*` attributes and that tests compare with the browser.
 */
export interface EntryFacts {
  /** `entry-<section>--<slug>`: the element id, unique in the list. */
  id: string
  entry: Entry
  /** The entry's section and its ancestors, nearest first. */
  sections: readonly string[]
  /** The strongest health mark, as in the README (dead over archived over inactive). */
  mark: HealthMark | undefined
  health: EntryHealth | undefined
  /** License as written in the entry, else as the repository host reports it; plain text. */
  license: string | undefined
  /** Language tokens of the `language` column (`en/zh` → `en`, `zh`). */
  languages: readonly string[]
  /** Where the repository moved, when the status file knows (`owner/name` or a URL). */
  renamedTo: string | undefined
}

/** The element id of an entry: stable, the same in every locale. */
export function entryId(entry: Entry): string {
  return `entry-${entry.section}--${entry.slug}`
}

/** Every entry's facts, in document order. */
export function listFacts(
  model: ListModel,
  health: HealthLookup,
  status: StatusFile
): EntryFacts[] {
  const ancestors = new Map<string, string[]>()
  const walk = (nodes: readonly SectionNode[], above: string[]): void => {
    for (const node of nodes) {
      const chain = [node.section.id, ...above]
      ancestors.set(node.section.id, chain)
      walk(node.children, chain)
    }
  }
  walk(model.sections, [])
  const order = model.locales.map(locale => locale.id)
  return model.entries.map(entry => {
    const entryHealth = health(entry.file)
    const repo = repoRecord(entry, status)
    return {
      id: entryId(entry),
      entry,
      sections: ancestors.get(entry.section) ?? [entry.section],
      mark: healthMarks(entryHealth)[0],
      health: entryHealth,
      license: licenseOf(entry.fields.license, order) ?? stringOrUndefined(repo?.license),
      languages: languagesOf(entry.fields.language, order),
      renamedTo: stringOrUndefined(repo?.renamedTo)
    }
  })
}

/** The status record of the entry's main repository, when it has one. */
function repoRecord(entry: Entry, status: StatusFile) {
  if (entry.url === undefined) return undefined
  const urls = typeof entry.url === 'string' ? [entry.url] : Object.values(entry.url)
  for (const url of urls) {
    const ref = classifyUrl(url)
    const record = ref === undefined ? undefined : status.repos[ref.key]
    if (record !== undefined) return record
  }
  return undefined
}

/** Placeholder cells of the imported tables (`-`) say "unknown", not a value. */
const emptyCell = /^[-–—\s]*$/

/** Plain text of an inline Markdown value (a license may be a link to its text). */
export function plainText(text: string): string {
  return splitCellLines(text)
    .map(line => mdastToString({type: 'paragraph', children: [...parseInline(line)]}))
    .join(' ')
    .trim()
}

function licenseOf(value: LocalizedText | undefined, order: readonly string[]): string | undefined {
  if (value === undefined) return undefined
  const text = plainText(textIn(value, order[0] ?? 'en', order))
  return emptyCell.test(text) ? undefined : text
}

function languagesOf(value: LocalizedText | undefined, order: readonly string[]): string[] {
  if (value === undefined) return []
  const text = plainText(textIn(value, order[0] ?? 'en', order))
  if (emptyCell.test(text)) return []
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[\s/,、]+/)
        .filter(Boolean)
    )
  ]
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
