import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createChecker} from '../../src/links/check.js'
import type {HttpClient} from '../../src/links/client.js'
import type {Verdict} from '../../src/links/verdict.js'
import {refusedPort, respond, startServer, type TestServer} from '../helpers/server.js'
import {createTestPki, type TestPki} from '../helpers/tls.js'
import {testChecker, testClient, testConfig} from './setup.js'

// The fault matrix of issue 3: each case is reproduced by a real server on 127.0.0.1.
let http: TestServer
let https: TestServer
let untrusted: TestServer
let pki: TestPki
let hugeBytesSent = 0
// A deadline far beyond any answer, so a loaded machine cannot turn a slow answer into a
// timeout; the timeout case has its own checker with a short deadline.
const config = testConfig({
  timeoutMs: 10_000,
  blockedHosts: {...testConfig().blockedHosts, 'x.test': 'test host that blocks bots'}
})
let harness: ReturnType<typeof testChecker>

const routes = {
  '/ok': respond.status(200),
  '/head-405': (request, response) =>
    response.writeHead(request.method === 'HEAD' ? 405 : 200).end('ok'),
  '/404': respond.status(404),
  '/410': respond.status(410),
  '/404-once': (_, response, hit) => response.writeHead(hit === 1 ? 404 : 200).end(),
  '/500': respond.status(500),
  '/301': respond.redirect(301, '/301b'),
  '/301b': respond.redirect(308, '/ok'),
  '/308-then-302': respond.redirect(308, '/302'),
  '/302': respond.redirect(302, '/ok'),
  '/loop-a': respond.redirect(301, '/loop-b'),
  '/loop-b': respond.redirect(301, '/loop-a'),
  '/to-file': respond.redirect(302, 'file:///etc/passwd'),
  '/to-javascript': respond.redirect(301, 'javascript:alert(1)'),
  '/429-then-200': (_, response, hit) =>
    hit === 1 ? response.writeHead(429, {'retry-after': '1'}).end() : response.writeHead(200).end(),
  '/429-date-then-200': (_, response, hit) =>
    hit === 1
      ? response.writeHead(429, {'retry-after': new Date(Date.now() + 1000).toUTCString()}).end()
      : response.writeHead(200).end(),
  '/429-always': respond.status(429, {'retry-after': '0'}),
  '/429-too-long': respond.status(429, {'retry-after': '3600'}),
  '/503-once': (_, response, hit) => response.writeHead(hit === 1 ? 503 : 200).end(),
  '/503-too-long': respond.status(503, {'retry-after': '3600'}),
  '/reset-once': (request, response, hit) =>
    hit === 1 ? request.socket.destroy() : response.writeHead(200).end(),
  '/slow': respond.delayed(250),
  '/hang': () => {},
  '/huge': (request, response) => {
    if (request.method === 'HEAD') return void response.writeHead(405).end()
    response.writeHead(200, {'content-type': 'application/octet-stream'})
    const chunk = Buffer.alloc(64 * 1024, 97)
    let sent = 0
    const pump = (): void => {
      while (sent < 200 * 1024 * 1024) {
        sent += chunk.length
        hugeBytesSent = sent
        if (!response.write(chunk)) return void response.once('drain', pump)
      }
      response.end()
    }
    response.on('close', () => (hugeBytesSent = sent))
    pump()
  },
  '/bot-403': (request, response) =>
    response.writeHead(/Mozilla\/5\.0/.test(request.headers['user-agent'] ?? '') ? 200 : 403).end(),
  '/cf-challenge': respond.status(403, {'cf-mitigated': 'challenge'}),
  '/999': respond.status(999),
  '/to-login': respond.redirect(302, '/accounts/login?next=%2Fprivate'),
  '/accounts/login': respond.status(200),
  '/moved-to-login': respond.redirect(301, '/login'),
  '/login': respond.status(200)
} satisfies Parameters<typeof startServer>[0]

beforeAll(async () => {
  pki = createTestPki(['secure.test', 'untrusted.test', 'localhost'])
  http = await startServer(routes)
  https = await startServer(routes, {tls: pki.server})
  untrusted = await startServer(routes, {tls: pki.untrusted})
  harness = testChecker(config, pki.ca)
})

afterAll(async () => {
  await harness.close()
  await Promise.all([http.close(), https.close(), untrusted.close()])
})

const check = (url: string): Promise<Verdict> => harness.checker.check(url)
const at = (path: string, host = 'a.test') => `${http.origin(host)}${path}`

