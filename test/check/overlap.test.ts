import diagnostics from 'node:diagnostics_channel'
import {readdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {setTimeout as sleep} from 'node:timers/promises'
import {Agent} from 'undici'
import {afterEach, describe, expect, it} from 'vitest'
import {createHandovers} from '../../src/check/handover.js'
import {serializeCheckResult} from '../../src/check/json.js'
import {type CheckOptions, runCheck} from '../../src/check/run.js'
import {loadList} from '../../src/entries/load.js'
import type {LinkCheckConfig} from '../../src/links/config.js'
import {emptyStatus} from '../../src/status/types.js'
import {fakeLookup} from '../helpers/lookup.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {testConfig, testHosts} from '../links/setup.js'
import {startFakeGithub} from '../repos/fake-github.js'
import {startFakeHub} from '../repos/fake-hub.js'
import {copyList} from '../support/cli.js'

// Issue 10, "Speed → Overlap": the API lookups and the plain HTTP checks run at once, in one link
// run (one limit per host). The evidence is the order in which the servers see requests, never
// how long anything took: where a test waits for something, a generous fallback ends the wait and
// the test fails on it instead of hanging.

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const clock = () => new Date('2025-05-01T00:00:00Z')
const hosts = [...testHosts, 'github.com', 'huggingface.co']

/** A copy of the fixture list whose only links are `urls`: one entry, the first as its URL, the rest as its links. */
async function listOf(urls: string[]) {
  const list = await copyList()
  cleanups.push(list.cleanup)
  const entries = path.join(list.dir, 'entries')
  for (const file of await readdir(entries, {recursive: true, withFileTypes: true}))
    if (file.isFile() && file.name !== '_section.yaml')
      await rm(path.join(file.parentPath, file.name))
  // The agent section's outro links a repository: plain text keeps it out of the way.
  const section = path.join(entries, 'agent', '_section.yaml')
  await writeFile(
    section,
    (await readFile(section, 'utf8')).replace(
      '[LLM-Agent-Paper-List](https://github.com/WooooDyy/LLM-Agent-Paper-List)',
      'LLM-Agent-Paper-List'
    )
  )
  const links = urls
    .slice(1)
    .flatMap((url, index) => [`  - name: Link ${index}`, `    url: ${url}`])
  await writeFile(
    path.join(entries, 'agent', 'overlap.yaml'),
    `name: Overlap\nurl: ${urls[0]}\ndescription: Links of the overlap tests\nadded: 2024-01-01\n${links.length > 0 ? `links:\n${links.join('\n')}\n` : ''}`
  )
  const {model, diagnostics} = await loadList(list.dir)
  if (!model) throw new Error(diagnostics.map(d => d.message).join('\n'))
  return {root: list.dir, model}
}

async function server(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const started = await startServer(...args)
  cleanups.push(() => started.close())
  return started
}

/** Whether `promise` settles within `ms`: the fallback that keeps a broken implementation from hanging a test. */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), sleep(ms, false, {ref: false})])
}

function signal(): {promise: Promise<void>; fire(): void} {
  let fire!: () => void
  const promise = new Promise<void>(resolve => {
    fire = resolve
  })
  return {promise, fire}
}

const fallbackMs = 20_000

function check(
  root: string,
  model: Parameters<typeof runCheck>[0],
  options: Partial<CheckOptions> & {config?: LinkCheckConfig}
) {
  return runCheck(model, emptyStatus(), {
    root,
    config: testConfig({retries: 0, confirmDelayMs: 1}),
    clientOptions: {lookup: fakeLookup(hosts), allowPrivateAddresses: true},
    now: clock,
    ...options
  })
}

