import {isIP, type LookupFunction} from 'node:net'
import {Agent, Client, type Dispatcher, errors, Pool} from 'undici'
import {isPublicAddress, privateAddressCode, publicOnlyLookup} from './address.js'
import type {UnreachableCause} from './verdict.js'

/** What one HTTP request gave: a response (status and the headers the checker reads) or a network failure. */
export type Exchange =
  | {
      type: 'response'
      status: number
      location?: string
      retryAfter?: string
      cfMitigated?: string
    }
  | {type: 'error'; cause: UnreachableCause; code: string}

export interface RequestOptions {
  method: 'HEAD' | 'GET'
  headers: Record<string, string>
  /** Deadline for the whole exchange: connect, headers and the body bytes read. */
  timeoutMs: number
  /** Body bytes read at most; the connection is dropped rather than download more. */
  maxBodyBytes: number
}

/** The network edge of the checker; tests and benchmarks pass their own options or a whole client. */
export interface HttpClient {
  request(url: string, options: RequestOptions): Promise<Exchange>
  close(): Promise<void>
}

export interface ClientOptions {
  /** Name resolution; tests map names such as `a.test` to 127.0.0.1. Default: the system resolver. */
  lookup?: LookupFunction
  /** Trusted CA certificates (PEM), replacing the system roots; tests trust their own CA. */
  ca?: string | string[]
  /** Connections kept per origin (`scheme://host:port`); default 4. The host limiter keeps requests within it. */
  connectionsFor?: (origin: URL) => number
  /** Use this dispatcher instead of building a keep-alive agent (it is not closed by `close()`). */
  dispatcher?: Dispatcher
  /** How long an idle connection is kept for reuse; default 10 s. */
  keepAliveTimeoutMs?: number
  /**
   * Request private, loopback and link-local addresses too; default false:
   * a listed site or a redirect must not make the checker reach the runner's
   * own network (cloud metadata, internal services). Tests allow 127.0.0.1.
   */
  allowPrivateAddresses?: boolean
}

/**
 * An undici client with keep-alive and a connection pool per origin, no
 * automatic redirects (the checker follows them hop by hop), a total
 * deadline per request, and bodies cut after `maxBodyBytes`.
 */
export function createHttpClient(options: ClientOptions = {}): HttpClient {
  const connect: Record<string, unknown> = {}
  const allowPrivate = options.allowPrivateAddresses ?? false
  // Names are checked after resolution (every address they have); literal IPs before the request.
  if (!allowPrivate) connect['lookup'] = publicOnlyLookup(options.lookup)
  else if (options.lookup) connect['lookup'] = options.lookup
  if (options.ca !== undefined) connect['ca'] = options.ca
  const connectionsFor = options.connectionsFor ?? (() => 4)
  const owned =
    options.dispatcher === undefined
      ? new Agent({
          keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
          connect,
          factory: (origin, opts) => {
            const connections = Math.max(1, connectionsFor(new URL(String(origin))))
            return connections === 1
              ? new Client(origin, opts)
              : new Pool(origin, {...opts, connections})
          }
        })
      : undefined
  const dispatcher = options.dispatcher ?? owned!
  /** Origins that sent bytes after a HEAD response: their HEADs close the connection again. */
  const bodyAfterHead = new Set<string>()

  return {
    async request(url, {method, headers, timeoutMs, maxBodyBytes}) {
      const controller = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, timeoutMs)
      try {
        const target = new URL(url)
        if (
          !allowPrivate &&
          isIP(target.hostname.replace(/^\[|\]$/g, '')) !== 0 &&
          !isPublicAddress(target.hostname)
        )
          return {type: 'error', cause: 'private-address', code: privateAddressCode}
        const send = () =>
          dispatcher.request({
            origin: target.origin,
            path: `${target.pathname}${target.search}`,
            method,
            headers,
            signal: controller.signal,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            // undici closes the connection after every HEAD, in case the server sends a body
            // anyway; that costs a connection (and a TLS handshake) per URL. Keep it open: a
            // stray body that arrives while the connection is idle only closes it, and one that
            // arrives during the next exchange is a parse error, retried below.
            ...(method === 'HEAD' && !bodyAfterHead.has(target.origin) ? {reset: false} : {})
          })
        const reusedAfterHead = !bodyAfterHead.has(target.origin)
        let response: Dispatcher.ResponseData
        try {
          response = await send()
        } catch (error) {
          if (!reusedAfterHead || timedOut || !isParseError(error)) throw error
          // A HEAD before this request left bytes on the connection: stop reusing connections
          // after HEAD for this origin, and retry once.
          bodyAfterHead.add(target.origin)
          response = await send()
        }
        await readSome(response.body, maxBodyBytes)
        const exchange: Exchange = {type: 'response', status: response.statusCode}
        const location = header(response.headers, 'location')
        const retryAfter = header(response.headers, 'retry-after')
        const cfMitigated = header(response.headers, 'cf-mitigated')
        if (location !== undefined) exchange.location = location
        if (retryAfter !== undefined) exchange.retryAfter = retryAfter
        if (cfMitigated !== undefined) exchange.cfMitigated = cfMitigated
        return exchange
      } catch (error) {
        return classifyNetworkError(error, timedOut)
      } finally {
        clearTimeout(timer)
      }
    },
    async close() {
      await owned?.close()
    }
  }
}