describe('fault matrix', () => {
  it('200 is ok', async () => {
    expect(await check(at('/ok'))).toMatchObject({
      kind: 'ok',
      status: 200,
      evidence: {attempts: 1, hops: [{method: 'HEAD', status: 200}]}
    })
  })

  it('HEAD 405 then GET 200 is ok, and later requests to the host use GET straight away', async () => {
    const verdict = await check(at('/head-405', 'b.test'))
    expect(verdict).toMatchObject({
      kind: 'ok',
      status: 200,
      evidence: {attempts: 2, hops: [{method: 'GET', status: 200}]}
    })
    const before = http.requests.length
    expect(await check(at('/ok', 'b.test'))).toMatchObject({
      kind: 'ok',
      evidence: {hops: [{method: 'GET'}]}
    })
    expect(http.requests.slice(before).map(r => r.method)).toEqual(['GET'])
  })

  it('404 is broken, confirmed by a second request, so definitive', async () => {
    const verdict = await check(at('/404'))
    expect(verdict).toMatchObject({kind: 'broken', reason: 'status', status: 404, definitive: true})
    expect(http.hits('/404')).toBe(3) // HEAD, GET, confirming GET
  })

  it('410 is broken and definitive', async () => {
    expect(await check(at('/410'))).toMatchObject({kind: 'broken', status: 410, definitive: true})
  })

  it('a 404 that the second request does not confirm is ok', async () => {
    expect(await check(at('/404-once'))).toMatchObject({kind: 'ok', status: 200})
  })

  it('a 500 that outlasts the retries is broken but not definitive', async () => {
    const verdict = await check(at('/500'))
    expect(verdict).toMatchObject({kind: 'broken', status: 500, definitive: false})
    expect(verdict.evidence.attempts).toBe(6) // 3 attempts × (HEAD + GET)
  })

  it('301 then 308 is redirected, with every hop recorded', async () => {
    const verdict = await check(at('/301'))
    expect(verdict).toMatchObject({
      kind: 'redirected',
      status: 200,
      to: at('/ok'),
      finalUrl: at('/ok')
    })
    expect(verdict.evidence.hops.map(hop => [new URL(hop.url).pathname, hop.status])).toEqual([
      ['/301', 301],
      ['/301b', 308],
      ['/ok', 200]
    ])
  })

  it('a permanent redirect followed by a temporary one points at the permanent target', async () => {
    expect(await check(at('/308-then-302'))).toMatchObject({
      kind: 'redirected',
      to: at('/302'),
      finalUrl: at('/ok')
    })
  })

  it('a temporary redirect is ok', async () => {
    expect(await check(at('/302'))).toMatchObject({kind: 'ok', status: 200, finalUrl: at('/ok')})
  })

  it('a redirect loop is detected', async () => {
    const verdict = await check(at('/loop-a'))
    expect(verdict).toMatchObject({kind: 'broken', reason: 'redirect-loop', definitive: false})
    expect(http.hits('/loop-a')).toBe(1)
  })

  it('redirects to file: and javascript: are refused', async () => {
    expect(await check(at('/to-file'))).toMatchObject({kind: 'broken', reason: 'bad-redirect'})
    expect(await check(at('/to-javascript'))).toMatchObject({
      kind: 'broken',
      reason: 'bad-redirect'
    })
  })

  it('429 with Retry-After (seconds) then 200 is ok, after waiting', async () => {
    const start = Date.now()
    expect(await check(at('/429-then-200', 'slow.test'))).toMatchObject({
      kind: 'ok',
      status: 200,
      evidence: {attempts: 2}
    })
    expect(Date.now() - start).toBeGreaterThanOrEqual(900)
  })

  it('429 with Retry-After (HTTP date) then 200 is ok', async () => {
    expect(await check(at('/429-date-then-200', 'login.test'))).toMatchObject({
      kind: 'ok',
      status: 200
    })
  })

  it('a 429 that outlasts the retries is unverifiable, not broken', async () => {
    expect(await check(at('/429-always', 'polite.test'))).toMatchObject({
      kind: 'unverifiable',
      reason: 'rate-limited',
      status: 429
    })
  })

  it('a Retry-After beyond the cap is unverifiable at once', async () => {
    expect(await check(`${http.origin('127.0.0.1')}/429-too-long`)).toMatchObject({
      kind: 'unverifiable',
      reason: 'rate-limited'
    })
    // At once: one request and no retry (waiting out the Retry-After would time the test out).
    expect(http.requests.filter(r => r.path === '/429-too-long')).toHaveLength(1)
  })

  it('waits between tries as the shared retry policy says: exponential, jittered, Retry-After over the cap ends them', async () => {
    const slept: number[] = []
    const client = testClient(config)
    const checker = createChecker({
      config,
      client,
      random: () => 0, // the smallest jitter factor, 0.5
      sleep: async ms => void slept.push(ms)
    })
    try {
      // Three tries of HEAD and GET (retries 2); back-off 30 ms doubling, times 0.5: 15 ms, then 30 ms.
      expect(await checker.check(at('/500'))).toMatchObject({
        kind: 'broken',
        status: 500,
        evidence: {attempts: 6}
      })
      expect(slept).toEqual([15, 30])
      slept.length = 0
      // One try (HEAD, then GET), no wait.
      expect(await checker.check(at('/503-too-long'))).toMatchObject({
        kind: 'broken',
        status: 503,
        evidence: {attempts: 2}
      })
      expect(slept).toEqual([])
    } finally {
      await client.close()
    }
  })

  it('503 once then 200 is ok', async () => {
    expect(await check(at('/503-once'))).toMatchObject({kind: 'ok', status: 200})
  })

  it('a connection reset once then 200 is ok', async () => {
    expect(await check(at('/reset-once'))).toMatchObject({kind: 'ok', status: 200})
    expect(http.hits('/reset-once')).toBe(2)
  })

  it('slow but within the deadline is ok', async () => {
    expect(await check(at('/slow'))).toMatchObject({
      kind: 'ok',
      status: 200,
      evidence: {attempts: 1}
    })
  })

  it('hanging past the deadline is unreachable (timeout), retried with HEAD only', async () => {
    // Requests are counted where the checker sends them: on a loaded machine the server (same
    // event loop) may not have read a request before its deadline aborted it.
    const hangConfig = testConfig({timeoutMs: 300})
    const client = testClient(hangConfig)
    const sent: string[] = []
    const recording: HttpClient = {
      request: (url, options) => {
        sent.push(`${options.method} ${new URL(url).pathname}`)
        return client.request(url, options)
      },
      close: () => client.close()
    }
    const checker = createChecker({config: hangConfig, client: recording, random: () => 0.5})
    try {
      const verdict = await checker.check(at('/hang'))
      expect(verdict).toMatchObject({
        kind: 'unreachable',
        cause: 'timeout',
        definitive: false,
        evidence: {errorCode: 'ETIMEDOUT', attempts: 3}
      })
      expect(sent).toEqual(['HEAD /hang', 'HEAD /hang', 'HEAD /hang'])
    } finally {
      await recording.close()
    }
  })

  it('a huge body is not downloaded', async () => {
    expect(await check(at('/huge'))).toMatchObject({kind: 'ok', status: 200})
    await new Promise(resolve => setTimeout(resolve, 50))
    // The server stops when the client drops the connection; socket buffers hold at most a few MB.
    expect(hugeBytesSent).toBeLessThan(16 * 1024 * 1024)
  })

  it('a 403 for bots passes with the browser-like User-Agent', async () => {
    expect(await check(at('/bot-403'))).toMatchObject({kind: 'ok', status: 200})
    expect(http.requests.find(r => r.path === '/bot-403')?.userAgent).toMatch(/^Mozilla\/5\.0/)
  })

  it('a Cloudflare challenge is unverifiable', async () => {
    expect(await check(at('/cf-challenge'))).toMatchObject({
      kind: 'unverifiable',
      reason: 'challenge',
      status: 403
    })
  })

  it("LinkedIn's 999 is unverifiable", async () => {
    expect(await check(at('/999'))).toMatchObject({
      kind: 'unverifiable',
      reason: 'status-999',
      status: 999
    })
  })

  it('a host on the blocked list is unverifiable without a request', async () => {
    const before = http.requests.length
    expect(await check(at('/ok', 'x.test'))).toMatchObject({
      kind: 'unverifiable',
      reason: 'blocked-host',
      evidence: {attempts: 0}
    })
    expect(http.requests.length).toBe(before)
  })

  it('a 200 reached through a redirect to a login page is ok with a warning, never a redirect to apply', async () => {
    expect(await check(at('/to-login'))).toMatchObject({kind: 'ok', warning: 'login-redirect'})
    expect(await check(at('/moved-to-login'))).toMatchObject({
      kind: 'ok',
      warning: 'login-redirect'
    })
  })

  it('HTTPS with a certificate from the trusted test CA is ok', async () => {
    expect(await check(`${https.origin('secure.test')}/ok`)).toMatchObject({
      kind: 'ok',
      status: 200
    })
  })

  it('an untrusted TLS certificate is unreachable (tls), not retried', async () => {
    const verdict = await check(`${untrusted.origin('untrusted.test')}/ok`)
    expect(verdict).toMatchObject({
      kind: 'unreachable',
      cause: 'tls',
      definitive: false,
      evidence: {attempts: 1}
    })
    expect(verdict.evidence.errorCode).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/)
  })

  it('a name that does not resolve is unreachable (dns) and definitive', async () => {
    expect(await check('http://nxdomain.test/page')).toMatchObject({
      kind: 'unreachable',
      cause: 'dns',
      definitive: true,
      evidence: {errorCode: 'ENOTFOUND', attempts: 1}
    })
  })

  it('a refused port is unreachable (refused), not retried', async () => {
    const port = await refusedPort()
    expect(await check(`http://a.test:${port}/`)).toMatchObject({
      kind: 'unreachable',
      cause: 'refused',
      definitive: false,
      evidence: {attempts: 1}
    })
  })

  it('identical URLs share one check', async () => {
    const url = `${at('/slow', 'polite.test')}?shared`
    const before = http.hits('/slow')
    const verdicts = await Promise.all([check(url), check(url), check(url)])
    expect(verdicts.every(v => v.kind === 'ok')).toBe(true)
    expect(http.hits('/slow') - before).toBe(1)
  })
})
