import {describe, expect, it} from 'vitest'
import {entryHealth, healthFromResult, isStale} from '../../src/repos/health.js'
import type {GithubFacts, GithubResult} from '../../src/repos/types.js'

const now = new Date('2025-06-01T00:00:00Z')
const facts = (extra: Partial<GithubFacts> = {}): GithubFacts => ({
  nameWithOwner: 'a/b',
  archived: false,
  disabled: false,
  stars: 1234,
  pushedAt: '2025-05-01T10:00:00Z',
  ...extra
})

describe('healthFromResult', () => {
  it('turns GitHub facts into the marks the README shows', () => {
    expect(healthFromResult({kind: 'ok', facts: facts()}, undefined, {now})).toEqual({
      stars: 1234,
      pushedAt: '2025-05-01'
    })
    expect(
      healthFromResult({kind: 'ok', facts: facts({archived: true})}, undefined, {now})
    ).toEqual({archived: true, stars: 1234, pushedAt: '2025-05-01'})
    expect(
      healthFromResult({kind: 'ok', facts: facts({disabled: true})}, undefined, {now})
    ).toMatchObject({archived: true})
    expect(
      healthFromResult({kind: 'renamed', from: 'a/b', to: 'a/c', facts: facts()}, undefined, {now})
    ).toEqual({stars: 1234, pushedAt: '2025-05-01'})
    expect(healthFromResult({kind: 'missing'}, undefined, {now})).toEqual({dead: true})
    expect(healthFromResult({kind: 'account-missing'}, undefined, {now})).toEqual({dead: true})
    expect(
      healthFromResult({kind: 'account-ok', login: 'x', accountType: 'User'}, undefined, {now})
    ).toEqual({})
  })

  it('marks a project inactive after 12 months without a push (configurable), unless finished on purpose or archived', () => {
    const stale: GithubResult = {kind: 'ok', facts: facts({pushedAt: '2024-05-31T23:59:59Z'})}
    expect(healthFromResult(stale, undefined, {now})).toMatchObject({inactive: true})
    expect(healthFromResult(stale, 'active', {now})).toMatchObject({inactive: true})
    expect(healthFromResult(stale, 'complete', {now})).not.toHaveProperty('inactive')
    expect(healthFromResult(stale, undefined, {now, inactiveAfterMonths: 24})).not.toHaveProperty(
      'inactive'
    )
    expect(
      healthFromResult(
        {kind: 'ok', facts: facts({pushedAt: '2024-05-31T23:59:59Z', archived: true})},
        undefined,
        {now}
      )
    ).toEqual({archived: true, stars: 1234, pushedAt: '2024-05-31'})
    expect(isStale('2024-06-01T00:00:01Z', {now})).toBe(false)
  })

  it('keeps the last known facts when a lookup failed or was skipped', () => {
    const previous = {archived: true, stars: 5}
    expect(
      healthFromResult({kind: 'lookup-failed', reason: 'server-error', detail: 'x'}, undefined, {
        now,
        previous
      })
    ).toBe(previous)
    expect(
      healthFromResult({kind: 'unverified', reason: 'no-token'}, undefined, {now, previous})
    ).toBe(previous)
    expect(healthFromResult(undefined, undefined, {now})).toBeUndefined()
  })

  it('reads Hugging Face and arXiv results', () => {
    const hf = {id: 'a/b', gated: 'manual' as const, disabled: false, private: false}
    expect(healthFromResult({kind: 'ok', facts: hf}, undefined, {now})).toEqual({})
    expect(
      healthFromResult({kind: 'ok', facts: {...hf, disabled: true}}, undefined, {now})
    ).toEqual({archived: true})
    expect(healthFromResult({kind: 'missing', status: 401}, undefined, {now})).toEqual({dead: true})
    expect(healthFromResult({kind: 'ok', id: '2106.09685'}, undefined, {now})).toEqual({})
  })
})

describe('entryHealth', () => {
  it('uses the first main URL the checkers understand', () => {
    const results = new Map<string, GithubResult>([
      ['github:a/b', {kind: 'ok', facts: facts({archived: true})}]
    ])
    expect(
      entryHealth(
        {url: {en: 'https://example.com', zh: 'https://github.com/a/b/tree/main'}},
        results,
        {now}
      )
    ).toBeUndefined()
    expect(entryHealth({url: 'https://github.com/A/B#readme'}, results, {now})).toMatchObject({
      archived: true
    })
    expect(entryHealth({}, results, {now, previous: {stars: 1}})).toEqual({stars: 1})
  })
})
