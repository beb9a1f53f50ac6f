import {setTimeout as realSleep} from 'node:timers/promises'
import pLimit from 'p-limit'
import type {Exchange, HttpClient} from './client.js'
import {blockedReason, hostPolicy, type LinkCheckConfig} from './config.js'
import {HostLimiter} from './host.js'
import {requestUrl} from './normalize.js'
import {loginPathPattern} from './quirks.js'
import {isTransient, parseRetryAfter, type RetryPolicy, retrying} from './retry.js'
import type {Evidence, Hop, Verdict} from './verdict.js'

/** Checks URLs over HTTP, politely, sharing work between identical URLs. */
export interface Checker {
  /** The verdict for one absolute http(s) URL; concurrent and repeated calls for one URL share one check. */
  check(url: string): Promise<Verdict>
  /** Requests sent so far (retries and fallbacks included). */
  readonly requests: number
  /** Hosts that answered 429 during the run. */
  readonly slowedHosts: string[]
}

export interface CheckerOptions {
  config: LinkCheckConfig
  client: HttpClient
  /** Source of jitter; tests may fix it. Default `Math.random`. */
  random?: () => number
  /** Waits between retries and before confirming a 404; default real time. */
  sleep?: (ms: number) => Promise<void>
}

/** What one hop (one URL, before following its redirect) came to, after fallbacks and retries. */
interface HopOutcome {
  exchange: Exchange
  method: 'HEAD' | 'GET'
  attempts: number
  /** A 404/410 answered again by a second request. */
  confirmed: boolean
  /** A 429 whose `Retry-After` exceeded the cap, or that outlasted the retries. */
  rateLimited: boolean
}

/**
 * A checker: one global limit on requests in flight (p-limit), a limiter per
 * host (connections, gap, slow-down after 429), HEAD with a GET fallback,
 * retries of transient failures with back-off honouring `Retry-After`, and
 * redirects followed one hop at a time.
 */
