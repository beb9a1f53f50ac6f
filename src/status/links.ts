import type {LinkHistory} from '../links/types.js'
import {isFailure, type Verdict} from '../links/verdict.js'
import type {LinkStatus, StatusFile} from './types.js'

/**
 * The status of a URL after one more check: failure history carried over,
 * and whether it is now dead. A URL is dead only after `deadAfter` failing
 * runs in a row, or at once when the failure is definitive (NXDOMAIN, a
 * confirmed 404/410, a missing anchor); the checker never cries wolf over one
 * bad night. Unverifiable and redirected links are not failures.
 * @param options.deadAfter Failing runs in a row before a link is dead (default 2).
 */
export function nextLinkStatus(
  previous: LinkStatus | undefined,
  verdict: Verdict,
  options: {now: Date; deadAfter?: number}
): LinkStatus {
  const now = options.now.toISOString()
  const deadAfter = options.deadAfter ?? 2
  const status: LinkStatus = {verdict: verdict.kind, checkedAt: now, consecutiveFailures: 0}
  if ('status' in verdict && verdict.status !== undefined) status.status = verdict.status
  if (verdict.kind === 'redirected') status.finalUrl = verdict.to
  else if (verdict.kind === 'ok' && verdict.finalUrl !== undefined)
    status.finalUrl = verdict.finalUrl
  if (verdict.kind === 'unreachable') status.cause = verdict.cause
  if (isFailure(verdict)) {
    status.consecutiveFailures = (previous?.consecutiveFailures ?? 0) + 1
    status.firstFailedAt =
      previous !== undefined && previous.consecutiveFailures > 0 && previous.firstFailedAt
        ? previous.firstFailedAt
        : now
    if (previous?.lastOkAt !== undefined) status.lastOkAt = previous.lastOkAt
    status.dead = verdict.definitive || status.consecutiveFailures >= deadAfter
  } else if (verdict.kind === 'unverifiable') {
    // Neither proof of life nor of death: keep what was known.
    if (previous?.lastOkAt !== undefined) status.lastOkAt = previous.lastOkAt
  } else {
    status.lastOkAt = now
  }
  return status
}

export interface LinkHistoryOptions {
  now: () => Date
  /** Failing runs in a row before a link is dead. */
  deadAfter: number
  /** Reuse working verdicts younger than this; 0 turns the cache off (`--no-cache`). */
  cacheAgeMs: number
}

/**
 * The link checker's view of earlier runs, backed by the status file; the
 * records it judges are collected in `updates`, to be merged into the file.
 */
export function createLinkHistory(
  status: StatusFile,
  options: LinkHistoryOptions
): LinkHistory & {updates: Record<string, LinkStatus>} {
  const updates: Record<string, LinkStatus> = {}
  const cachedUrls = new Set<string>()
  return {
    updates,
    cached(url) {
      const verdict = fromCache(status.links[url], options.now(), options.cacheAgeMs)
      if (verdict !== undefined) cachedUrls.add(url)
      return verdict
    },
    judge(url, verdict) {
      const previous = status.links[url]
      const record = cachedUrls.has(url)
        ? previous!
        : nextLinkStatus(previous, verdict, {now: options.now(), deadAfter: options.deadAfter})
      updates[url] = record
      return {
        dead: record.dead ?? false,
        consecutiveFailures: record.consecutiveFailures,
        ...(record.firstFailedAt !== undefined && record.consecutiveFailures > 0
          ? {firstFailedAt: record.firstFailedAt}
          : {})
      }
    }
  }
}

/**
 * A working verdict (ok, or a permanent redirect to a working page) younger
 * than the cache age, rebuilt from the status file. Failures and
 * unverifiable links are never cached.
 */
function fromCache(
  previous: LinkStatus | undefined,
  now: Date,
  cacheAgeMs: number
): Verdict | undefined {
  if (previous === undefined || cacheAgeMs <= 0) return undefined
  const age = now.getTime() - Date.parse(previous.checkedAt)
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
