import type {SerializedBlock} from '../markdown/serialize.js'
import type {HealthLookup, HealthMark} from '../model/health.js'
import type {ListModel, Locale, LocalizedText} from '../model/types.js'
import {pickText} from '../model/text.js'

/** What every builder needs to render one locale, and where it counts translation coverage. */
export interface RenderContext {
  model: ListModel
  locale: Locale
  /** Locale ids in fallback order: this locale first, then the others as listed. */
  order: readonly string[]
  coverage: {translated: number; total: number}
  health: HealthLookup
  /** Marks used so far, so that the legend lists only those. */
  marksUsed: Set<HealthMark>
  /** Machine-found facts shown so far in cells the entries leave empty (legend entries). */
  factsUsed: Set<'license'>
  /** Sections whose tables go on their own pages (`lists/…`) rather than into the README. */
  ownPages: ReadonlySet<string>
  /** Each own page's table, serialised while the README was rendered (so marks and coverage count it). */
  pageTables: Map<string, SerializedBlock>
  /** Bytes each section's table takes, to decide which ones to move when the README is too large. */
  tableBytes: Map<string, number>
}

export function createContext(
  model: ListModel,
  locale: Locale,
  health: HealthLookup = () => undefined,
  ownPages: ReadonlySet<string> = new Set()
): RenderContext {
  const order = [locale.id, ...model.locales.map(l => l.id).filter(id => id !== locale.id)]
  return {
    model,
    locale,
    order,
    coverage: {translated: 0, total: 0},
    health,
    marksUsed: new Set(),
    factsUsed: new Set(),
    ownPages,
    pageTables: new Map(),
    tableBytes: new Map()
  }
}

/**
 * A text in the context's locale. With `counted`, it counts towards translation
 * coverage: prose (titles, descriptions) is translated when it has a value of
 * its own for this locale; in the default locale everything is.
 */
export function localize(context: RenderContext, value: LocalizedText, counted = false): string {
  const picked = pickText(value, context.locale.id, context.order)
  if (counted) {
    context.coverage.total++
    const isDefault = context.order[0] === context.model.locales[0]?.id
    if (isDefault || (typeof value !== 'string' && !picked.fallback)) context.coverage.translated++
  }
  return picked.text
}

/** A UI string (`templates/strings.yaml`), or the key itself when it is missing. */
export function uiString(context: RenderContext, key: string): string {
  const value = context.model.strings[key]
  return value === undefined ? key : pickText(value, context.locale.id, context.order).text
}

/** The link to a section's heading: its anchor, the same in every language. */
export function sectionHref(_context: RenderContext, id: string): string {
  return `#${id}`
}
