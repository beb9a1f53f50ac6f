import {setTimeout as sleep} from 'node:timers/promises'
import type {HostLimits} from './quirks.js'

/** The time source of a limiter; tests pass a fake one, so gaps are checked without waiting. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<unknown>
}

const realClock: Clock = {now: () => Date.now(), sleep}

/**
 * Politeness towards one host: at most `connections` requests in flight, at
 * least `minGapMs` between the starts of two requests, and, once the host
 * answered 429, a pause and a slower pace for every later request to it.
 */
export class HostLimiter {
  #connections: number
  #gapMs: number
  #active = 0
  readonly #queue: Array<() => void> = []
  /** Earliest start of the next request (the gap is reserved when a slot is granted). */
  #nextStart = 0
  #pausedUntil = 0
  #slowed = false
  readonly #clock: Clock

  /** `clock` defaults to `Date.now` and timers. */
  constructor(limits: Required<HostLimits>, clock: Clock = realClock) {
    this.#clock = clock
    this.#connections = Math.max(1, limits.connections)
    this.#gapMs = Math.max(0, limits.minGapMs)
  }

  /** Whether the host answered 429 during this run. */
  get slowed(): boolean {
    return this.#slowed
  }

  /** Current limits (they shrink after a 429). */
  get limits(): Required<HostLimits> {
    return {connections: this.#connections, minGapMs: this.#gapMs}
  }

  /** Wait for a free slot and for the gap since the previous start; resolves to the function that frees the slot. */
  async acquire(): Promise<() => void> {
    if (this.#active < this.#connections && this.#queue.length === 0) this.#active++
    else await new Promise<void>(resolve => this.#queue.push(resolve))
    for (;;) {
      const now = this.#clock.now()
      const start = Math.max(now, this.#nextStart, this.#pausedUntil)
      this.#nextStart = start + this.#gapMs
      if (start <= now) break
      await this.#clock.sleep(start - now)
      // A 429 may have paused the host while this request waited its turn.
      if (this.#clock.now() >= this.#pausedUntil) break
    }
    let released = false
    return () => {
      if (released) return
      released = true
      this.#release()
    }
  }

  /**
   * The host said 429: pause it for `pauseMs` and, for the rest of the run,
   * use one connection and at least double the gap (at least `minGapMs`).
   */
  slowDown(pauseMs: number, minGapMs: number): void {
    this.#slowed = true
    this.#gapMs = Math.min(Math.max(this.#gapMs * 2, minGapMs), 60_000)
    this.#pausedUntil = Math.max(
      this.#pausedUntil,
      this.#clock.now() + Math.max(pauseMs, this.#gapMs)
    )
    this.#connections = 1
  }

  #release(): void {
    if (this.#active > this.#connections) {
      // The limit shrank (429): retire this slot instead of handing it on.
      this.#active--
      return
    }
    const next = this.#queue.shift()
    if (next) next()
    else this.#active--
  }
}
