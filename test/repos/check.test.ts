import {afterEach, describe, expect, it} from 'vitest'
import {checkRepos} from '../../src/repos/check.js'
import {startFakeArxiv} from './fake-arxiv.js'
import {fakeClock, startFakeGithub} from './fake-github.js'
import {startFakeHub} from './fake-hub.js'

const token = 'test-token-check-5d1e'
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()))
})

describe('checkRepos options', () => {
  it("gives `common` to all three clients, and lets a client's own options override it", async () => {
    const github = await startFakeGithub({token, repos: [{nameWithOwner: 'acme/ok'}]})
    const hub = await startFakeHub({repos: [{type: 'models', id: 'tiiuae/falcon-7b'}]})
    const arxiv = await startFakeArxiv({papers: ['2106.09685']})
    closers.push(github.close, hub.close, arxiv.close)
    const clock = fakeClock()
    const run = await checkRepos(
      [
        'https://github.com/acme/ok',
        'https://huggingface.co/tiiuae/falcon-7b',
        'https://arxiv.org/abs/2106.09685'
      ],
      {
        // Endpoints from the environment, for every client: what check-links passes.
        common: {
          env: {
            GITHUB_TOKEN: token,
            GITHUB_API_URL: github.apiUrl,
            GITHUB_GRAPHQL_URL: github.graphqlUrl,
            HF_ENDPOINT: hub.endpoint,
            ARXIV_API_URL: 'http://127.0.0.1:9'
          },
          clock
        },
        arxiv: {baseUrl: arxiv.baseUrl}
      }
    )
    expect(run.results.get('github:acme/ok')).toMatchObject({kind: 'ok'})
    expect(run.results.get('hf:tiiuae/falcon-7b')).toMatchObject({kind: 'ok'})
    expect(run.results.get('arxiv:2106.09685')).toMatchObject({kind: 'ok'})
    expect(run.requests).toMatchObject({graphql: 1, huggingface: 1, arxiv: 1})
  })
})
