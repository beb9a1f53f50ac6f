import type {LocaleId, LocalizedText} from './types.js'

/** The value of a text in one locale, and whether it had to fall back to another. */
export interface PickedText {
  text: string
  fallback: boolean
}

/**
 * A text in `locale`, falling back to the other locales in the order given
 * (the first locale is the list's default). Plain strings are the same everywhere.
 */
export function pickText(
  value: LocalizedText,
  locale: LocaleId,
  order: readonly LocaleId[]
): PickedText {
  if (typeof value === 'string') return {text: value, fallback: false}
  const own = value[locale]
  if (own !== undefined) return {text: own, fallback: false}
  for (const other of order) {
    const text = value[other]
    if (text !== undefined) return {text, fallback: true}
  }
  const first = Object.values(value)[0]
  return {text: first ?? '', fallback: true}
}

/** Shorthand for `pickText(...).text`. */
export function textIn(value: LocalizedText, locale: LocaleId, order: readonly LocaleId[]): string {
  return pickText(value, locale, order).text
}
