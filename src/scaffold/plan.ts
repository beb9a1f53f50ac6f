import {slugFromUrl} from '../import/slug.js'
import {slugify} from '../model/slug.js'
import {entryToYaml} from '../import/to-yaml.js'
import {editDistance} from '../diagnostics/suggest.js'
import {urlIdentity} from '../entries/url-identity.js'
import {isHttpUrl} from '../links/normalize.js'
import {isRealDate} from '../model/date.js'
import {isSlug} from '../model/slug.js'
import {type LocalizedText, type TextField, textFields} from '../model/types.js'
import {type ListInfo, sectionsWithTable, subsectionsOf} from './list-info.js'
import type {EntryInput, TextInput} from './options.js'

/** Why an entry cannot be created; the command branches on `code`, people read `message`. */
export type PlanProblemCode =
  | 'missing-value'
  | 'unknown-section'
  | 'section-without-table'
  | 'bad-url'
  | 'bad-date'
  | 'bad-slug'
  | 'file-exists'

export interface PlanProblem {
  code: PlanProblemCode
  message: string
}

/** An entry file ready to be written, or the reasons it cannot be. */
export type EntryPlan =
  | {ok: true; section: string; slug: string; file: string; text: string; notes: string[]}
  | {ok: false; problems: PlanProblem[]}

/** Values the scaffold cannot do without; everything else may be filled in later. */
export const requiredValues = ['section', 'name', 'url'] as const

/**
 * Turn what the contributor gave into an entry file: check the section, the
 * URL and the date, derive the slug from the name (or the URL when the name
 * has no Latin letters), and refuse a slug that is taken. Pure: `today` is
 * passed in, the list is described by `info`.
 */
export function planEntry(input: EntryInput, info: ListInfo, today: string): EntryPlan {
  const problems: PlanProblem[] = []
  const missing = requiredValues.filter(key =>
    key === 'name'
      ? textValue(input.texts.name, info.locales) === undefined
      : input[key] === undefined || input[key].trim() === ''
  )
  if (missing.length > 0) {
    problems.push({
      code: 'missing-value',
      message: `Missing ${missing.map(key => `\`--${key}\``).join(', ')}; run in a terminal to be asked, or pass ${missing.length === 1 ? 'it' : 'them'} as options`
    })
  }

  const sectionProblem =
    input.section === undefined ? undefined : checkSection(input.section.trim(), info)
  if (sectionProblem) problems.push(sectionProblem)

  const url = input.url?.trim()
  if (url !== undefined && url !== '' && !isHttpUrl(url)) {
    problems.push({
      code: 'bad-url',
      message: `Invalid URL \`${url}\`; expected a full http(s) address such as https://github.com/owner/repo`
    })
  }
  const added = input.added?.trim() ?? today
  if (!isRealDate(added))
    problems.push({
      code: 'bad-date',
      message: `Invalid date \`${added}\` for \`--added\`; expected a real calendar date as YYYY-MM-DD`
    })

  const name = textValue(input.texts.name, info.locales)
  const section = input.section?.trim()
  let slug = input.slug?.trim()
  if (slug !== undefined && !isSlug(slug)) {
    problems.push({
      code: 'bad-slug',
      message: `Invalid slug \`${slug}\`; expected lowercase letters and digits joined by hyphens, e.g. \`${slugify(slug) || 'my-project'}\``
    })
  }
  if (slug === undefined && name !== undefined) slug = deriveSlug(name, url)
  if (slug === '' && missing.length === 0) {
    problems.push({
      code: 'bad-slug',
      message: 'Cannot derive a file name from the name or the URL; pass `--slug <lowercase-words>`'
    })
  }
  const sectionInfo = section === undefined ? undefined : info.sections.get(section)
  if (slug && sectionInfo?.slugs.has(slug)) {
    problems.push({
      code: 'file-exists',
      message: `\`entries/${section}/${slug}.yaml\` exists already; edit that file, or pass \`--slug\` with another name if this is a different project`
    })
  }

  if (problems.length > 0 || !section || !slug || name === undefined || url === undefined)
    return {ok: false, problems}

  const fields: Partial<Record<TextField, LocalizedText>> = {}
  for (const field of textFields) {
    const value = textValue(input.texts[field], info.locales)
    if (value !== undefined) fields[field] = value
  }
  const file = `entries/${section}/${slug}.yaml`
  const text = entryToYaml({section, slug, name, url, links: [], fields, added, rows: {}})
  const notes = (info.urls.get(urlIdentity(url)) ?? []).map(
    other => `${other} links ${url} already; make sure this is not the same project`
  )
  return {ok: true, section, slug, file, text, notes}
}

