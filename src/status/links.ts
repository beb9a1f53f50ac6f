import type {LinkHistory} from '../links/types.js'
import {isFailure, type Verdict} from '../links/verdict.js'
import type {LinkStatus, StatusFile} from './types.js'

export interface DeadRule {
  /** Failing runs in a row before a link is dead. */
  deadAfter: number
  /** Time between the first and the last of those runs, at least. */
  deadAfterSpanMs: number
}

/**
 * The status of a URL after one more check: failure history carried over,
 * and whether it is now dead. A URL is dead only after `deadAfter` failing
 * runs in a row whose first and last lie at least `deadAfterSpanMs` apart, or
 * at once when the failure is definitive (NXDOMAIN from a working resolver, a
 * confirmed 404/410, a missing anchor): two quick runs prove nothing, and the
 * checker never cries wolf over one bad night. Unverifiable and redirected
 * links are not failures.
 */
export function nextLinkStatus(
  previous: LinkStatus | undefined,
  verdict: Verdict,
  options: DeadRule & {now: Date}
): LinkStatus {
  const status: LinkStatus = {verdict: verdict.kind}
  if ('status' in verdict && verdict.status !== undefined) status.status = verdict.status
  if (verdict.kind === 'redirected') status.finalUrl = verdict.to
  else if (verdict.kind === 'ok' && verdict.finalUrl !== undefined)
    status.finalUrl = verdict.finalUrl
  if (verdict.kind === 'unreachable') status.cause = verdict.cause
  if (!isFailure(verdict)) return status

  const failing = (previous?.consecutiveFailures ?? 0) > 0 && previous?.firstFailedAt !== undefined
  const firstFailedAt = failing ? previous!.firstFailedAt! : options.now.toISOString()
  // Counting stops at `deadAfter`: a link that stays dead week after week leaves its record unchanged.
  const failures = Math.min((failing ? previous!.consecutiveFailures! : 0) + 1, options.deadAfter)
  const span = options.now.getTime() - Date.parse(firstFailedAt)
  status.firstFailedAt = firstFailedAt
  status.consecutiveFailures = failures
  status.dead =
    verdict.definitive ||
    (failures >= options.deadAfter && span >= options.deadAfterSpanMs) ||
    // Once dead, a link stays dead while it keeps failing.
    (failing && previous?.dead === true)
  return status
}

/** When each working URL was last fetched: the ok-cache, kept apart from the committed status. */
export type CheckedAt = Record<string, string>

export interface LinkHistoryOptions extends DeadRule {
  now: () => Date
  /** Reuse working verdicts younger than this; 0 turns the cache off (`--no-cache`). */
  cacheAgeMs: number
}

/**
 * The link checker's view of earlier runs, backed by the status file and the
 * ok-cache; what it judges is collected in `updates` (status records) and
 * `checked` (fetch times of working URLs), to be written after the run.
 */
export function createLinkHistory(
  status: StatusFile,
  checkedAt: Readonly<CheckedAt>,
  options: LinkHistoryOptions
): LinkHistory & {updates: Record<string, LinkStatus>; checked: CheckedAt} {
  const updates: Record<string, LinkStatus> = {}
  const checked: CheckedAt = {}
  const cachedUrls = new Set<string>()
  return {
    updates,
    checked,
    cached(url) {
      const verdict = fromCache(
        status.links[url],
        checkedAt[url],
        options.now(),
        options.cacheAgeMs
      )
      if (verdict !== undefined) cachedUrls.add(url)
      return verdict
    },
    judge(url, verdict) {
      const previous = status.links[url]
      let record: LinkStatus
      if (cachedUrls.has(url)) {
        record = previous!
        checked[url] = checkedAt[url]!
      } else {
        record = nextLinkStatus(previous, verdict, {...options, now: options.now()})
        if (verdict.kind === 'ok' || verdict.kind === 'redirected')
          checked[url] = options.now().toISOString()
      }
      updates[url] = record
      return {
        dead: record.dead ?? false,
        consecutiveFailures: record.consecutiveFailures ?? 0,
        ...(record.firstFailedAt === undefined ? {} : {firstFailedAt: record.firstFailedAt})
      }
    }
  }
}

/**
 * A working verdict (ok, or a permanent redirect to a working page) fetched
 * less than the cache age ago, rebuilt from the status record. Failures and
 * unverifiable links are never cached.
 */
function fromCache(
  previous: LinkStatus | undefined,
  checkedAt: string | undefined,
  now: Date,
  cacheAgeMs: number
): Verdict | undefined {
  if (previous === undefined || checkedAt === undefined || cacheAgeMs <= 0) return undefined
  const age = now.getTime() - Date.parse(checkedAt)
  if (!(age >= 0 && age < cacheAgeMs)) return undefined
  const evidence = {hops: [], attempts: 0, cached: true}
  if (
    previous.verdict === 'redirected' &&
    previous.finalUrl !== undefined &&
    previous.status !== undefined
  ) {
    return {
      kind: 'redirected',
      status: previous.status,
      to: previous.finalUrl,
      finalUrl: previous.finalUrl,
      evidence
    }
  }
  if (previous.verdict !== 'ok') return undefined
  const verdict: Verdict = {kind: 'ok', evidence}
  if (previous.status !== undefined) verdict.status = previous.status
  if (previous.finalUrl !== undefined) verdict.finalUrl = previous.finalUrl
  return verdict
}