describe('API lookups and HTTP checks at once', () => {
  it('checks a plain link while the GitHub lookups are still out, and leaves what they settle alone', async () => {
    const pageSeen = signal()
    const pages = await server(
      {},
      {
        fallback: (request, response) => {
          pageSeen.fire()
          respond.status(200)(request, response, 1)
        }
      }
    )
    let heldUntilPage: boolean | undefined
    const github = await startFakeGithub({
      token: 't',
      everythingExists: true,
      // GitHub answers only once the plain link's request has reached its host.
      hold: async () => {
        heldUntilPage = await within(pageSeen.promise, fallbackMs)
      }
    })
    cleanups.push(() => github.close())
    const plain = `${pages.origin('a.test')}/plain`
    const repo = `http://github.com:${pages.port}/owner/repo`
    const {root, model} = await listOf([plain, repo])

    const result = await check(root, model, {
      repoOptions: {
        github: {token: 't', graphqlUrl: github.graphqlUrl, apiUrl: github.apiUrl, env: {}},
        huggingFace: {env: {}},
        arxiv: {env: {}}
      }
    })

    // The page request came while GitHub held its answer: the two ran at once.
    expect(heldUntilPage).toBe(true)
    expect(result.links.results.map(link => link.url)).toEqual([plain])
    expect(result.repos?.links).toBe(1)
    // What GitHub settled was never fetched as a page.
    expect(pages.requests.map(request => request.path)).toEqual(['/plain'])
  }, 60_000)

  it('checks a link an API left open as soon as that API answered, without waiting for a slower one', async () => {
    const openSeen = signal()
    const pages = await server(
      {},
      {
        fallback: (request, response) => {
          if (request.url === '/owner/model') openSeen.fire()
          respond.status(200)(request, response, 1)
        }
      }
    )
    // The Hub cannot answer for this model (500): its page is checked over HTTP.
    const hub = await startFakeHub({everythingExists: true, failing: ['/api/models/owner/model']})
    cleanups.push(() => hub.close())
    let heldUntilPage: boolean | undefined
    const github = await startFakeGithub({
      token: 't',
      everythingExists: true,
      // GitHub answers only once the Hub's open link has been fetched as a page.
      hold: async () => {
        heldUntilPage = await within(openSeen.promise, fallbackMs)
      }
    })
    cleanups.push(() => github.close())
    const open = `http://huggingface.co:${pages.port}/owner/model`
    const repo = `http://github.com:${pages.port}/owner/repo`
    const {root, model} = await listOf([open, repo])

    const result = await check(root, model, {
      repoOptions: {
        common: {attempts: 1},
        github: {token: 't', graphqlUrl: github.graphqlUrl, apiUrl: github.apiUrl, env: {}},
        huggingFace: {endpoint: hub.endpoint, env: {}},
        arxiv: {env: {}}
      }
    })

    expect(heldUntilPage).toBe(true)
    expect(result.links.results.map(link => [link.url, link.verdict.kind])).toEqual([[open, 'ok']])
    expect(result.repos?.findings.map(finding => [finding.kind, finding.url])).toEqual([
      ['lookup-failed', open]
    ])
  }, 60_000)

  it('keeps one limit per host across both: pages first, then what the API left open, never more at once', async () => {
    const limit = 2
    // Wide, so that a busy machine's event-loop lag (which can delay one request's start, and
    // so shorten the next gap as seen from here) cannot pass for a second limiter.
    const gapMs = 600
    const config = testConfig({
      retries: 0,
      hosts: {...testConfig().hosts, 'github.com': {connections: limit, minGapMs: gapMs}}
    })
    const plainPaths = ['/features/a', '/features/b', '/topics/c', '/topics/d']
    let plainInFlight = 0
    const plainsFull = signal()
    const apiAnswered = signal()
    const site = await server(
      Object.fromEntries(
        plainPaths.map(route => [
          route,
          async (_request, response) => {
            if (++plainInFlight >= limit) plainsFull.fire()
            // Held until GitHub has answered, and a moment longer: were the links it left open
            // checked by a second, independent run, they would reach the host meanwhile.
            await within(apiAnswered.promise, fallbackMs)
            await sleep(100)
            plainInFlight--
            response.writeHead(200).end('page')
          }
        ])
      ),
      {fallback: respond.status(200)}
    )
    let askedWhilePlainsRan: boolean | undefined
    // No token and no REST budget left: every repository is unverified, left to the HTTP check.
    const github = await startFakeGithub({
      restUnauthenticatedRemaining: 0,
      hold: async () => {
        askedWhilePlainsRan = await within(plainsFull.promise, fallbackMs)
        apiAnswered.fire()
      }
    })
    cleanups.push(() => github.close())
    const hub = await startFakeHub({everythingExists: true})
    cleanups.push(() => hub.close())
    const origin = `http://github.com:${site.port}`
    const open = ['/o/r1', '/o/r2', '/o/r3', '/o/r4'].map(route => `${origin}${route}`)
    const settledByHub = `http://huggingface.co:${site.port}/owner/model`
    const {root, model} = await listOf([
      ...plainPaths.map(route => `${origin}${route}`),
      ...open,
      settledByHub
    ])

    // When each request to the host left the client (undici reports every request it creates).
    const sent: number[] = []
    const onCreate = (message: unknown) => {
      const {request} = message as {request: {origin: string}}
      if (request.origin === origin) sent.push(performance.now())
    }
    diagnostics.subscribe('undici:request:create', onCreate)
    cleanups.push(async () => diagnostics.unsubscribe('undici:request:create', onCreate))
    const progress: Array<[string, number, number]> = []
    const result = await check(root, model, {
      config,
      repoOptions: {
        github: {graphqlUrl: github.graphqlUrl, apiUrl: github.apiUrl, env: {}},
        huggingFace: {endpoint: hub.endpoint, env: {}},
        arxiv: {env: {}}
      },
      onResult: (_link, {done, total}) => progress.push(['result', done, total]),
      onSettled: ({done, total}) => progress.push(['settled', done, total])
    })

    expect(askedWhilePlainsRan).toBe(true)
    // Every link GitHub left open was checked over HTTP in the same run…
    expect(site.requests.map(request => request.path)).toEqual(
      expect.arrayContaining(['/o/r1', '/o/r2', '/o/r3', '/o/r4'])
    )
    expect(result.links.results.map(link => link.url).sort()).toEqual(
      [...plainPaths.map(route => `${origin}${route}`), ...open].sort()
    )
    // …by the same limiter as the pages: never more than `limit` requests at once on the host,
    // and the gap between starts kept across both. Two limiters would send two requests at
    // about the same moment; lag on a loaded machine can shorten one gap as seen from here by
    // the time it delayed the request before it, so half the gap is the line.
    expect(site.maxConcurrent).toBeLessThanOrEqual(limit)
    expect(site.maxSockets).toBeLessThanOrEqual(limit)
    expect(sent).toHaveLength(site.requests.length)
    const gaps = sent.slice(1).map((at, index) => at - sent[index]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(gapMs / 2)
    // Progress counts every link once, the one the Hub settled included, and ends at its total.
    expect(progress.map(([, done]) => done)).toEqual(progress.map((_, index) => index + 1))
    expect(new Set(progress.map(([, , total]) => total))).toEqual(new Set([9]))
    expect(progress.filter(([kind]) => kind === 'settled')).toHaveLength(1)
  }, 60_000)

  it("waits with pages on the Hub's own host until the Hub lookups are done", async () => {
    let apiAnsweredWhenPageCame: number | undefined
    const hub = await startFakeHub({
      everythingExists: true,
      hold: async route => {
        if (route.startsWith('/api/')) await sleep(200)
        else
          apiAnsweredWhenPageCame ??= hub.requests.filter(seen =>
            seen.path.startsWith('/api/')
          ).length
      }
    })
    cleanups.push(() => hub.close())
    const port = new URL(hub.endpoint).port
    // The lookups go to huggingface.co as the pages do (resolved to the fake Hub).
    const dispatcher = new Agent({connect: {lookup: fakeLookup(['huggingface.co'])}})
    cleanups.push(() => dispatcher.close())
    const origin = `http://huggingface.co:${port}`
    const {root, model} = await listOf([`${origin}/blog/post`, `${origin}/o/m1`, `${origin}/o/m2`])

    const result = await check(root, model, {
      repoOptions: {
        common: {dispatcher},
        github: {env: {}},
        huggingFace: {endpoint: origin, env: {}},
        arxiv: {env: {}}
      }
    })

    expect(result.links.results.map(link => link.url)).toEqual([`${origin}/blog/post`])
    expect(apiAnsweredWhenPageCame).toBe(2)
  }, 60_000)

  it('gives the same report whichever answer comes first', async () => {
    // The slow page is answered only once the other one has been: the order is the server's choice.
    let slow = '/first'
    let otherDone = signal()
    const pages = await server(
      {},
      {
        fallback: async (request, response) => {
          const isSlow = request.url === slow
          if (isSlow) await within(otherDone.promise, fallbackMs)
          response.on('finish', () => {
            if (!isSlow) otherDone.fire()
          })
          response.writeHead(200).end('page')
        }
      }
    )
    const github = await startFakeGithub({token: 't', everythingExists: true})
    cleanups.push(() => github.close())
    const urls = [`${pages.origin('a.test')}/first`, `${pages.origin('b.test')}/second`]
    const {root, model} = await listOf([...urls, `http://github.com:${pages.port}/owner/repo`])
    const run = async () => {
      const order: string[] = []
      const result = await check(root, model, {
        repoOptions: {
          github: {token: 't', graphqlUrl: github.graphqlUrl, apiUrl: github.apiUrl, env: {}},
          huggingFace: {env: {}},
          arxiv: {env: {}}
        },
        onResult: link => order.push(new URL(link.url).pathname)
      })
      const report = JSON.parse(serializeCheckResult(result)) as Record<string, unknown>
      delete report['startedAt']
      delete report['durationMs']
      return {order, report: JSON.stringify(report)}
    }

    const first = await run()
    slow = '/second'
    otherDone = signal()
    const second = await run()

    expect(first.order).toEqual(['/second', '/first'])
    expect(second.order).toEqual(['/first', '/second'])
    expect(second.report).toBe(first.report)
  }, 60_000)
})

describe('handovers', () => {
  it('lets links no API answers go at once, and the others as their API answers', async () => {
    const handovers = createHandovers(
      [
        'https://example.org/page',
        'https://github.com/a/b',
        'https://github.com/a/c',
        'https://huggingface.co/o/m',
        'https://arxiv.org/abs/2106.09685'
      ],
      {huggingface: ['huggingface.co']}
    )
    expect(handovers.awaiting('https://example.org/page')).toBeUndefined()
    const repo = handovers.awaiting('https://github.com/a/b')
    const other = handovers.awaiting('https://github.com/a/c')
    const hubPage = handovers.awaiting('https://huggingface.co/blog/post')
    const hubModel = handovers.awaiting('https://huggingface.co/o/m')
    const paper = handovers.awaiting('https://arxiv.org/abs/2106.09685')
    const answered = new Map<string, string>()
    for (const [name, wait] of Object.entries({repo, other, hubPage, hubModel, paper}))
      void wait?.then(answer => answered.set(name, answer))

    handovers.answer('https://github.com/a/b', true)
    handovers.answer('https://huggingface.co/o/m', false)
    await sleep(0)
    // An open Hub link still waits for nothing else; the Hub page waited for the Hub's last answer.
    expect(Object.fromEntries(answered)).toEqual({
      repo: 'settled',
      hubModel: 'check',
      hubPage: 'check'
    })

    handovers.finish(new Set(['https://arxiv.org/abs/2106.09685']))
    await sleep(0)
    expect(answered.get('other')).toBe('check')
    expect(answered.get('paper')).toBe('settled')
    // After the lookups, nothing waits.
    expect(handovers.awaiting('https://huggingface.co/blog/other')).toBeUndefined()
  })
})
