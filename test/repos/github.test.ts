import {afterEach, describe, expect, it} from 'vitest'
import {classifyUrl} from '../../src/repos/classify.js'
import {checkGithub} from '../../src/repos/github.js'
import type {GithubRef} from '../../src/repos/types.js'
import {type FakeGithub, type FakeGithubOptions, fakeClock, startFakeGithub} from './fake-github.js'

const token = 'test-token-github-1234'
let github: FakeGithub | undefined

afterEach(async () => {
  await github?.close()
  github = undefined
})

function refs(...urls: string[]): GithubRef[] {
  return urls.map(url => {
    const ref = classifyUrl(url)
    if (ref === undefined || ref.kind === 'huggingface' || ref.kind === 'arxiv')
      throw new Error(`not a GitHub link: ${url}`)
    return ref
  })
}

async function start(options: FakeGithubOptions) {
  github = await startFakeGithub({token, ...options})
  return github
}

function connect(fake: FakeGithub, clock = fakeClock()) {
  return {token, graphqlUrl: fake.graphqlUrl, apiUrl: fake.apiUrl, env: {}, clock}
}

const world: FakeGithubOptions = {
  repos: [
    {nameWithOwner: 'acme/ok', stars: 1500, pushedAt: '2025-01-02T03:04:05Z', license: 'MIT'},
    {nameWithOwner: 'acme/old', archived: true, stars: 10},
    {nameWithOwner: 'acme/gone-dark', disabled: true},
    {nameWithOwner: 'acme/new-name', stars: 7},
    {nameWithOwner: 'newco/moved', stars: 8},
    {nameWithOwner: 'acme/Case-Sensitive'},
    {nameWithOwner: 'acme/blocked', blocked: true},
    {
      nameWithOwner: 'acme/docs',
      defaultBranch: 'main',
      branches: {main: ['README.md', 'docs/guide.md'], v1: ['README.md'], 'feature/x': ['src/a.ts']}
    }
  ],
  moved: {'acme/old-name': 'acme/new-name', 'oldco/moved': 'newco/moved'},
  accounts: [
    {login: 'LLM360', type: 'Organization'},
    {login: 'someone', type: 'User'}
  ]
}

