import {afterEach, describe, expect, it} from 'vitest'
import {checkRepos} from '../../src/repos/check.js'
import {startFakeArxiv} from './fake-arxiv.js'
import {fakeClock, startFakeGithub} from './fake-github.js'
import {startFakeHub} from './fake-hub.js'

/** Recognisable in any output; not shaped like a real token, so secret scanners stay quiet. */
const token = 'test-token-DO-NOT-LEAK-4f2a9c'
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()))
})

/** Everything a run gives back, as text: results (Maps included), notices, counts. */
function dump(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v))
}

const urls = [
  'https://github.com/acme/ok',
  'https://github.com/acme/deleted',
  'https://github.com/acme/old-name/blob/main/README.md',
  'https://github.com/LLM360',
  'https://github.com/nobody-here',
  'https://huggingface.co/tiiuae/falcon-7b',
  'https://huggingface.co/acme/never-was',
  'https://arxiv.org/abs/2106.09685'
]

describe('the token', () => {
  it('appears in no result, notice or error of a whole run, whatever goes wrong', async () => {
    const github = await startFakeGithub({
      token,
      repos: [{nameWithOwner: 'acme/ok'}, {nameWithOwner: 'acme/new-name'}],
      moved: {'acme/old-name': 'acme/new-name'},
      accounts: [{login: 'LLM360', type: 'Organization'}],
      script: [
        {api: 'graphql', status: 403, headers: {'retry-after': '1'}},
        {api: 'graphql', status: 502}
      ]
    })
    const hub = await startFakeHub({
      token,
      repos: [{type: 'models', id: 'tiiuae/falcon-7b'}],
      rateLimited: {count: 1, resetSeconds: 1}
    })
    const arxiv = await startFakeArxiv({papers: ['2106.09685']})
    closers.push(github.close, hub.close, arxiv.close)
    const env = {GITHUB_TOKEN: token, HF_TOKEN: token}
    const outputs: string[] = []

    const good = await checkRepos(urls, {
      github: {env, graphqlUrl: github.graphqlUrl, apiUrl: github.apiUrl, clock: fakeClock()},
      huggingFace: {env, endpoint: hub.endpoint, clock: fakeClock()},
      arxiv: {baseUrl: arxiv.baseUrl, env: {}, clock: fakeClock()}
    })
    expect(good.results.get('github:acme/ok')).toMatchObject({kind: 'ok'})
    expect(github.requests.some(r => r.authorization === `bearer ${token}`)).toBe(true)
    expect(hub.requests.some(r => r.authorization === `Bearer ${token}`)).toBe(true)
    outputs.push(dump(good))

    // Unreachable endpoints: network errors, whose messages come from undici.
    const unreachable = await checkRepos(urls, {
      github: {
        env,
        graphqlUrl: `http://127.0.0.1:9/graphql?access_token=${token}`,
        apiUrl: 'http://127.0.0.1:9',
        clock: fakeClock(),
        attempts: 1
      },
      huggingFace: {env, endpoint: 'http://127.0.0.1:9', clock: fakeClock(), attempts: 1},
      arxiv: {baseUrl: 'http://127.0.0.1:9', env: {}, clock: fakeClock(), attempts: 1}
    })
    expect([...unreachable.results.values()].every(r => r.kind === 'lookup-failed')).toBe(true)
    outputs.push(dump(unreachable))

    // A token the APIs refuse: notices and token-problem failures.
    const refusedGithub = await startFakeGithub({
      token: 'test-token-other-0000',
      repos: [{nameWithOwner: 'acme/ok'}]
    })
    const refusedHub = await startFakeHub({token: 'test-token-other-0000'})
    closers.push(refusedGithub.close, refusedHub.close)
    const refused = await checkRepos(urls, {
      github: {
        env,
        graphqlUrl: refusedGithub.graphqlUrl,
        apiUrl: refusedGithub.apiUrl,
        clock: fakeClock()
      },
      huggingFace: {env, endpoint: refusedHub.endpoint, clock: fakeClock()},
      arxiv: {baseUrl: arxiv.baseUrl, env: {}, clock: fakeClock()}
    })
    expect(refused.notices.map(n => n.code).sort()).toEqual([
      'github-token-refused',
      'hf-token-refused'
    ])
    outputs.push(dump(refused))

    for (const output of outputs) {
      expect(output.length).toBeGreaterThan(100)
      expect(output).not.toContain(token)
      expect(output).not.toContain('DO-NOT-LEAK')
    }
  })
})
