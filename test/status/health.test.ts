import {describe, expect, it} from 'vitest'
import type {Entry, ListModel} from '../../src/model/types.js'
import type {GithubFacts, GithubResult, RepoResult} from '../../src/repos/types.js'
import {healthFromStatus, isStale, nextRepoStatus} from '../../src/status/repos.js'
import {emptyStatus, type StatusFile} from '../../src/status/types.js'

const now = new Date('2025-06-01T00:00:00Z')
const facts = (extra: Partial<GithubFacts> = {}): GithubFacts => ({
  nameWithOwner: 'a/b',
  archived: false,
  disabled: false,
  stars: 1234,
  pushedAt: '2025-05-01T10:00:00Z',
  ...extra
})

/** The README health of an entry linking `url`, after one lookup gave `result` (the path the CLI takes). */
function healthAfter(
  result: RepoResult | undefined,
  entry: Partial<Entry> = {},
  options: {previous?: StatusFile; inactiveAfterMonths?: number; key?: string} = {}
) {
  const status = structuredClone(options.previous ?? emptyStatus())
  const key = options.key ?? 'github:a/b'
  if (result !== undefined) {
    const record = nextRepoStatus(
      status.repos[key],
      result,
      now,
      options.inactiveAfterMonths === undefined
        ? {}
        : {inactiveAfterMonths: options.inactiveAfterMonths}
    )
    if (record === undefined) delete status.repos[key]
    else status.repos[key] = record
  }
  const file = 'entries/x/y.yaml'
  const model = {entries: [{file, url: 'https://github.com/a/b', ...entry}]} as unknown as ListModel
  return healthFromStatus(model, status)(file)
}

