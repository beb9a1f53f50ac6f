import {describe, expect, it} from 'vitest'
import {
  backoffDelay,
  parseRetryAfter,
  type RetryDecision,
  type RetryPolicy,
  retrying
} from '../../src/links/retry.js'

const policy: RetryPolicy = {attempts: 4, baseMs: 1000, maxMs: 3000, retryAfterCapMs: 10_000}

/** Runs `retrying` over scripted answers with a recorded sleep and a fixed random. */
async function run(answers: RetryDecision[], random = () => 0.5, over: Partial<RetryPolicy> = {}) {
  const slept: number[] = []
  const tried: number[] = []
  const outcome = await retrying(
    async attempt => {
      tried.push(attempt)
      return answers[Math.min(attempt, answers.length) - 1]!
    },
    answer => answer,
    {...policy, ...over},
    {sleep: async ms => void slept.push(ms), random}
  )
  return {...outcome, slept, tried}
}

const transient: RetryDecision = {retry: true}
const done: RetryDecision = {retry: false}

describe('retrying', () => {
  it('stops at the first final answer, without waiting', async () => {
    const outcome = await run([done])
    expect(outcome).toMatchObject({attempts: 1, stop: 'final', slept: [], tried: [1]})
  })

  it('backs off exponentially up to the maximum, then gives up when the tries are spent', async () => {
    const outcome = await run([transient])
    expect(outcome).toMatchObject({attempts: 4, stop: 'attempts-spent', tried: [1, 2, 3, 4]})
    // random 0.5 → jitter factor 1: 1 s, 2 s, then 4 s capped at 3 s.
    expect(outcome.slept).toEqual([1000, 2000, 3000])
  })

  it('jitters each wait by a factor in [0.5, 1.5)', async () => {
    expect((await run([transient], () => 0)).slept).toEqual([500, 1000, 1500])
    expect((await run([transient], () => 0.999)).slept).toEqual([1499, 2998, 4497])
  })

  it('waits what Retry-After asks instead of the back-off, and returns the answer that came after', async () => {
    const outcome = await run([{retry: true, retryAfterMs: 7000}, transient, done])
    expect(outcome).toMatchObject({attempts: 3, stop: 'final', slept: [7000, 2000]})
  })

  it('gives up at once when Retry-After asks for more than the cap', async () => {
    const outcome = await run([{retry: true, retryAfterMs: 10_001}, done])
    expect(outcome).toMatchObject({attempts: 1, stop: 'retry-after-too-long', slept: []})
  })

  it('never backs off for longer than the cap', async () => {
    const outcome = await run([transient], () => 0.999, {retryAfterCapMs: 2500})
    expect(outcome.slept).toEqual([1499, 2500, 2500])
  })

  it('tries once with attempts 1 (or less)', async () => {
    expect(await run([transient], undefined, {attempts: 0})).toMatchObject({
      attempts: 1,
      stop: 'attempts-spent',
      slept: []
    })
  })
})

describe('backoffDelay', () => {
  it('doubles from the base and is capped before jitter', () => {
    const half = () => 0.5
    expect([1, 2, 3, 4, 5].map(n => backoffDelay(n, {baseMs: 100, maxMs: 1000}, half))).toEqual([
      100, 200, 400, 800, 1000
    ])
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  it('reads delay-seconds, rounding a fraction up', () => {
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000)
    expect(parseRetryAfter('1.5', now)).toBe(1500)
    expect(parseRetryAfter('0.0001', now)).toBe(1)
  })

  it('reads an HTTP date as the time left until it, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0)
  })

  it('is undefined when absent or unreadable', () => {
    for (const value of [undefined, '', '  ', 'soon', '-5', '1e3'])
      expect({value, ms: parseRetryAfter(value, now)}).toEqual({value, ms: undefined})
  })
})
