import {describe, expect, it} from 'vitest'
import {type Clock, HostLimiter} from '../../src/links/host.js'

/**
 * A clock whose time moves only when `run` fires the earliest pending sleep, so the
 * limiter's pacing is exact and independent of how busy the machine is.
 */
function fakeClock(): Clock & {run(): Promise<void>} {
  let now = 0
  const sleeping: Array<{at: number; wake: () => void}> = []
  const settle = () => new Promise(resolve => setImmediate(resolve))
  return {
    now: () => now,
    sleep: ms => new Promise<void>(wake => sleeping.push({at: now + ms, wake})),
    async run() {
      for (;;) {
        await settle()
        if (sleeping.length === 0) return
        sleeping.sort((a, b) => a.at - b.at)
        const next = sleeping.shift()!
        now = Math.max(now, next.at)
        next.wake()
      }
    }
  }
}

interface Task {
  start: number
  end: number
}

/** Each request holds its slot for `durationMs` of fake time; `during` runs once it started. */
async function requests(
  limiter: HostLimiter,
  clock: ReturnType<typeof fakeClock>,
  count: number,
  durationMs: number,
  during: (index: number) => void = () => {}
): Promise<Task[]> {
  const tasks = Array.from({length: count}, async (_, index) => {
    const release = await limiter.acquire()
    const start = clock.now()
    during(index)
    await clock.sleep(durationMs)
    release()
    return {start, end: clock.now()}
  })
  const [done] = await Promise.all([Promise.all(tasks), clock.run()])
  return done
}

/** Most tasks running at the same moment. */
function overlap(tasks: Task[]): number {
  return Math.max(
    ...tasks.map(a => tasks.filter(b => b.start <= a.start && a.start < b.end).length)
  )
}

describe('HostLimiter', () => {
  it('keeps the minimum gap between request starts', async () => {
    const clock = fakeClock()
    const limiter = new HostLimiter({connections: 2, minGapMs: 60}, clock)
    const tasks = await requests(limiter, clock, 6, 5)
    expect(tasks.map(task => task.start)).toEqual([0, 60, 120, 180, 240, 300])
  })

  it('uses every connection when there is no gap, and never more', async () => {
    const clock = fakeClock()
    const limiter = new HostLimiter({connections: 3, minGapMs: 0}, clock)
    const tasks = await requests(limiter, clock, 9, 10)
    expect(tasks.map(task => task.start)).toEqual([0, 0, 0, 10, 10, 10, 20, 20, 20])
    expect(overlap(tasks)).toBe(3)
  })

  it('after a 429: pauses, then one connection and the back-off gap for every later request', async () => {
    const clock = fakeClock()
    const limiter = new HostLimiter({connections: 4, minGapMs: 0}, clock)
    // Four requests start at once; the second gets a 429: pause 100 ms, then a gap of 80 ms.
    const tasks = await requests(limiter, clock, 8, 10, index => {
      if (index === 1) limiter.slowDown(100, 80)
    })
    expect(tasks.map(task => task.start)).toEqual([0, 0, 0, 0, 100, 180, 260, 340])
    expect(overlap(tasks.slice(4))).toBe(1)
    expect(limiter.slowed).toBe(true)
    expect(limiter.limits).toEqual({connections: 1, minGapMs: 80})
  })
})
