import type {Exchange} from './client.js'

/**
 * Retrying, the same way for every HTTP client (the link checker and the
 * GitHub, Hugging Face and arXiv API clients): exponential back-off with
 * jitter, a server's `Retry-After` honoured instead when it gives one, and a
 * cap past which waiting is not worth it.
 */

/** How often and how long to retry. */
export interface RetryPolicy {
  /** Tries in all, the first one included (at least 1). */
  attempts: number
  /** Back-off before the first retry; it doubles with every further retry. */
  baseMs: number
  /** Longest back-off, before jitter. */
  maxMs: number
  /** Longest `Retry-After` honoured; a server asking for more ends the retries. */
  retryAfterCapMs: number
}

/** What one try came to: final (success, or a failure that another try will not change), or worth another try. */
export type RetryDecision =
  | {retry: false}
  /** `retryAfterMs`: how long the server asked to wait, when it said. */
  | {retry: true; retryAfterMs?: number | undefined}

/** Time, replaceable so that tests of retrying run instantly and the same every time. */
export interface RetryTiming {
  sleep(ms: number): Promise<void>
  /** Source of jitter in [0, 1); default `Math.random`. */
  random?: () => number
}

/** The last try's result, how many tries it took, and why the retrying stopped. */
export interface Retried<T> {
  result: T
  attempts: number
  stop:
    | 'final'
    /** Still transient after `policy.attempts` tries. */
    | 'attempts-spent'
    /** The server asked for a longer wait than `policy.retryAfterCapMs`. */
    | 'retry-after-too-long'
}

/**
 * Call `tryOnce` until `decide` calls its result final, the tries are spent,
 * or the server asks to wait longer than the cap. Between tries, wait what
 * `Retry-After` asked, else the back-off (see `backoffDelay`), never more
 * than the cap. `tryOnce` gets the 1-based number of the try; `onRetry`
 * hears of each wait before it starts (for notices and progress).
 */
export async function retrying<T>(
  tryOnce: (attempt: number) => Promise<T>,
  decide: (result: T) => RetryDecision,
  policy: RetryPolicy,
  timing: RetryTiming,
  onRetry?: (result: T, waitMs: number) => void
): Promise<Retried<T>> {
  const attempts = Math.max(1, policy.attempts)
  for (let attempt = 1; ; attempt++) {
    const result = await tryOnce(attempt)
    const decision = decide(result)
    if (!decision.retry) return {result, attempts: attempt, stop: 'final'}
    const {retryAfterMs} = decision
    if (retryAfterMs !== undefined && retryAfterMs > policy.retryAfterCapMs)
      return {result, attempts: attempt, stop: 'retry-after-too-long'}
    if (attempt >= attempts) return {result, attempts: attempt, stop: 'attempts-spent'}
    const wait = Math.min(
      retryAfterMs ?? backoffDelay(attempt, policy, timing.random ?? Math.random),
      policy.retryAfterCapMs
    )
    onRetry?.(result, wait)
    await timing.sleep(wait)
  }
}

/**
 * The wait after try number `attempt`: `baseMs × 2^(attempt-1)`, capped at
 * `maxMs`, times a random factor in [0.5, 1.5) so that clients do not retry in step.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>,
  random: () => number = Math.random
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential * (0.5 + random()))
}

/**
 * Milliseconds a `Retry-After` header asks to wait: delay-seconds (a
 * fraction is tolerated and rounded up) or an HTTP date. Undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now()
): number | undefined {
  const text = value?.trim()
  if (text === undefined || text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000)
  // An HTTP date names its month (`Wed, 21 Oct 2026 07:28:00 GMT`); Date.parse alone would also take `-5`.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
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
