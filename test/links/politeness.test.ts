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

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

describe('politeness', () => {
  it('never has more requests or connections open to a host than its limit, yet uses the limit', async () => {
    server = await startServer({}, {fallback: respond.delayed(20)})
    const config = testConfig({concurrency: 64, hosts: {'polite.test': {connections: 3}}})
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
    server = await startServer({}, {fallback: respond.status(200)})
    const config = testConfig({hosts: {'polite.test': {connections: 2, minGapMs: 60}}})
    const harness = testChecker(config)
    close = harness.close
    await Promise.all(
      Array.from({length: 6}, (_, index) =>
        harness.checker.check(`${server!.origin('polite.test')}/gap/${index}`)
      )
    )
    // Arrival times are taken in the server, which shares this process's event loop: a stall
    // can shorten one gap (and lengthen the next), so the typical gap is what is checked.
    const starts = server.requests.map(request => request.at)
    expect(median(starts.slice(1).map((at, index) => at - starts[index]!))).toBeGreaterThanOrEqual(
      55
    )
  })

  it('slows every later request to a host after a 429, not only the one that got it', async () => {
    server = await startServer(
      {},
      {
        fallback: (_request, response) => {
          // The fifth request overall is refused with 429; every other request is served.
          if (server!.requests.length === 5)
            return void response.writeHead(429, {'retry-after': '0'}).end()
          setTimeout(() => response.writeHead(200).end(), 10)
        }
      }
    )
    const config = testConfig({backoffBaseMs: 80, hosts: {'polite.test': {connections: 4}}})
    const harness = testChecker(config)
    close = harness.close
    const urls = Array.from(
      {length: 16},
      (_, index) => `${server!.origin('polite.test')}/rate/${index}`
    )
    const verdicts = await Promise.all(urls.map(url => harness.checker.check(url)))
    expect(verdicts.every(verdict => verdict.kind === 'ok')).toBe(true)
    expect(harness.checker.slowedHosts).toEqual([new URL(urls[0]!).host])

    const starts = server.requests.map(request => request.at)
    const gaps = (from: number, to: number) =>
      starts.slice(from + 1, to).map((at, index) => at - starts[from + index]!)
    // Requests 6 to 8 may have started while the 429 was on its way back (four connections).
    const after = gaps(8, starts.length)
    // Before: four connections at once. After: one connection, the back-off base between starts
    // (the median, for the same reason as above).
    expect(server.maxConcurrent).toBeGreaterThan(1)
    expect(median(after)).toBeGreaterThanOrEqual(70)
  })
})
