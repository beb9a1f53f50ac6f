import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {HttpClient} from '../../src/links/client.js'
import {type LinkStepOptions, runLinkStep} from '../../src/check/links.js'
import type {LinkResult} from '../../src/links/types.js'
import {emptyStatus, type StatusFile} from '../../src/status/types.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {testClient, testConfig} from './setup.js'

let server: TestServer
let client: HttpClient
const config = testConfig({timeoutMs: 300, retries: 1})

beforeAll(async () => {
  server = await startServer({
    '/ok': respond.status(200),
    '/gone': respond.status(404),
    '/hang': () => {},
    '/flaky': (_, response, hit) => response.writeHead(hit % 2 === 1 ? 503 : 200).end(),
    '/error': respond.status(500),
    '/moved': respond.redirect(301, '/ok')
  })
  client = testClient(config)
})

afterAll(async () => {
  await client.close()
  await server.close()
})

const url = (path: string) => `${server.origin('a.test')}${path}`
const source = (link: string, line = 1) => ({url: link, file: 'entries/x/y.yaml', line, column: 5})
let clock = new Date('2025-01-01T00:00:00Z')
const later = (hours: number) => {
  clock = new Date(clock.getTime() + hours * 3600 * 1000)
}

async function run(links: string[], status: StatusFile, options: Partial<LinkStepOptions> = {}) {
  const outcome = await runLinkStep({
    sources: links.map(link => source(link)),
    anchors: ['agent', 'data'],
    config,
    status,
    client,
    now: () => clock,
    ...options
  })
  const byUrl = new Map<string, LinkResult>(outcome.run.results.map(result => [result.url, result]))
  return {...outcome, byUrl}
}

describe('never crying wolf', () => {
  it('reports a timeout dead only on the second failing run in a row', async () => {
    const first = await run([url('/hang')], emptyStatus())
    expect(first.byUrl.get(url('/hang'))).toMatchObject({
      verdict: {kind: 'unreachable', cause: 'timeout'},
      dead: false,
      consecutiveFailures: 1
    })
    expect(first.status.links[url('/hang')]).toMatchObject({
      verdict: 'unreachable',
      cause: 'timeout',
      consecutiveFailures: 1,
      dead: false,
      firstFailedAt: clock.toISOString()
    })
    const firstFailedAt = clock.toISOString()
    later(24)
    const second = await run([url('/hang')], first.status)
    expect(second.byUrl.get(url('/hang'))).toMatchObject({
      dead: true,
      consecutiveFailures: 2,
      firstFailedAt
    })
  })

  it('resets the failure count when the link works again', async () => {
    const status: StatusFile = {
      version: 1,
      links: {
        [url('/ok')]: {
          verdict: 'broken',
          status: 500,
          consecutiveFailures: 5,
          firstFailedAt: '2024-12-01T00:00:00.000Z',
          dead: true
        }
      },
      repos: {}
    }
    const outcome = await run([url('/ok')], status)
    expect(outcome.byUrl.get(url('/ok'))).toMatchObject({dead: false, consecutiveFailures: 0})
    expect(outcome.status.links[url('/ok')]).toEqual({verdict: 'ok', status: 200})
    expect(outcome.checked).toEqual({[url('/ok')]: clock.toISOString()})
  })

  it('reports definitive failures dead at once: a confirmed 404, NXDOMAIN, a missing anchor', async () => {
    const outcome = await run(
      [url('/gone'), 'http://nxdomain.test/', '#missing', '#agent'],
      emptyStatus()
    )
    expect(outcome.byUrl.get(url('/gone'))).toMatchObject({
      verdict: {kind: 'broken', status: 404, definitive: true},
      dead: true
    })
    expect(outcome.byUrl.get('http://nxdomain.test/')).toMatchObject({
      verdict: {kind: 'unreachable', cause: 'dns'},
      dead: true
    })
    expect(outcome.byUrl.get('#missing')).toMatchObject({
      verdict: {kind: 'broken', reason: 'missing-anchor'},
      dead: true
    })
    expect(outcome.byUrl.get('#agent')).toMatchObject({verdict: {kind: 'ok'}, dead: false})
    // Anchors are checked offline and kept out of the status file.
    expect(Object.keys(outcome.status.links).sort()).toEqual(
      ['http://nxdomain.test/', url('/gone')].sort()
    )
  })

  it('never reports a transient failure dead, even twice in a row', async () => {
    let status = emptyStatus()
    for (let runIndex = 0; runIndex < 3; runIndex++) {
      const outcome = await run([url('/flaky')], status, {useCache: false})
      expect(outcome.byUrl.get(url('/flaky'))).toMatchObject({verdict: {kind: 'ok'}, dead: false})
      status = outcome.status
    }
  })

  it('a 5xx outlasting the retries fails, but is not dead on the first run', async () => {
    const outcome = await run([url('/error')], emptyStatus())
    expect(outcome.byUrl.get(url('/error'))).toMatchObject({
      verdict: {kind: 'broken', status: 500, definitive: false},
      dead: false
    })
  })
})

