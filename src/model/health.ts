/**
 * What the machine knows about an entry's project, from the status file:
 * the renderer marks archived, dead and inactive projects and may show stars
 * and the last push. Every field is optional: an unknown fact is not shown.
 */
export interface EntryHealth {
  /** Archived (read-only) or disabled by its owner. */
  archived?: boolean
  /** Confirmed gone: deleted repository, or a link that failed run after run. */
  dead?: boolean
  /** No push for longer than the configured period, and not marked `maintained: complete`. */
  inactive?: boolean
  stars?: number
  /** ISO date of the last push. */
  pushedAt?: string
  /** License the repository declares (an SPDX id such as `MIT`), shown when the entry gives none. */
  license?: string
}

/** Looks up the health of an entry by its file path (`entries/<section>/<slug>.yaml`). */
export type HealthLookup = (file: string) => EntryHealth | undefined

/** The marks an entry gets, in the order they are shown. */
export type HealthMark = 'dead' | 'archived' | 'inactive'

export function healthMarks(health: EntryHealth | undefined): HealthMark[] {
  if (!health) return []
  // A dead project is not also shown as archived or inactive: the strongest fact wins.
  if (health.dead) return ['dead']
  if (health.archived) return ['archived']
  if (health.inactive) return ['inactive']
  return []
}

/**
 * Stars rounded so that weekly runs do not churn the README: exact below
 * 1,000, then to one decimal in thousands (`1.2k`), whole thousands from
 * 10,000 (`12k`).
 */
export function formatStars(stars: number): string {
  if (stars < 1000) return String(stars)
  if (stars < 10_000) return `${(Math.floor(stars / 100) / 10).toFixed(1).replace(/\.0$/, '')}k`
  return `${Math.floor(stars / 1000)}k`
}

/** Stars rounded to what `formatStars` shows: the status file keeps this, so it changes only when the README would. */
export function roundStars(stars: number): number {
  if (stars < 1000) return stars
  if (stars < 10_000) return Math.floor(stars / 100) * 100
  return Math.floor(stars / 1000) * 1000
}

/** The month of the last push (`2024-05`): enough to tell fresh from stale, and stable week to week. */
export function formatPushed(pushedAt: string): string {
  return pushedAt.slice(0, 7)
}
