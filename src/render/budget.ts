import path from 'node:path'
import type {Locale} from '../model/types.js'

/**
 * How large a generated page may grow. GitHub stops rendering a README past
 * 512 KiB; the budget keeps a margin below it, and warns earlier still.
 */
export interface SizeBudget {
  /** Past this, `build-readme` warns, and sections set to `page: auto` move to their own pages. */
  warnBytes: number
  /** Past this, `build-readme` fails and writes nothing. */
  maxBytes: number
}

export const defaultBudget: SizeBudget = {warnBytes: 400 * 1024, maxBytes: 500 * 1024}

/** Where a section's own page is written for a locale: `lists/<id>.md` beside `README.md`, `lists/<id>.zh-CN.md` beside `README.zh-CN.md`. */
export function pagePath(locale: Locale, sectionId: string): string {
  const dir = path.posix.dirname(locale.output)
  const suffix = path.posix.basename(locale.output).replace(/^[^.]*/, '')
  return path.posix.join(dir, 'lists', `${sectionId}${suffix}`)
}

/**
 * Which `auto` sections go to their own pages so that every locale's README
 * stays under `limit`: the largest tables first, until the estimate fits.
 * `sizes` holds, per section, the bytes its table takes in each locale; the
 * short link left in the README is counted too. Pure.
 */
export function choosePages(
  readmeBytes: ReadonlyMap<string, number>,
  tableBytes: ReadonlyMap<string, ReadonlyMap<string, number>>,
  movable: ReadonlySet<string>,
  limit: number
): Set<string> {
  const chosen = new Set<string>()
  const remaining = new Map(readmeBytes)
  const fits = () => [...remaining.values()].every(bytes => bytes <= limit)
  const candidates = [...movable]
    .map(id => ({id, bytes: Math.max(0, ...(tableBytes.get(id)?.values() ?? []))}))
    .sort((a, b) => b.bytes - a.bytes || (a.id < b.id ? -1 : 1))
  for (const {id} of candidates) {
    if (fits()) break
    chosen.add(id)
    for (const [locale, bytes] of tableBytes.get(id) ?? [])
      remaining.set(locale, (remaining.get(locale) ?? 0) - bytes + pageLinkAllowance)
  }
  return chosen
}

/** Bytes the link to a section's own page takes in the README, generously. */
const pageLinkAllowance = 400

/** `123.4 KiB`: sizes as `build-readme` prints them. */
export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`
}
