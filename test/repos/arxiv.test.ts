import {afterEach, describe, expect, it} from 'vitest'
import {checkArxiv, readFeed} from '../../src/repos/arxiv.js'
import {classifyUrl} from '../../src/repos/classify.js'
import type {ArxivRef} from '../../src/repos/types.js'
import {builtInHostLimits} from '../../src/links/quirks.js'
import {fakeClock} from './fake-github.js'
import {type FakeArxiv, startFakeArxiv} from './fake-arxiv.js'

let arxiv: FakeArxiv | undefined
afterEach(async () => {
  await arxiv?.close()
  arxiv = undefined
})

const refs = (...urls: string[]) => urls.map(url => classifyUrl(url) as ArxivRef)

describe('checkArxiv', () => {
  it('asks about every paper in one call and marks the ones the feed lacks missing', async () => {
    arxiv = await startFakeArxiv({papers: ['2106.09685', '2304.05302', 'hep-th/9901001']})
    const {results, requests} = await checkArxiv(
      refs(
        'https://arxiv.org/abs/2106.09685',
        'https://arxiv.org/pdf/2106.09685.pdf',
        'https://arxiv.org/pdf/2304.05302v1.pdf',
        'https://arxiv.org/abs/hep-th/9901001',
        'https://arxiv.org/abs/2401.99999'
      ),
      {baseUrl: arxiv.baseUrl, env: {}, clock: fakeClock()}
    )
    expect(requests.arxiv).toBe(1)
    expect(arxiv.requests[0]).toMatchObject({
      path: '/api/query',
      idList: ['2106.09685', '2304.05302', 'hep-th/9901001', '2401.99999'],
      maxResults: 4
    })
    expect(results.get('arxiv:2106.09685')).toEqual({
      kind: 'ok',
      id: '2106.09685',
      title: 'Paper & 2106.09685',
      latestVersion: 'v2'
    })
    expect(results.get('arxiv:2304.05302')).toMatchObject({kind: 'ok'})
    expect(results.get('arxiv:hep-th/9901001')).toMatchObject({kind: 'ok'})
    expect(results.get('arxiv:2401.99999')).toEqual({kind: 'missing'})
  })

  it('retries after a 503 with Retry-After, waiting as arXiv asks', async () => {
    arxiv = await startFakeArxiv({papers: ['2106.09685'], busy: 1})
    const clock = fakeClock()
    const {results, notices} = await checkArxiv(refs('https://arxiv.org/abs/2106.09685'), {
      baseUrl: arxiv.baseUrl,
      env: {},
      clock
    })
    expect(results.get('arxiv:2106.09685')).toMatchObject({kind: 'ok'})
    expect(clock.slept).toEqual([3000])
    expect(notices.map(n => n.code)).toEqual(['arxiv-retry'])
  })

  it("keeps the gap of the link checker's host table between two calls", async () => {
    arxiv = await startFakeArxiv({papers: ['2106.09685', '2304.05302']})
    const clock = fakeClock()
    const {requests} = await checkArxiv(
      refs('https://arxiv.org/abs/2106.09685', 'https://arxiv.org/abs/2304.05302'),
      {baseUrl: arxiv.baseUrl, env: {}, clock, batchSize: 1}
    )
    expect(requests.arxiv).toBe(2)
    expect(clock.slept).toEqual([builtInHostLimits['arxiv.org']!.minGapMs])
  })

  it('gives up at once on a Retry-After longer than the longest wait', async () => {
    arxiv = await startFakeArxiv({papers: ['2106.09685'], busy: 5})
    const clock = fakeClock()
    const {results, requests} = await checkArxiv(refs('https://arxiv.org/abs/2106.09685'), {
      baseUrl: arxiv.baseUrl,
      env: {},
      clock,
      maxWaitMs: 2000
    })
    expect(results.get('arxiv:2106.09685')).toMatchObject({
      kind: 'lookup-failed',
      reason: 'rate-limited'
    })
    // Retry-After: 3 is more than the 2 s allowed: one call, no wait.
    expect(requests.arxiv).toBe(1)
    expect(clock.slept).toEqual([])
  })

  it('reports a failed call as a failed lookup, never as missing papers', async () => {
    arxiv = await startFakeArxiv({papers: ['2106.09685'], busy: 5})
    const {results} = await checkArxiv(refs('https://arxiv.org/abs/2106.09685'), {
      baseUrl: arxiv.baseUrl,
      env: {},
      clock: fakeClock()
    })
    expect(results.get('arxiv:2106.09685')).toMatchObject({
      kind: 'lookup-failed',
      reason: 'rate-limited'
    })
  })

  it('reads error entries by their id', () => {
    const feed = readFeed(
      '<feed><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.1</id><title>Error</title></entry><entry><id>http://arxiv.org/abs/2106.09685v3</id><title>LoRA</title></entry></feed>'
    )
    expect([...feed.errored]).toEqual(['1234.1'])
    expect(feed.found.get('2106.09685')).toEqual({title: 'LoRA', version: 'v3'})
  })
})