describe('collecting and caching', () => {
  it('checks each normalised URL once and remembers every place it is used', async () => {
    const before = server.hits('/moved')
    const upper = url('/moved').replace('http://a.test', 'HTTP://A.TEST')
    const outcome = await runLinkStep({
      sources: [source(url('/moved'), 3), source(upper, 7), source(`${url('/moved')}#`, 9)],
      anchors: [],
      config,
      status: emptyStatus(),
      client,
      now: () => clock
    })
    expect(outcome.run.results).toHaveLength(1)
    expect(outcome.run.results[0]).toMatchObject({
      url: url('/moved'),
      verdict: {kind: 'redirected', to: url('/ok')}
    })
    expect(outcome.run.results[0]!.sources.map(s => s.line)).toEqual([3, 7, 9])
    expect(server.hits('/moved') - before).toBe(1)
    expect(outcome.status.links[url('/moved')]).toMatchObject({
      verdict: 'redirected',
      finalUrl: url('/ok')
    })
  })

  it('reuses an ok result within the cache age, and not with --no-cache or after it', async () => {
    const first = await run([url('/ok')], emptyStatus())
    const hits = server.hits('/ok')
    later(1)
    const cached = await run([url('/ok')], first.status, {checkedAt: first.checked})
    expect(cached.byUrl.get(url('/ok'))!.verdict).toMatchObject({
      kind: 'ok',
      status: 200,
      evidence: {cached: true, attempts: 0}
    })
    expect(server.hits('/ok')).toBe(hits)
    expect(cached.status).toEqual(first.status)
    await run([url('/ok')], first.status, {checkedAt: first.checked, useCache: false})
    expect(server.hits('/ok')).toBe(hits + 1)
    // Without the ok-cache file there is nothing to reuse.
    await run([url('/ok')], first.status)
    expect(server.hits('/ok')).toBe(hits + 2)
    later(24)
    await run([url('/ok')], first.status, {checkedAt: first.checked})
    expect(server.hits('/ok')).toBe(hits + 3)
  })

  it('never caches a failure', async () => {
    const first = await run([url('/error')], emptyStatus())
    const hits = server.hits('/error')
    later(0.1)
    await run([url('/error')], first.status)
    expect(server.hits('/error')).toBeGreaterThan(hits)
  })

  it('skips exclusions and unsupported schemes with their reason', async () => {
    const excluding = {...config, exclude: [{host: 'b.test', reason: 'staging host'}]}
    const status: StatusFile = {
      version: 1,
      links: {
        'https://old.example/': {
          verdict: 'ok'
        }
      },
      repos: {}
    }
    const outcome = await runLinkStep({
      sources: [
        source(`${server.origin('b.test')}/ok`),
        source('mailto:someone@example.org'),
        source(url('/ok'))
      ],
      anchors: [],
      config: excluding,
      status,
      client,
      now: () => clock
    })
    expect(outcome.run.skipped.map(s => [s.url, s.reason])).toEqual([
      [`${server.origin('b.test')}/ok`, 'staging host'],
      ['mailto:someone@example.org', 'not an http(s) link']
    ])
    expect(Object.keys(outcome.updates)).toEqual([url('/ok')])
  })

  it('with a filter, checks only matching URLs and keeps the status of the others', async () => {
    const status: StatusFile = {
      version: 1,
      links: {
        'https://other.example/': {
          verdict: 'ok'
        }
      },
      repos: {}
    }
    const outcome = await run([url('/ok'), `${server.origin('b.test')}/ok`], status, {
      filter: link => link.includes('b.test'),
      useCache: false
    })
    expect(outcome.run.results.map(r => r.url)).toEqual([`${server.origin('b.test')}/ok`])
    expect(Object.keys(outcome.status.links).sort()).toEqual([
      `${server.origin('b.test')}/ok`,
      'https://other.example/'
    ])
  })
})

