import type {LinkResult} from './types.js'
import {describeVerdict, isFailure} from './verdict.js'

export interface Progress {
  /** A link got its verdict. */
  update(result: LinkResult, progress: {done: number; total: number}): void
  /** A link counted in the total was settled elsewhere (an API answered for it): done, no verdict here. */
  settled(progress: {done: number; total: number}): void
  /** The run ended: draw the final state. */
  finish(): void
}

export interface ProgressOptions {
  /** An interactive terminal gets a redrawn bar; anything else plain lines. */
  isTTY: boolean
  write: (text: string) => void
  /** Clock in milliseconds; default `Date.now`. */
  now?: () => number
}

/**
 * Progress of a run: on a terminal a bar redrawn in place at most ten times a
 * second (done/total, rate, failures so far); elsewhere (CI logs) one line
 * per failure and one line per tenth of the work.
 */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now
  const start = now()
  let failures = 0
  let lastDraw = 0
  let lastDecile = 0
  let state = {done: 0, total: 0}

  const status = (): string => {
    const seconds = Math.max(0.001, (now() - start) / 1000)
    return `${state.done}/${state.total} links, ${(state.done / seconds).toFixed(1)}/s, ${failures} failing`
  }
  const draw = (): void => {
    const width = 24
    const filled = state.total === 0 ? width : Math.round((state.done / state.total) * width)
    options.write(`\r\u001B[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${status()}`)
  }

  const advance = (progress: {done: number; total: number}): void => {
    state = progress
    if (options.isTTY) {
      if (now() - lastDraw >= 100 || progress.done === progress.total) {
        lastDraw = now()
        draw()
      }
      return
    }
    const decile = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10)
    if (decile > lastDecile) {
      lastDecile = decile
      options.write(`checked ${status()}\n`)
    }
  }

  return {
    update(result, progress) {
      if (isFailure(result.verdict)) {
        failures++
        if (!options.isTTY)
          options.write(`failing: ${result.url} (${describeVerdict(result.verdict)})\n`)
      }
      advance(progress)
    },
    settled: advance,
    finish() {
      if (options.isTTY) {
        draw()
        options.write('\n')
      }
    }
  }
}
