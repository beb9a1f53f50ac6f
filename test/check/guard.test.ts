import {describe, expect, it} from 'vitest'
import {untrustedReason} from '../../src/check/guard.js'
import type {CheckResult} from '../../src/check/result.js'
import type {LinkResult} from '../../src/links/types.js'
import type {Verdict} from '../../src/links/verdict.js'

const answered = {
  hops: [{url: 'https://a.example/', method: 'HEAD' as const, status: 200}],
  attempts: 1
}
const silent = {
  hops: [{url: 'https://a.example/', method: 'HEAD' as const, errorCode: 'ENOTFOUND'}],
  attempts: 1
}
const ok: Verdict = {kind: 'ok', status: 200, evidence: answered}
const down: Verdict = {kind: 'unreachable', cause: 'dns', definitive: true, evidence: silent}
const gone: Verdict = {
  kind: 'broken',
  reason: 'status',
  status: 404,
  definitive: true,
  evidence: answered
}
const cached: Verdict = {kind: 'ok', evidence: {hops: [], attempts: 0, cached: true}}

function result(
  verdicts: Verdict[],
  apis: NonNullable<CheckResult['repos']>['apis'] = {}
): CheckResult {
  const links: LinkResult[] = verdicts.map((verdict, index) => ({
    url: `https://h${index}.example/`,
    sources: [],
    verdict,
    dead: false,
    consecutiveFailures: 0
  }))
  return {
    links: {
      results: links,
      skipped: [],
      requests: links.length,
      slowedHosts: [],
      startedAt: '',
      durationMs: 0
    },
    repos: {
      links: 0,
      requests: {graphql: 0, rest: 0, huggingface: 0, arxiv: 0},
      notices: [],
      findings: [],
      apis
    },
    statusUpdates: {links: {}, repos: {}, removeLinks: [], removeRepos: []},
    fixes: [],
    refusedFixes: [],
    checkedAt: {}
  }
}

describe('untrustedReason', () => {
  it('does not believe a run in which no host answered, however few links it checked', () => {
    expect(untrustedReason(result([down]))).toMatch(
      /^no host answered any of the 1 link checked \(1 dns\)/
    )
    expect(untrustedReason(result([down, down, cached]))).toMatch(/network is probably down/)
  })

  it('believes one link that a working network found gone', () => {
    expect(untrustedReason(result([gone]))).toBeUndefined()
    expect(untrustedReason(result([down, ok]))).toBeUndefined()
    expect(untrustedReason(result([cached]))).toBeUndefined()
    expect(untrustedReason(result([]))).toBeUndefined()
  })

  it('does not believe a run where most of many links failed at once', () => {
    expect(untrustedReason(result([...Array(15).fill(gone), ...Array(5).fill(ok)]))).toMatch(
      /^15 of 20 links failed \(75%\)/
    )
    expect(untrustedReason(result([...Array(3).fill(gone), ...Array(17).fill(ok)]))).toBeUndefined()
  })

  it('does not believe a run in which an API answered none of its lookups', () => {
    expect(untrustedReason(result([], {github: {asked: 440, failed: 440}}))).toMatch(
      /^the GitHub API answered none of 440 lookups/
    )
    expect(untrustedReason(result([], {github: {asked: 440, failed: 3}}))).toBeUndefined()
    expect(untrustedReason(result([], {arxiv: {asked: 1, failed: 1}}))).toMatch(/arXiv/)
  })
})
