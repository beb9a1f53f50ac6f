import {parseRetryAfter} from '../links/retry.js'
import type {Clock} from './types.js'

/** Real time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms)))
}

/** GitHub's primary rate limit from headers: requests left and when the window resets (epoch ms). */
export function githubRateHeaders(headers: Readonly<Record<string, string>>): {
  remaining?: number
  resetAt?: number
} {
  const remaining = Number(headers['x-ratelimit-remaining'])
  const reset = Number(headers['x-ratelimit-reset'])
  return {
    ...(headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining)
      ? {remaining}
      : {}),
    ...(headers['x-ratelimit-reset'] !== undefined && Number.isFinite(reset)
      ? {resetAt: reset * 1000}
      : {})
  }
}

/**
 * Milliseconds until the Hub's rate-limit window resets, from the IETF
 * `RateLimit` header it sends (`"api";r=0;t=55`), or `Retry-After`.
 */
export function huggingFaceWaitMs(
  headers: Readonly<Record<string, string>>,
  now: number
): number | undefined {
  const value = headers['ratelimit']
  if (value !== undefined) {
    const match = /(?:^|;)\s*t=(\d+)/.exec(value)
    if (match) return Number(match[1]) * 1000
  }
  const legacy = headers['ratelimit-reset']
  if (legacy !== undefined && /^\d+$/.test(legacy.trim())) return Number(legacy) * 1000
  return parseRetryAfter(headers['retry-after'], now)
}