/**
 * Read at most `limit` bytes of a body, then drop the rest. A body that
 * fails or stalls after the headers does not change the answer: the status
 * is already known, and the deadline bounds the wait.
 */
async function readSome(body: Dispatcher.ResponseData['body'], limit: number): Promise<void> {
  try {
    // undici reads up to `limit` bytes and destroys the stream beyond it (the connection is then not reused).
    await body.dump({limit: Math.max(1, limit)})
  } catch {
    // Status and headers are what the checker needs.
  }
}

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string
): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** llhttp rejected the response: bytes that do not start a valid HTTP message (often without a code). */
function isParseError(error: unknown): boolean {
  return error instanceof errors.HTTPParserError || (errorCode(error)?.startsWith('HPE_') ?? false)
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL'])
const resetCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED'
])
const timeoutCodes = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

/** Map an error thrown by undici or the socket to a cause and a stable code. */
export function classifyNetworkError(error: unknown, timedOut = false): Exchange & {type: 'error'} {
  if (timedOut) return {type: 'error', cause: 'timeout', code: 'ETIMEDOUT'}
  const code = errorCode(error) ?? 'UNKNOWN'
  if (code === privateAddressCode) return {type: 'error', cause: 'private-address', code}
  if (dnsCodes.has(code)) return {type: 'error', cause: 'dns', code}
  if (code === 'ECONNREFUSED') return {type: 'error', cause: 'refused', code}
  if (resetCodes.has(code)) return {type: 'error', cause: 'reset', code}
  if (timeoutCodes.has(code)) return {type: 'error', cause: 'timeout', code}
  if (/CERT|SSL|TLS|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|EPROTO|HOSTNAME_MISMATCH/.test(code))
    return {type: 'error', cause: 'tls', code}
  return {type: 'error', cause: 'other', code}
}

/** The most specific error code: the error's own, its cause's, or the first of an AggregateError's. */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined
  const record = error as {code?: unknown; cause?: unknown; errors?: unknown}
  const inner =
    errorCode(record.cause, depth + 1) ??
    (Array.isArray(record.errors) ? errorCode(record.errors[0], depth + 1) : undefined)
  const own = typeof record.code === 'string' ? record.code : undefined
  // undici wraps socket errors; the wrapped code (ECONNRESET, a TLS code) says more than UND_ERR_SOCKET.
  if (
    own === undefined ||
    (own.startsWith('UND_ERR_') && own !== 'UND_ERR_SOCKET' && inner !== undefined)
  )
    return inner ?? own
  if (own === 'UND_ERR_SOCKET' && inner !== undefined) return inner
  return own
}
