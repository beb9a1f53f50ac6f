import {describe, expect, it} from 'vitest'
import {createProgress} from '../../src/links/progress.js'
import type {LinkResult} from '../../src/links/types.js'

const result = (url: string, ok: boolean): LinkResult => ({
  url,
  sources: [],
  verdict: ok
    ? {kind: 'ok', status: 200, evidence: {hops: [], attempts: 1}}
    : {
        kind: 'broken',
        reason: 'status',
        status: 404,
        definitive: true,
        evidence: {hops: [], attempts: 2}
      },
  dead: !ok,
  consecutiveFailures: ok ? 0 : 1
})

describe('progress', () => {
  it('counts links the APIs settled as done, so a run ends at its total', () => {
    const lines: string[] = []
    const progress = createProgress({isTTY: false, write: text => lines.push(text), now: () => 0})
    progress.update(result('https://a.example/', true), {done: 1, total: 4})
    progress.settled({done: 2, total: 4})
    progress.update(result('https://b.example/', false), {done: 3, total: 4})
    // The last link the run counted was settled by an API: the log still reaches 4/4.
    progress.settled({done: 4, total: 4})
    progress.finish()
    expect(lines.filter(line => line.startsWith('failing:'))).toEqual([
      'failing: https://b.example/ (HTTP 404)\n'
    ])
    expect(lines.at(-1)).toMatch(/^checked 4\/4 links, .*, 1 failing\n$/)
  })

  it('redraws the bar for a settled link too, full at the end', () => {
    let screen = ''
    const progress = createProgress({isTTY: true, write: text => (screen += text), now: () => 0})
    progress.settled({done: 1, total: 2})
    progress.settled({done: 2, total: 2})
    expect(screen.split('\r').at(-1)).toBe(
      `\u001B[2K[${'#'.repeat(24)}] 2/2 links, 2000.0/s, 0 failing`
    )
  })
})
