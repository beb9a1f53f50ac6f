import {isFailure, type Verdict} from '../links/verdict.js'
import type {LinkStatus} from './types.js'

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