describe('links that wait for another answer (the API lookups)', () => {
  it('hold no place in the run while they wait: a plain link behind hundreds of them goes ahead', async () => {
    // Sorted by URL, the plain link comes after every waiting one, beyond the run's window of 256.
    const waiting = Array.from({length: 300}, (_, index) => `http://w${index}.test/page`)
    const plain = `${server.origin('x.test')}/ok`
    // The waiting links are answered only once the plain link has its verdict.
    let plainSeen!: () => void
    const seen = new Promise<void>(resolve => {
      plainSeen = resolve
    })
    let answeredByPage: boolean | undefined
    const answer = Promise.race([
      seen.then(() => true),
      new Promise<boolean>(resolve => setTimeout(resolve, 20_000, false))
    ]).then(byPage => {
      answeredByPage = byPage
      return 'settled' as const
    })
    const progress: Array<[string, number, number]> = []
    const outcome = await runLinkStep({
      sources: [...waiting, plain].map(link => source(link)),
      anchors: [],
      config,
      status: emptyStatus(),
      client,
      now: () => clock,
      useCache: false,
      awaiting: link => (link === plain ? undefined : answer),
      onResult: (result, {done, total}) => {
        progress.push(['result', done, total])
        if (result.url === plain) plainSeen()
      },
      onSettled: ({done, total}) => progress.push(['settled', done, total])
    })
    expect(answeredByPage).toBe(true)
    // The settled ones are left out of the results, and progress counts them done.
    expect(outcome.run.results.map(result => result.url)).toEqual([plain])
    expect(progress[0]).toEqual(['result', 1, 301])
    expect(progress.at(-1)).toEqual(['settled', 301, 301])
    expect(progress.map(([, done]) => done)).toEqual(progress.map((_, index) => index + 1))
  }, 60_000)

  it('are checked when the answer leaves them open, and skipped by an exclusion only then', async () => {
    const excluding = {
      ...config,
      exclude: [{url: `${server.origin('a.test')}/excluded*`, reason: 'not ours'}]
    }
    const open = url('/ok')
    const settled = url('/moved')
    const excludedOpen = url('/excluded-open')
    const excludedSettled = url('/excluded-settled')
    const outcome = await runLinkStep({
      sources: [open, settled, excludedOpen, excludedSettled].map(link => source(link)),
      anchors: [],
      config: excluding,
      status: emptyStatus(),
      client,
      now: () => clock,
      awaiting: async link => (link === open || link === excludedOpen ? 'check' : 'settled')
    })
    expect(outcome.run.results.map(result => result.url)).toEqual([open])
    expect(outcome.run.skipped.map(skip => skip.url)).toEqual([excludedOpen])
    expect(Object.keys(outcome.updates)).toEqual([open])
  })
})
