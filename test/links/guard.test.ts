import {describe, expect, it} from 'vitest'
import {implausibleFailure} from '../../src/links/report/summary.js'
import type {Verdict} from '../../src/links/verdict.js'

const evidence = {hops: [], attempts: 1}
const ok = {verdict: {kind: 'ok', evidence} as Verdict}
const down = {verdict: {kind: 'unreachable', cause: 'dns', definitive: false, evidence} as Verdict}

describe('implausibleFailure', () => {
  it('does not believe a run where most of many links failed at once', () => {
    expect(implausibleFailure([...Array(15).fill(down), ...Array(5).fill(ok)])).toMatch(
      /^15 of 20 links failed \(75%\)/
    )
  })
  it('believes a run with a few failures, or too few links to judge', () => {
    expect(implausibleFailure([...Array(3).fill(down), ...Array(17).fill(ok)])).toBeUndefined()
    expect(implausibleFailure(Array(10).fill(down))).toBeUndefined()
  })
})