describe('README health from the status file', () => {
  it('turns GitHub facts into the marks the README shows', () => {
    // Stars as the README rounds them (1.2k), the month of the last push: no diff for small changes.
    expect(healthAfter({kind: 'ok', facts: facts()})).toEqual({stars: 1200, pushedAt: '2025-05'})
    expect(healthAfter({kind: 'ok', facts: facts({archived: true})})).toMatchObject({
      archived: true,
      stars: 1200
    })
    expect(healthAfter({kind: 'ok', facts: facts({disabled: true})})).toMatchObject({
      archived: true
    })
    expect(healthAfter({kind: 'renamed', from: 'a/b', to: 'a/c', facts: facts()})).toMatchObject({
      stars: 1200
    })
    expect(healthAfter({kind: 'missing'})).toEqual({dead: true})
    expect(healthAfter({kind: 'account-missing'})).toEqual({dead: true})
    expect(healthAfter({kind: 'account-ok', login: 'x', accountType: 'User'})).toEqual({})
  })

  it('marks a project inactive after 12 months without a push (configurable), unless finished on purpose or archived', () => {
    const stale: GithubResult = {kind: 'ok', facts: facts({pushedAt: '2024-05-31T23:59:59Z'})}
    expect(healthAfter(stale)).toMatchObject({inactive: true})
    expect(healthAfter(stale, {maintained: 'active'})).toMatchObject({inactive: true})
    expect(healthAfter(stale, {maintained: 'complete'})).not.toHaveProperty('inactive')
    expect(healthAfter(stale, {}, {inactiveAfterMonths: 24})).not.toHaveProperty('inactive')
    expect(
      healthAfter({kind: 'ok', facts: facts({pushedAt: '2024-05-31T23:59:59Z', archived: true})})
    ).not.toHaveProperty('inactive')
    expect(isStale('2024-06-01T00:00:01Z', {now})).toBe(false)
    expect(isStale('2024-05-31T23:59:59Z', {now})).toBe(true)
  })

  it('keeps the last known facts when a lookup failed or was skipped', () => {
    const previous: StatusFile = {
      version: 1,
      links: {},
      repos: {'github:a/b': {archived: true, stars: 5}}
    }
    const failed = {kind: 'lookup-failed', reason: 'server-error', detail: 'x'} as const
    expect(healthAfter(failed, {}, {previous})).toEqual({archived: true, stars: 5})
    expect(healthAfter({kind: 'unverified', reason: 'no-token'}, {}, {previous})).toEqual({
      archived: true,
      stars: 5
    })
    expect(healthAfter(undefined)).toBeUndefined()
  })

  it('reads Hugging Face results', () => {
    const hf = {id: 'a/b', gated: 'manual' as const, disabled: false, private: false}
    const entry = {url: 'https://huggingface.co/a/b'}
    const key = {key: 'hf:a/b'}
    expect(healthAfter({kind: 'ok', facts: hf}, entry, key)).toEqual({})
    expect(healthAfter({kind: 'ok', facts: {...hf, disabled: true}}, entry, key)).toEqual({
      archived: true
    })
    expect(healthAfter({kind: 'missing', status: 401}, entry, key)).toEqual({dead: true})
  })

  it('records a deep link whose branch is gone as facts plus `refMissing`, not as a verdict', () => {
    const result: GithubResult = {
      kind: 'deep-ref-missing',
      ref: 'main',
      path: '',
      pathOnDefaultBranch: true,
      facts: facts({defaultBranch: 'master'})
    }
    expect(nextRepoStatus(undefined, result, now)).toEqual({
      stars: 1200,
      pushedAt: '2025-05',
      refMissing: 'main'
    })
  })

  it('lets the page check of the same URL decide whether it is dead', () => {
    const url = 'https://github.com/a/b/tree/main'
    const key = 'github:a/b/tree/main'
    const health = (repo: StatusFile['repos'][string], link?: StatusFile['links'][string]) =>
      healthAfter(
        undefined,
        {url},
        {previous: {version: 1, repos: {[key]: repo}, links: link ? {[url]: link} : {}}, key}
      )
    // The branch is gone and github.com answered 404: dead, whatever the repository's facts.
    expect(health({stars: 1200, refMissing: 'main'}, {verdict: 'broken', dead: true})).toEqual({
      dead: true
    })
    // It redirects (to be fixed by --apply): the repository's facts show.
    expect(health({stars: 1200, refMissing: 'main'}, {verdict: 'redirected'})).toEqual({
      stars: 1200
    })
    // No page check yet (`--repos-only`): nothing says it is dead.
    expect(health({stars: 1200, refMissing: 'main'})).toEqual({stars: 1200})
    // A lookup failed, so the last record (path missing) was kept; the page has since worked.
    expect(health({stars: 5, pathMissing: 'main:x'}, {verdict: 'ok'})).toEqual({stars: 5})
    // ... or the page could not be verified (429): the last record stands.
    expect(health({pathMissing: 'main:x'}, {verdict: 'unverifiable'})).toEqual({dead: true})
    expect(health({missing: true}, {verdict: 'unverifiable'})).toEqual({dead: true})
  })

  it('a Hugging Face file the page check found gone is dead, though its repository exists', () => {
    const url = 'https://huggingface.co/a/b/blob/main/LICENSE.txt'
    const previous: StatusFile = {
      version: 1,
      links: {[url]: {verdict: 'broken', status: 404, dead: true}},
      repos: {'hf:a/b': {license: 'apache-2.0'}}
    }
    expect(healthAfter(undefined, {url}, {previous, key: 'hf:a/b'})).toEqual({dead: true})
    expect(healthAfter(undefined, {url: 'https://huggingface.co/a/b'}, {previous})).toEqual({})
  })

  it('uses the first main URL that has a record', () => {
    const previous: StatusFile = {
      version: 1,
      links: {},
      repos: {'github:a/b': {archived: true}}
    }
    expect(
      healthAfter(
        undefined,
        {url: {en: 'https://example.com', zh: 'https://github.com/A/B#readme'}},
        {previous}
      )
    ).toEqual({archived: true})
    expect(healthAfter(undefined, {url: 'https://example.com'}, {previous})).toBeUndefined()
  })
})