export function createChecker(options: CheckerOptions): Checker {
  const {config, client} = options
  const random = options.random ?? Math.random
  const sleep = options.sleep ?? ((ms: number) => realSleep(ms))
  const retryPolicy: RetryPolicy = {
    attempts: config.retries + 1,
    baseMs: config.backoffBaseMs,
    maxMs: config.backoffMaxMs,
    retryAfterCapMs: config.retryAfterCapMs
  }
  const global = pLimit(config.concurrency)
  const limiters = new Map<string, HostLimiter>()
  /** Hosts (host:port) that answered HEAD with 405/501: ask them with GET straight away. */
  const getOnly = new Set<string>()
  const verdicts = new Map<string, Promise<Verdict>>()
  const hops = new Map<string, Promise<HopOutcome>>()
  let requests = 0

  const limiterFor = (url: URL): HostLimiter => {
    let limiter = limiters.get(url.host)
    if (!limiter) {
      const policy = hostPolicy(config, url.hostname)
      limiter = new HostLimiter({connections: policy.connections, minGapMs: policy.minGapMs})
      limiters.set(url.host, limiter)
    }
    return limiter
  }

  async function send(url: URL, method: 'HEAD' | 'GET'): Promise<Exchange> {
    const limiter = limiterFor(url)
    const release = await limiter.acquire()
    try {
      requests++
      const policy = hostPolicy(config, url.hostname)
      const exchange = await global(() =>
        client.request(url.href, {
          method,
          headers: {
            'user-agent': policy.userAgent ?? config.userAgent,
            accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
            'accept-language': 'en-US,en;q=0.9'
          },
          timeoutMs: config.timeoutMs,
          maxBodyBytes: config.maxBodyBytes
        })
      )
      if (exchange.type === 'response' && exchange.status === 429) {
        const wait = parseRetryAfter(exchange.retryAfter) ?? config.backoffBaseMs
        limiter.slowDown(Math.min(wait, config.retryAfterCapMs), config.backoffBaseMs)
      }
      return exchange
    } finally {
      release()
    }
  }

  const accepted = (url: URL, status: number): boolean =>
    (status >= 200 && status <= 299) ||
    config.acceptStatus.includes(status) ||
    (hostPolicy(config, url.hostname).acceptStatus?.includes(status) ?? false)

  /** HEAD gave no usable answer: any status but 2xx/3xx (429 aside: it asks for patience, not another method), or a reset. */
  const needsGet = (url: URL, exchange: Exchange): boolean =>
    exchange.type === 'error'
      ? exchange.cause === 'reset'
      : !accepted(url, exchange.status) &&
        !(exchange.status >= 300 && exchange.status <= 399) &&
        exchange.status !== 429

  /** One try at a hop: HEAD (GET where HEAD is no use), and a second GET to confirm a 404/410. */
  async function tryHop(url: URL): Promise<Omit<HopOutcome, 'rateLimited'>> {
    let attempts = 0
    let method: 'HEAD' | 'GET' = getOnly.has(url.host) ? 'GET' : 'HEAD'
    let exchange = await send(url, method)
    attempts++
    if (method === 'HEAD' && needsGet(url, exchange)) {
      if (exchange.type === 'response' && (exchange.status === 405 || exchange.status === 501))
        getOnly.add(url.host)
      method = 'GET'
      exchange = await send(url, method)
      attempts++
    }
    if (
      exchange.type === 'response' &&
      (exchange.status === 404 || exchange.status === 410) &&
      !accepted(url, exchange.status)
    ) {
      // One 404 can be a deploy in progress; a second one a moment later is an answer.
      await sleep(config.confirmDelayMs)
      const again = await send(url, 'GET')
      attempts++
      if (again.type === 'response' && (again.status === 404 || again.status === 410))
        return {exchange: again, method: 'GET', attempts, confirmed: true}
      exchange = again
      method = 'GET'
    }
    return {exchange, method, attempts, confirmed: false}
  }

  /** A hop, tried again (whole) while the answer is transient. */
  async function fetchHop(url: URL): Promise<HopOutcome> {
    let attempts = 0
    const {result, stop} = await retrying(
      async () => {
        const tried = await tryHop(url)
        attempts += tried.attempts
        return tried
      },
      ({exchange, confirmed}) =>
        confirmed ||
        (exchange.type === 'response' && accepted(url, exchange.status)) ||
        !isTransient(exchange)
          ? {retry: false}
          : {
              retry: true,
              retryAfterMs:
                exchange.type === 'response' ? parseRetryAfter(exchange.retryAfter) : undefined
            },
      retryPolicy,
      {sleep, random}
    )
    const is429 = result.exchange.type === 'response' && result.exchange.status === 429
    return {...result, attempts, rateLimited: is429 && stop !== 'final'}
  }

  /** Hops are shared: many links redirect to one page (a login, a home page), and identical URLs are fetched once. */
  function hop(url: URL): Promise<HopOutcome> {
    const key = url.href
    let pending = hops.get(key)
    if (!pending) {
      pending = fetchHop(url)
      hops.set(key, pending)
    }
    return pending
  }

  async function checkUrl(original: string): Promise<Verdict> {
    const trail: Hop[] = []
    let attempts = 0
    const evidence = (errorCode?: string): Evidence =>
      errorCode === undefined ? {hops: trail, attempts} : {hops: trail, attempts, errorCode}
    const fragment = original.includes('#') ? original.slice(original.indexOf('#')) : ''
    let current: URL
    try {
      current = new URL(requestUrl(original))
    } catch {
      return {kind: 'broken', reason: 'bad-redirect', definitive: true, evidence: evidence()}
    }
    const visited = new Set<string>()
    for (;;) {
      if (blockedReason(config, current.hostname) !== undefined)
        return {kind: 'unverifiable', reason: 'blocked-host', evidence: evidence()}
      visited.add(current.href)
      const outcome = await hop(current)
      attempts += outcome.attempts
      const {exchange} = outcome
      if (exchange.type === 'error') {
        trail.push({url: current.href, method: outcome.method, errorCode: exchange.code})
        return {
          kind: 'unreachable',
          cause: exchange.cause,
          definitive: exchange.code === 'ENOTFOUND',
          evidence: evidence(exchange.code)
        }
      }
      const {status} = exchange
      trail.push({url: current.href, method: outcome.method, status})
      if (status >= 300 && status <= 399 && status !== 304 && !accepted(current, status)) {
        if (exchange.location === undefined)
          return {
            kind: 'broken',
            reason: 'bad-redirect',
            status,
            definitive: false,
            evidence: evidence()
          }
        let next: URL
        try {
          next = new URL(exchange.location, current)
        } catch {
          return {
            kind: 'broken',
            reason: 'bad-redirect',
            status,
            definitive: false,
            evidence: evidence()
          }
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          trail.push({url: next.href.slice(0, 200), method: outcome.method})
          return {
            kind: 'broken',
            reason: 'bad-redirect',
            status,
            definitive: false,
            evidence: evidence()
          }
        }
        next.hash = ''
        if (visited.has(next.href)) {
          trail.push({url: next.href, method: outcome.method})
          return {
            kind: 'broken',
            reason: 'redirect-loop',
            status,
            definitive: false,
            evidence: evidence()
          }
        }
        if (trail.length > config.maxRedirects)
          return {
            kind: 'broken',
            reason: 'too-many-redirects',
            status,
            definitive: false,
            evidence: evidence()
          }
        current = next
        continue
      }
      if (accepted(current, status) || status === 304)
        return success(original, fragment, trail, status, evidence())
      if (status === 999)
        return {kind: 'unverifiable', reason: 'status-999', status, evidence: evidence()}
      if (status === 403 && exchange.cfMitigated !== undefined)
        return {kind: 'unverifiable', reason: 'challenge', status, evidence: evidence()}
      if (status === 429 || outcome.rateLimited)
        return {kind: 'unverifiable', reason: 'rate-limited', status, evidence: evidence()}
      return {
        kind: 'broken',
        reason: 'status',
        status,
        definitive: outcome.confirmed,
        evidence: evidence()
      }
    }
  }

  return {
    check(url) {
      let pending = verdicts.get(url)
      if (!pending) {
        pending = checkUrl(url)
        verdicts.set(url, pending)
      }
      return pending
    },
    get requests() {
      return requests
    },
    get slowedHosts() {
      return [...limiters].filter(([, limiter]) => limiter.slowed).map(([host]) => host)
    }
  }
}

/**
 * A working link, classified by its redirects: none or only temporary ones
 * (302/303/307) → ok; permanent ones (301/308) first → redirected, to where
 * they lead; any redirect ending on a login page → ok with a warning, since
 * "moved to the login page" is not a new home for the link.
 */
function success(
  original: string,
  fragment: string,
  trail: Hop[],
  status: number,
  evidence: Evidence
): Verdict {
  const final = trail.at(-1)!.url
  if (trail.length === 1) return {kind: 'ok', status, evidence}
  if (loginPathPattern.test(new URL(final).pathname))
    return {kind: 'ok', status, finalUrl: final, warning: 'login-redirect', evidence}
  let permanent = 0
  while (
    permanent < trail.length - 1 &&
    (trail[permanent]!.status === 301 || trail[permanent]!.status === 308)
  )
    permanent++
  if (permanent === 0) return {kind: 'ok', status, finalUrl: final, evidence}
  const to = `${trail[permanent]!.url}${fragment}`
  if (to === original) return {kind: 'ok', status, finalUrl: final, evidence}
  return {kind: 'redirected', status, to, finalUrl: final, evidence}
}
