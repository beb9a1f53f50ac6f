import type {LinkCheckRun} from '../types.js'
import {type VerdictKind, verdictKinds} from '../verdict.js'

/** Counts per verdict, dead links, warnings and skipped links. */
export interface RunSummary {
  total: number
  byVerdict: Record<VerdictKind, number>
  dead: number
  warnings: number
  skipped: number
}

export function summarize(run: LinkCheckRun): RunSummary {
  const byVerdict = Object.fromEntries(verdictKinds.map(kind => [kind, 0])) as Record<
    VerdictKind,
    number
  >
  let dead = 0
  let warnings = 0
  for (const result of run.results) {
    byVerdict[result.verdict.kind]++
    if (result.dead) dead++
    if (result.verdict.kind === 'ok' && result.verdict.warning !== undefined) warnings++
  }
  return {total: run.results.length, byVerdict, dead, warnings, skipped: run.skipped.length}
}

/** One line such as `412 links: 398 ok, 3 redirected, 5 unverifiable, 4 broken, 2 unreachable; 1 dead`. */
export function formatSummaryLine(summary: RunSummary): string {
  const parts = (['ok', 'redirected', 'unverifiable', 'broken', 'unreachable'] as const).map(
    kind => `${summary.byVerdict[kind]} ${kind}`
  )
  return `${summary.total} links: ${parts.join(', ')}; ${summary.dead} dead${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''}`
}
