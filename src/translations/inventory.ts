import {allSections} from '../model/build.js'
import {
  isTextField,
  type ListModel,
  type LocaleId,
  type LocalizedText,
  type SourcePosition,
  type TranslationStamps
} from '../model/types.js'
import {sourceHash} from '../model/source-hash.js'

/**
 * Where a translation stands: `translated` (it records the hash of the
 * current source text), `unchecked` (it exists but records no hash, so
 * nobody knows whether it still matches), `stale` (the source changed since)
 * or `missing`.
 */
export type TranslationStatus = 'translated' | 'unchecked' | 'stale' | 'missing'

/** One prose text of the list in one target locale. */
export interface TrackedText {
  section: string
  file: string
  /** `title`, `intro`, `outro` of a section; `description`, `details` of an entry. */
  field: string
  locale: LocaleId
  /** The default locale's text, which translations are made from. */
  source: string
  sourceHash: string
  translation?: string
  status: TranslationStatus
  position: SourcePosition
}

/**
 * Every prose text the READMEs count towards translation coverage (section
 * titles and prose, the description columns shown), in each locale other
 * than the default one, with where its translation stands. Pure.
 */
export function translationInventory(model: ListModel): TrackedText[] {
  const [source, ...targets] = model.locales.map(locale => locale.id)
  if (source === undefined) return []
  const texts: TrackedText[] = []
  const add = (
    section: string,
    file: string,
    field: string,
    value: LocalizedText,
    stamps: TranslationStamps | undefined,
    position: SourcePosition | undefined
  ) => {
    const sourceText = typeof value === 'string' ? value : (value[source] ?? '')
    for (const locale of targets) {
      const translation = typeof value === 'string' ? undefined : value[locale]
      const stamp = stamps?.[locale]?.[field]
      const hash = sourceHash(sourceText)
      const status: TranslationStatus =
        translation === undefined
          ? 'missing'
          : stamp === undefined
            ? 'unchecked'
            : stamp === hash
              ? 'translated'
              : 'stale'
      texts.push({
        section,
        file,
        field,
        locale,
        source: sourceText,
        sourceHash: hash,
        ...(translation === undefined ? {} : {translation}),
        status,
        position: position ?? {file, line: 1, column: 1}
      })
    }
  }
  for (const {section, entries} of allSections(model.sections)) {
    for (const key of ['title', 'intro', 'outro'] as const) {
      const value = section[key]
      if (value !== undefined)
        add(section.id, section.file, key, value, section.translations, section.positions[key])
    }
    const prose = section.columns.filter(
      column => column.id === 'description' || column.id === 'details'
    )
    for (const entry of entries) {
      for (const column of prose) {
        if (!isTextField(column.id)) continue
        const value = entry.fields[column.id]
        if (value !== undefined)
          add(
            section.id,
            entry.file,
            column.id,
            value,
            entry.translations,
            entry.positions[column.id]
          )
      }
    }
  }
  return texts
}

/** Counts per status, for one section or the whole list. */
export type StatusCounts = Record<TranslationStatus, number> & {texts: number}

/** Per section (in document order) and in total, how many texts of `locale` stand where. */
export function summarize(
  texts: readonly TrackedText[],
  locale: LocaleId
): {sections: Array<{section: string; counts: StatusCounts}>; total: StatusCounts} {
  const empty = (): StatusCounts => ({texts: 0, translated: 0, unchecked: 0, stale: 0, missing: 0})
  const bySection = new Map<string, StatusCounts>()
  const total = empty()
  for (const text of texts) {
    if (text.locale !== locale) continue
    const counts = bySection.get(text.section) ?? empty()
    bySection.set(text.section, counts)
    for (const target of [counts, total]) {
      target.texts++
      target[text.status]++
    }
  }
  return {sections: [...bySection].map(([section, counts]) => ({section, counts})), total}
}
