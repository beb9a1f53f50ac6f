import {afterEach, describe, expect, it} from 'vitest'
import {classifyUrl} from '../../src/repos/classify.js'
import {checkHuggingFace} from '../../src/repos/huggingface.js'
import type {HuggingFaceRef} from '../../src/repos/types.js'
import {fakeClock} from './fake-github.js'
import {type FakeHub, type FakeHubOptions, startFakeHub} from './fake-hub.js'

let hub: FakeHub | undefined
afterEach(async () => {
  await hub?.close()
  hub = undefined
})

function refs(...urls: string[]): HuggingFaceRef[] {
  return urls.map(url => classifyUrl(url) as HuggingFaceRef)
}

const world: FakeHubOptions = {
  token: 'test-token-hf-9999',
  repos: [
    {type: 'models', id: 'tiiuae/falcon-7b', license: 'apache-2.0', likes: 1000},
    {type: 'models', id: 'meta-llama/Llama-2-7b', gated: 'manual'},
    {type: 'models', id: 'acme/takedown', disabled: true},
    {type: 'models', id: 'NewOrg/new-model'},
    {type: 'models', id: 'EleutherAI/gpt-j-6b'},
    {type: 'datasets', id: 'tiiuae/falcon-refinedweb'},
    {type: 'spaces', id: 'HuggingFaceH4/open_llm_leaderboard'}
  ],
  moved: {'models/oldorg/old-model': 'NewOrg/new-model'}
}

describe('checkHuggingFace', () => {
  it('tells found, gated, disabled, renamed and missing repositories apart', async () => {
    hub = await startFakeHub(world)
    const {results, notices} = await checkHuggingFace(
      refs(
        'https://huggingface.co/tiiuae/falcon-7b',
        'https://huggingface.co/tiiuae/falcon-7b/blob/main/LICENSE.txt',
        'https://huggingface.co/meta-llama/Llama-2-7b',
        'https://huggingface.co/acme/takedown',
        'https://huggingface.co/oldorg/old-model',
        'https://huggingface.co/EleutherAI/gpt-j-6B',
        'https://huggingface.co/datasets/tiiuae/falcon-refinedweb',
        'https://huggingface.co/spaces/HuggingFaceH4/open_llm_leaderboard',
        'https://huggingface.co/acme/never-was'
      ),
      {endpoint: hub.endpoint, env: {}, clock: fakeClock()}
    )
    expect(results.get('hf:tiiuae/falcon-7b')).toEqual({
      kind: 'ok',
      facts: {
        id: 'tiiuae/falcon-7b',
        gated: false,
        disabled: false,
        private: false,
        likes: 1000,
        downloads: 100,
        lastModified: '2024-03-01T00:00:00.000Z',
        license: 'apache-2.0'
      }
    })
    expect(results.get('hf:meta-llama/llama-2-7b')).toMatchObject({
      kind: 'ok',
      facts: {gated: 'manual'}
    })
    expect(results.get('hf:acme/takedown')).toMatchObject({kind: 'ok', facts: {disabled: true}})
    expect(results.get('hf:oldorg/old-model')).toMatchObject({
      kind: 'renamed',
      from: 'oldorg/old-model',
      to: 'NewOrg/new-model'
    })
    expect(results.get('hf:eleutherai/gpt-j-6b')).toMatchObject({kind: 'ok'})
    expect(results.get('hf:datasets/tiiuae/falcon-refinedweb')).toMatchObject({kind: 'ok'})
    expect(results.get('hf:spaces/huggingfaceh4/open_llm_leaderboard')).toMatchObject({kind: 'ok'})
    // Unauthenticated, the Hub answers 401 with X-Error-Code: RepoNotFound.
    expect(results.get('hf:acme/never-was')).toEqual({kind: 'missing', status: 401})
    expect(notices).toEqual([])
    expect(hub.requests.map(r => r.path)).toContain('/api/datasets/tiiuae/falcon-refinedweb')
    expect(hub.requests.map(r => r.path)).toContain(
      '/api/spaces/HuggingFaceH4/open_llm_leaderboard'
    )
  })

  it('sends HF_TOKEN, and treats a refused token as a token problem, not a missing repository', async () => {
    hub = await startFakeHub(world)
    const good = await checkHuggingFace(refs('https://huggingface.co/acme/never-was'), {
      endpoint: hub.endpoint,
      env: {HF_TOKEN: 'test-token-hf-9999'},
      clock: fakeClock()
    })
    expect(good.results.get('hf:acme/never-was')).toEqual({kind: 'missing', status: 404})
    expect(hub.requests.at(-1)?.authorization).toBe('Bearer test-token-hf-9999')
    const bad = await checkHuggingFace(
      refs('https://huggingface.co/tiiuae/falcon-7b', 'https://huggingface.co/acme/never-was'),
      {endpoint: hub.endpoint, token: 'test-token-hf-wrong', env: {}, clock: fakeClock()}
    )
    expect([...bad.results.values()].map(r => r.kind)).toEqual(['lookup-failed', 'lookup-failed'])
    expect(bad.results.get('hf:acme/never-was')).toMatchObject({reason: 'bad-credentials'})
    expect(bad.notices.map(n => n.code)).toEqual(['hf-token-refused'])
  })

  it('honours the RateLimit header of a 429, then succeeds', async () => {
    hub = await startFakeHub({...world, rateLimited: {count: 1, resetSeconds: 42}})
    const clock = fakeClock()
    const {results, notices} = await checkHuggingFace(
      refs('https://huggingface.co/tiiuae/falcon-7b'),
      {endpoint: hub.endpoint, env: {}, clock}
    )
    expect(results.get('hf:tiiuae/falcon-7b')).toMatchObject({kind: 'ok'})
    expect(clock.slept).toEqual([42_000])
    expect(notices.map(n => n.code)).toEqual(['hf-rate-limit-wait'])
  })

  it('never marks a repository missing when the Hub fails (5xx)', async () => {
    hub = await startFakeHub({...world, failing: ['/api/models/tiiuae/falcon-7b']})
    const clock = fakeClock()
    const {results, requests} = await checkHuggingFace(
      refs('https://huggingface.co/tiiuae/falcon-7b'),
      {endpoint: hub.endpoint, env: {}, clock, random: () => 0.5}
    )
    // Three tries, with the shared back-off between them (jitter factor 1 here): 1 s, then 2 s.
    expect(requests.huggingface).toBe(3)
    expect(clock.slept).toEqual([1000, 2000])
    expect(results.get('hf:tiiuae/falcon-7b')).toEqual({
      kind: 'lookup-failed',
      reason: 'server-error',
      detail: 'The Hub answered 500'
    })
    expect(hub.requests).toHaveLength(3)
  })
})