/** Why `id` cannot take entries, or undefined when it can. */
export function checkSection(id: string, info: ListInfo): PlanProblem | undefined {
  const section = info.sections.get(id)
  if (!section) {
    const choices = sectionsWithTable(info).map(s => s.id)
    const suggestions = suggestSections(id, choices)
    const hint =
      suggestions.length > 0
        ? `; did you mean ${suggestions.map(s => `\`${s}\``).join(' or ')}?`
        : `; expected one of: ${choices.map(s => `\`${s}\``).join(', ')}`
    return {
      code: 'unknown-section',
      message: `Unknown section \`${id}\`: \`entries/${id}/_section.yaml\` does not exist${hint}`
    }
  }
  if (section.columns.length === 0) {
    const children = subsectionsOf(info, id)
    return {
      code: 'section-without-table',
      message: `Section \`${id}\` has no table, only subsections${children.length > 0 ? `; choose one of: ${children.map(c => `\`${c}\``).join(', ')}` : ''}`
    }
  }
  return undefined
}

/**
 * Likely meant sections for a mistyped id: the closest by edit distance
 * (a swap of two letters counts as one edit, the commonest typo), else the
 * ids with a word that starts with what was typed (`base` → `base-models`), at most three.
 */
export function suggestSections(value: string, ids: readonly string[]): string[] {
  const typed = value.toLowerCase()
  const limit = Math.max(1, Math.floor(typed.length / 3))
  let best: string[] = []
  let bestDistance = limit + 1
  for (const id of ids) {
    const distance = editDistance(typed, id)
    if (distance < bestDistance) [best, bestDistance] = [[id], distance]
    else if (distance === bestDistance) best.push(id)
  }
  if (best.length > 0) return best.slice(0, 3)
  if (typed.length < 3) return []
  return ids
    .filter(id => id.startsWith(typed) || id.split('-').some(word => word.startsWith(typed)))
    .slice(0, 3)
}

/**
 * One text from what was given: per-locale values where given, the common
 * value for the other locales; a single string when every locale would read
 * the same. Undefined when nothing (or only blanks) was given.
 */
export function textValue(
  input: TextInput | undefined,
  locales: readonly string[]
): LocalizedText | undefined {
  if (!input) return undefined
  const all = clean(input.all)
  if (!locales.some(locale => clean(input.byLocale[locale]) !== undefined)) return all
  const byLocale: Record<string, string> = {}
  for (const locale of locales) {
    const value = clean(input.byLocale[locale]) ?? all
    if (value !== undefined) byLocale[locale] = value
  }
  const values = Object.values(byLocale)
  return values.length === locales.length && new Set(values).size === 1 ? values[0] : byLocale
}

/** Today's date in the contributor's own time zone, as YYYY-MM-DD. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** A file name from the project name, or from the URL when the name has no Latin letters or digits. */
export function deriveSlug(name: LocalizedText, url: string | undefined): string {
  return slugify(defaultText(name)) || (url === undefined ? '' : slugFromUrl(url))
}

function defaultText(text: LocalizedText): string {
  return typeof text === 'string'
    ? text
    : (Object.values(text).find(value => slugify(value) !== '') ?? '')
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed === '' ? undefined : trimmed
}
