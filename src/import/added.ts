import {normalizeUrlForComparison} from '../entries/url.js'

/** When each URL first appeared in the list's history (`added.tsv`: url, first_seen, commit). */
export type AddedDates = Map<string, string>

export function parseAddedTsv(source: string): AddedDates {
  const dates: AddedDates = new Map()
  for (const [index, line] of source.split(/\r?\n/).entries()) {
    if (index === 0 || line.trim() === '') continue
    const [url, date] = line.split('\t')
    if (url && date && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
      dates.set(url, date)
      const key = normalizeUrlForComparison(url)
      const known = dates.get(key)
      if (known === undefined || date < known) dates.set(key, date)
    }
  }
  return dates
}

/** The first date known for any of the URLs, in the order given. */
export function dateFor(dates: AddedDates, urls: readonly string[]): string | undefined {
  for (const url of urls) {
    const date = dates.get(url) ?? dates.get(normalizeUrlForComparison(url))
    if (date !== undefined) return date
  }
  return undefined
}
