import type {Exchange} from './client.js'

/**
 * Milliseconds a `Retry-After` header asks to wait: delay-seconds or an
 * HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now()
): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/**
 * Exponential back-off with jitter: `base × 2^(attempt-1)`, capped at `max`,
 * times a random factor in [0.5, 1.5) so that clients do not retry in step.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential * (0.5 + random()))
}

/** A failure worth retrying: timeout, reset, 408, 429, 5xx. DNS, refused, TLS and other 4xx are not. */
export function isTransient(exchange: Exchange): boolean {
  if (exchange.type === 'error') return exchange.cause === 'timeout' || exchange.cause === 'reset'
  return (
    exchange.status === 408 ||
    exchange.status === 429 ||
    (exchange.status >= 500 && exchange.status <= 599)
  )
}