describe('checkGithub with a token', () => {
  it('tells every outcome apart in one GraphQL request, and confirms NOT_FOUND through REST', async () => {
    const fake = await start(world)
    const links = refs(
      'https://github.com/acme/ok',
      'https://github.com/acme/ok?tab=readme-ov-file',
      'https://github.com/acme/old',
      'https://github.com/acme/gone-dark',
      'https://github.com/acme/old-name#readme',
      'https://github.com/oldco/moved.git',
      'https://github.com/ACME/case-sensitive',
      'https://github.com/acme/deleted',
      'https://github.com/acme/blocked',
      'https://github.com/LLM360',
      'https://github.com/someone',
      'https://github.com/nobody-here',
      'https://github.com/acme/docs/blob/main/docs/guide.md',
      'https://github.com/acme/docs/tree/main/docs',
      'https://github.com/acme/docs/blob/main/docs/missing.md',
      'https://github.com/acme/docs/blob/v0/docs/guide.md',
      'https://github.com/acme/docs/blob/v0/docs/nowhere.md',
      'https://github.com/acme/docs/blob/v1/docs/guide.md',
      'https://github.com/acme/docs/tree/feature/x/src/a.ts',
      'https://github.com/acme/docs/tree/gone-branch',
      'https://github.com/acme/old-name/tree/main/README.md'
    )
    const {results, notices, requests} = await checkGithub(links, connect(fake))
    const kind = (url: string) => results.get(classifyUrl(url)!.key)
    expect(kind('https://github.com/acme/ok')).toEqual({
      kind: 'ok',
      facts: {
        nameWithOwner: 'acme/ok',
        archived: false,
        disabled: false,
        stars: 1500,
        pushedAt: '2025-01-02T03:04:05Z',
        license: 'MIT',
        defaultBranch: 'main'
      }
    })
    expect(kind('https://github.com/acme/old')).toMatchObject({kind: 'ok', facts: {archived: true}})
    expect(kind('https://github.com/acme/gone-dark')).toMatchObject({
      kind: 'ok',
      facts: {disabled: true}
    })
    expect(kind('https://github.com/acme/old-name#readme')).toMatchObject({
      kind: 'renamed',
      from: 'acme/old-name',
      to: 'acme/new-name'
    })
    expect(kind('https://github.com/oldco/moved.git')).toMatchObject({
      kind: 'transferred',
      from: 'oldco/moved',
      to: 'newco/moved'
    })
    expect(kind('https://github.com/ACME/case-sensitive')).toMatchObject({kind: 'ok'})
    expect(kind('https://github.com/acme/deleted')).toEqual({kind: 'missing'})
    expect(kind('https://github.com/acme/blocked')).toEqual({kind: 'blocked', status: 451})
    expect(kind('https://github.com/LLM360')).toEqual({
      kind: 'account-ok',
      login: 'LLM360',
      accountType: 'Organization'
    })
    expect(kind('https://github.com/someone')).toEqual({
      kind: 'account-ok',
      login: 'someone',
      accountType: 'User'
    })
    expect(kind('https://github.com/nobody-here')).toEqual({kind: 'account-missing'})
    expect(kind('https://github.com/acme/docs/blob/main/docs/guide.md')).toMatchObject({
      kind: 'deep-ok',
      ref: 'main',
      path: 'docs/guide.md'
    })
    expect(kind('https://github.com/acme/docs/tree/main/docs')).toMatchObject({kind: 'deep-ok'})
    expect(kind('https://github.com/acme/docs/blob/main/docs/missing.md')).toMatchObject({
      kind: 'deep-path-missing',
      ref: 'main',
      path: 'docs/missing.md'
    })
    // The ref is gone: github.com may redirect it or answer 404, so the page decides. Whether the
    // path is on the default branch (where a renamed branch leads) is told, not concluded from.
    expect(kind('https://github.com/acme/docs/blob/v0/docs/guide.md')).toEqual({
      kind: 'deep-ref-missing',
      ref: 'v0',
      path: 'docs/guide.md',
      pathOnDefaultBranch: true,
      facts: expect.objectContaining({defaultBranch: 'main'})
    })
    expect(kind('https://github.com/acme/docs/blob/v0/docs/nowhere.md')).toMatchObject({
      kind: 'deep-ref-missing',
      ref: 'v0',
      path: 'docs/nowhere.md',
      pathOnDefaultBranch: false
    })
    // The ref exists but does not have the path, even though the default branch does.
    expect(kind('https://github.com/acme/docs/blob/v1/docs/guide.md')).toMatchObject({
      kind: 'deep-path-missing',
      ref: 'v1'
    })
    expect(kind('https://github.com/acme/docs/tree/feature/x/src/a.ts')).toMatchObject({
      kind: 'deep-ok',
      ref: 'feature/x',
      path: 'src/a.ts'
    })
    expect(kind('https://github.com/acme/docs/tree/gone-branch')).toMatchObject({
      kind: 'deep-ref-missing',
      ref: 'gone-branch',
      path: '',
      pathOnDefaultBranch: true
    })
    expect(kind('https://github.com/acme/old-name/tree/main/README.md')).toMatchObject({
      kind: 'deep-ok',
      renamedTo: 'acme/new-name'
    })

    expect(notices).toEqual([])
    expect(requests.graphql).toBe(1)
    // Only the deleted repository, the blocked one (null without error) and the unknown account go to REST.
    expect(
      fake.requests
        .filter(r => r.api === 'rest')
        .map(r => r.path)
        .sort()
    ).toEqual(['/repos/acme/blocked', '/repos/acme/deleted', '/users/nobody-here'])
    expect(fake.requests.every(r => r.authorization === `bearer ${token}`)).toBe(true)
  })

  it('keeps the rest of a batch when one alias is NOT_FOUND', async () => {
    const fake = await start(world)
    const {results} = await checkGithub(
      refs(
        'https://github.com/acme/ok',
        'https://github.com/acme/deleted',
        'https://github.com/acme/old'
      ),
      connect(fake)
    )
    expect([...results.values()].map(r => r.kind)).toEqual(['ok', 'missing', 'ok'])
  })

  it('halves a batch GitHub refuses as too costly, and one that times out with 502', async () => {
    const repos = Array.from({length: 10}, (_, i) => ({nameWithOwner: `acme/r${i}`}))
    const fake = await start({repos, maxRepositoriesPerQuery: 3, badGatewayAbove: 5})
    const {results} = await checkGithub(
      refs(...repos.map(r => `https://github.com/${r.nameWithOwner}`)),
      {...connect(fake), batchSize: 10}
    )
    expect([...results.values()].every(r => r.kind === 'ok')).toBe(true)
    expect(results.size).toBe(10)
    const statuses = fake.requests.map(r => `${r.aliases}:${r.status}`)
    // 10 → 502; 5 → too costly; 3 ok, 2 ok; the same for the other half.
    expect(statuses).toEqual(['10:502', '5:200', '3:200', '2:200', '5:200', '3:200', '2:200'])
    expect(fake.count('rest')).toBe(0)
  })

  it('waits out a secondary rate limit (403 with retry-after), then succeeds', async () => {
    const fake = await start({
      ...world,
      script: [
        {
          api: 'graphql',
          status: 403,
          headers: {'retry-after': '30'},
          body: {message: 'You have exceeded a secondary rate limit.'}
        }
      ]
    })
    const clock = fakeClock()
    const {results, notices} = await checkGithub(
      refs('https://github.com/acme/ok'),
      connect(fake, clock)
    )
    expect(results.get('github:acme/ok')).toMatchObject({kind: 'ok'})
    expect(clock.slept).toEqual([30_000])
    expect(fake.count('graphql')).toBe(2)
    expect(notices.map(n => n.code)).toEqual(['github-rate-limit-wait'])
  })

  it('waits for the primary limit to reset (RATE_LIMITED, x-ratelimit-reset), then succeeds', async () => {
    const clock = fakeClock()
    const reset = String(Math.floor((clock.now() + 60_000) / 1000))
    const fake = await start({
      ...world,
      script: [
        {
          api: 'graphql',
          status: 200,
          headers: {'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset},
          body: {errors: [{type: 'RATE_LIMITED', message: 'API rate limit exceeded'}]}
        }
      ]
    })
    const {results} = await checkGithub(refs('https://github.com/acme/ok'), connect(fake, clock))
    expect(results.get('github:acme/ok')).toMatchObject({kind: 'ok'})
    expect(clock.slept).toEqual([61_000])
  })

  it('waits before the next batch when `rateLimit.remaining` says the budget is spent', async () => {
    const clock = fakeClock()
    const fake = await start({
      repos: [{nameWithOwner: 'a/one'}, {nameWithOwner: 'a/two'}],
      graphqlRemaining: 1,
      graphqlResetAt: clock.now() + 120_000,
      now: clock.now
    })
    const {results} = await checkGithub(
      refs('https://github.com/a/one', 'https://github.com/a/two'),
      {...connect(fake, clock), batchSize: 1}
    )
    // The first answer reported 0 left: the client waited until `resetAt` instead of sending a doomed request.
    expect(clock.slept).toEqual([120_000])
    expect(results.get('github:a/one')).toMatchObject({kind: 'ok'})
    expect(results.get('github:a/two')).toMatchObject({kind: 'ok'})
    expect(fake.requests.map(r => r.status)).toEqual([200, 200])
  })

  it('gives up on a limit that resets later than the longest wait: lookup failed, never missing', async () => {
    const clock = fakeClock()
    const reset = String(Math.floor((clock.now() + 2 * 3_600_000) / 1000))
    const fake = await start({
      ...world,
      script: [
        {
          api: 'graphql',
          status: 403,
          headers: {'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset},
          body: {message: 'API rate limit exceeded'}
        }
      ]
    })
    const {results} = await checkGithub(
      refs('https://github.com/acme/ok', 'https://github.com/acme/deleted'),
      connect(fake, clock)
    )
    expect([...results.values()]).toEqual([
      {kind: 'lookup-failed', reason: 'rate-limited', detail: 'GitHub GraphQL answered 403'},
      {kind: 'lookup-failed', reason: 'rate-limited', detail: 'GitHub GraphQL answered 403'}
    ])
    expect(clock.slept).toEqual([])
  })

  it('never marks a repository missing when the API fails (5xx)', async () => {
    const fake = await start({
      ...world,
      script: [500, 500, 500].map(status => ({api: 'graphql' as const, status}))
    })
    const {results} = await checkGithub(refs('https://github.com/acme/deleted'), connect(fake))
    expect(results.get('github:acme/deleted')).toEqual({
      kind: 'lookup-failed',
      reason: 'server-error',
      detail: 'GitHub GraphQL answered 500'
    })
    expect(fake.count('graphql')).toBe(3)
  })

  it('tries a 5xx again with the shared back-off (exponential, jittered), or after its Retry-After', async () => {
    const fake = await start({
      ...world,
      script: [
        {api: 'graphql' as const, status: 500},
        {api: 'graphql' as const, status: 502},
        {api: 'graphql' as const, status: 503, headers: {'retry-after': '7'}}
      ]
    })
    const clock = fakeClock()
    const {results} = await checkGithub(refs('https://github.com/acme/ok'), {
      ...connect(fake, clock),
      attempts: 4,
      random: () => 0 // the smallest jitter factor, 0.5
    })
    expect(results.get('github:acme/ok')).toMatchObject({kind: 'ok'})
    expect(clock.slept).toEqual([500, 1000, 7000])
    expect(fake.count('graphql')).toBe(4)
  })

  it('never marks a repository missing when REST fails while confirming NOT_FOUND', async () => {
    const fake = await start({
      ...world,
      script: [503, 503, 503].map(status => ({api: 'rest' as const, status}))
    })
    const {results} = await checkGithub(
      refs('https://github.com/acme/deleted', 'https://github.com/acme/ok'),
      connect(fake)
    )
    expect(results.get('github:acme/deleted')).toMatchObject({
      kind: 'lookup-failed',
      reason: 'server-error'
    })
    expect(results.get('github:acme/ok')).toMatchObject({kind: 'ok'})
  })

  it('reports a network failure as a failed lookup', async () => {
    const {results} = await checkGithub(refs('https://github.com/acme/ok'), {
      token,
      graphqlUrl: 'http://127.0.0.1:9/graphql',
      apiUrl: 'http://127.0.0.1:9',
      env: {},
      clock: fakeClock()
    })
    expect(results.get('github:acme/ok')).toMatchObject({kind: 'lookup-failed', reason: 'network'})
  })

  it('reads the token and endpoints from the environment', async () => {
    const fake = await start(world)
    const {results} = await checkGithub(refs('https://github.com/acme/ok'), {
      env: {GITHUB_TOKEN: token, GITHUB_GRAPHQL_URL: fake.graphqlUrl, GITHUB_API_URL: fake.apiUrl},
      clock: fakeClock()
    })
    expect(results.get('github:acme/ok')).toMatchObject({kind: 'ok'})
    expect(fake.count('graphql')).toBe(1)
  })
})

describe('checkGithub without a token', () => {
  it('says so once, uses REST within the unauthenticated limit, then leaves the rest unverified', async () => {
    const fake = await start({...world, restUnauthenticatedRemaining: 4})
    const links = refs(
      'https://github.com/acme/ok',
      'https://github.com/acme/old-name',
      'https://github.com/acme/deleted',
      'https://github.com/LLM360',
      'https://github.com/acme/old',
      'https://github.com/acme/gone-dark',
      'https://github.com/acme/docs/blob/main/README.md'
    )
    const {results, notices, requests} = await checkGithub(links, {
      graphqlUrl: fake.graphqlUrl,
      apiUrl: fake.apiUrl,
      env: {},
      clock: fakeClock(),
      restConcurrency: 1
    })
    expect(requests.graphql).toBe(0)
    expect(notices.map(n => n.code)).toEqual(['no-github-token', 'github-rest-budget-spent'])
    expect(results.get('github:acme/ok')).toMatchObject({kind: 'ok', facts: {stars: 1500}})
    // 301 to /repositories/<id>, then the new name: 2 requests.
    expect(results.get('github:acme/old-name')).toMatchObject({
      kind: 'renamed',
      to: 'acme/new-name'
    })
    expect(results.get('github:acme/deleted')).toEqual({kind: 'missing'})
    for (const url of [
      'https://github.com/LLM360',
      'https://github.com/acme/old',
      'https://github.com/acme/gone-dark',
      'https://github.com/acme/docs/blob/main/README.md'
    ]) {
      expect(results.get(classifyUrl(url)!.key), url).toEqual({
        kind: 'unverified',
        reason: 'no-token'
      })
    }
    expect(fake.requests.every(r => r.authorization === undefined)).toBe(true)
  })

  it('falls back to REST without the token when GitHub refuses it', async () => {
    const fake = await start(world)
    const {results, notices} = await checkGithub(refs('https://github.com/acme/ok'), {
      ...connect(fake),
      token: 'test-token-wrong-5678'
    })
    expect(notices.map(n => n.code)).toEqual(['github-token-refused'])
    expect(results.get('github:acme/ok')).toMatchObject({kind: 'ok'})
    expect(fake.requests.at(-1)).toMatchObject({api: 'rest', authorization: undefined})
  })
})
