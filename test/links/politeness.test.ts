import {afterEach, describe, expect, it} from 'vitest'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {testChecker, testConfig} from './setup.js'

let server: TestServer | undefined
let close: (() => Promise<void>) | undefined

afterEach(async () => {
  await close?.()
  await server?.close()
  server = undefined
  close = undefined
})

describe('politeness', () => {
  it('never has more requests or connections open to a host than its limit, yet uses the limit', async () => {
    server = await startServer({}, {fallback: respond.delayed(20)})
    const config = testConfig({
      timeoutMs: 10_000,
      concurrency: 64,
      hosts: {'polite.test': {connections: 3}}
    })
    const harness = testChecker(config)
    close = harness.close
    const urls = Array.from(
      {length: 40},
      (_, index) => `${server!.origin('polite.test')}/page/${index}`
    )
    const verdicts = await Promise.all(urls.map(url => harness.checker.check(url)))
    expect(verdicts.every(verdict => verdict.kind === 'ok')).toBe(true)
    expect(server.maxConcurrent).toBe(3)
    expect(server.maxSockets).toBeLessThanOrEqual(3)
  })

  it('keeps the minimum gap between request starts', async () => {
    // Exact gaps are checked with a fake clock in host.test.ts. Here, end to end, a bound that
    // load can only make easier: the sixth request cannot reach the server before 5 gaps passed.
    const arrivals: number[] = []
    server = await startServer(
      {},
      {
        fallback: (_request, response) => {
          arrivals.push(Date.now())
          response.writeHead(200).end()
        }
      }
    )
    const config = testConfig({
      timeoutMs: 10_000,
      hosts: {'polite.test': {connections: 2, minGapMs: 60}}
    })
    const harness = testChecker(config)
    close = harness.close
    const start = Date.now()
    await Promise.all(
      Array.from({length: 6}, (_, index) =>
        harness.checker.check(`${server!.origin('polite.test')}/gap/${index}`)
      )
    )
    expect(arrivals).toHaveLength(6)
    // A few milliseconds of slack: timers and Date.now() round differently.
    expect(Math.max(...arrivals) - start).toBeGreaterThanOrEqual(5 * 60 - 10)
  })

  it('slows every later request to a host after a 429, not only the one that got it', async () => {
    const arrivals: number[] = []
    server = await startServer(
      {},
      {
        fallback: (_request, response) => {
          arrivals.push(Date.now())
          // The fifth request overall is refused with 429; every other request is served.
          if (server!.requests.length === 5)
            return void response.writeHead(429, {'retry-after': '0'}).end()
          setTimeout(() => response.writeHead(200).end(), 10)
        }
      }
    )
    const config = testConfig({
      timeoutMs: 10_000,
      backoffBaseMs: 80,
      hosts: {'polite.test': {connections: 4}}
    })
    const harness = testChecker(config)
    close = harness.close
    const start = Date.now()
    const urls = Array.from(
      {length: 16},
      (_, index) => `${server!.origin('polite.test')}/rate/${index}`
    )
    const verdicts = await Promise.all(urls.map(url => harness.checker.check(url)))
    expect(verdicts.every(verdict => verdict.kind === 'ok')).toBe(true)
    expect(harness.checker.slowedHosts).toEqual([new URL(urls[0]!).host])

    // Exact pacing is checked with a fake clock in host.test.ts. Here a bound that load can only
    // make easier: when the 429 came back, at most 8 requests had started (the fifth got it, four
    // connections); the other 9 (16 URLs and the retry) each waited the 80 ms gap, one at a time.
    expect(server.requests).toHaveLength(17)
    expect(server.maxConcurrent).toBeGreaterThan(1)
    expect(Math.max(...arrivals) - start).toBeGreaterThanOrEqual(9 * 80 - 20)
  })
})
