import {type Dispatcher, request} from 'undici'
import type {NetworkBreaker} from '../links/breaker.js'
import {
  parseRetryAfter,
  type RetryDecision,
  type RetryPolicy,
  type RetryTiming
} from '../links/retry.js'
import type {Clock, LookupFailureReason} from './types.js'
import {redact} from './redact.js'

/** What every API client (GitHub, Hugging Face, arXiv) takes besides its own endpoints and limits. */
export interface ApiClientOptions {
  /** Environment read for tokens and endpoints; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>
  /** Tries of one request after network errors and 5xx, the first included; default 3. */
  attempts?: number
  /** Deadline of one request, body included; default 30 s. */
  timeoutMs?: number
  /** Time; tests pass a fake one so that waits are recorded, not spent. */
  clock?: Clock
  /** Source of the back-off's jitter, in [0, 1); default `Math.random`. */
  random?: () => number
  /** Dispatcher for every request (tests may pass a mock agent); default undici's global agent. */
  dispatcher?: Dispatcher
  userAgent?: string
  /** Shared with the whole run: when it opens (the network is down), nothing more is sent or waited for. */
  breaker?: NetworkBreaker
}

/** The User-Agent the API clients send unless told otherwise. */
export const defaultUserAgent = 'open-source-chatgpt-and-beyond-link-check'

/**
 * The API clients' retry policy (see `retrying`): `attempts` tries in all,
 * back-off from 1 s doubling to at most 30 s, and a `Retry-After` honoured up
 * to `retryAfterCapMs`.
 */
export function apiRetryPolicy(attempts: number, retryAfterCapMs: number): RetryPolicy {
  return {attempts: Math.max(1, attempts), baseMs: 1000, maxMs: 30_000, retryAfterCapMs}
}

/** The clients' clock (and jitter, when given) as `retrying` wants them. */
export function retryTiming(
  clock: Clock,
  random: (() => number) | undefined,
  breaker?: NetworkBreaker
): RetryTiming {
  return {
    // With the network down, waiting for it to come back is what the breaker saves.
    sleep: ms => (breaker?.open ? Promise.resolve() : clock.sleep(ms)),
    ...(random === undefined ? {} : {random})
  }
}

/**
 * Whether an API answer is worth another try: a network failure or timeout,
 * or a 5xx (with the server's `Retry-After`, when it sent one). Rate limits
 * (403/429) are not retried here: each client waits for its API's reset.
 */
export function apiRetryDecision(answer: ApiAnswer, now: number): RetryDecision {
  if (answer.type === 'error') return {retry: true}
  if (answer.status >= 500)
    return {retry: true, retryAfterMs: parseRetryAfter(answer.headers['retry-after'], now)}
  return {retry: false}
}

/** One HTTP exchange with an API: a response with its body, or why there was none. */
export type ApiAnswer =
  | {type: 'response'; status: number; headers: Readonly<Record<string, string>>; body: string}
  | {type: 'error'; reason: Extract<LookupFailureReason, 'network' | 'timeout'>; detail: string}

export interface ApiRequest {
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
}

export interface ApiTransport {
  /** Dispatcher for every request (tests may pass a mock agent). Default: undici's global keep-alive agent. */
  dispatcher?: Dispatcher
  /** Deadline for one exchange, body included. Default 30 s. */
  timeoutMs?: number
  /** Values redacted from every error text (tokens). */
  secrets: readonly (string | undefined)[]
  breaker?: NetworkBreaker | undefined
}

/** Largest API answer read; anything bigger is not an answer these clients expect. */
const maxBodyBytes = 16 * 1024 * 1024

/**
 * Send one request without following redirects (the callers classify them)
 * and read the whole body. Never throws: network failures come back as
 * `{type: 'error'}` with the token redacted from the text.
 */
export async function send(
  url: string,
  init: ApiRequest,
  transport: ApiTransport
): Promise<ApiAnswer> {
  if (transport.breaker?.open)
    return {type: 'error', reason: 'network', detail: `not sent: ${transport.breaker.reason}`}
  const answer = await sendOnce(url, init, transport)
  transport.breaker?.record(answer.type === 'response' ? 'answered' : 'network-error')
  return answer
}

async function sendOnce(
  url: string,
  init: ApiRequest,
  transport: ApiTransport
): Promise<ApiAnswer> {
  const controller = new AbortController()
  let timedOut = false
  const timeoutMs = transport.timeoutMs ?? 30_000
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  try {
    const response = await request(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : {body: init.body}),
      signal: controller.signal,
      ...(transport.dispatcher ? {dispatcher: transport.dispatcher} : {})
    })
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer
      size += buffer.length
      if (size > maxBodyBytes) {
        controller.abort()
        return {
          type: 'error',
          reason: 'network',
          detail: `Answer of ${url} is larger than ${maxBodyBytes} bytes`
        }
      }
      chunks.push(buffer)
    }
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined)
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
    }
    return {
      type: 'response',
      status: response.statusCode,
      headers,
      body: Buffer.concat(chunks).toString('utf8')
    }
  } catch (error) {
    if (timedOut)
      return {
        type: 'error',
        reason: 'timeout',
        detail: `No answer from ${originOf(url)} within ${timeoutMs} ms`
      }
    return {type: 'error', reason: 'network', detail: redact(describe(error), transport.secrets)}
  } finally {
    clearTimeout(timer)
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as {code?: unknown}).code
    const cause = (error as {cause?: unknown}).cause
    const causeText = cause instanceof Error ? `: ${cause.message}` : ''
    return `${typeof code === 'string' ? `${code} ` : ''}${error.message}${causeText}`.split(
      '\n'
    )[0]!
  }
  return String(error)
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'the API'
  }
}

/** Parse a JSON body, or undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return undefined
  }
}

/** A setting from the environment, or undefined when unset or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** A redirect target resolved against the request URL, or undefined when it is not a URL. */
export function safeUrl(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base)
  } catch {
    return undefined
  }
}
