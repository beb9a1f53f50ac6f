import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadList} from '../../src/entries/load.js'
import {extractLinks} from '../../src/links/extract.js'
import {checkArxiv} from '../../src/repos/arxiv.js'
import {checkRepos} from '../../src/repos/check.js'
import {classifyUrl} from '../../src/repos/classify.js'
import {checkGithub} from '../../src/repos/github.js'
import type {ArxivRef, GithubRef, RepoRef} from '../../src/repos/types.js'
import {startFakeArxiv} from './fake-arxiv.js'
import {fakeClock, startFakeGithub} from './fake-github.js'
import {startFakeHub} from './fake-hub.js'

const projectRoot = fileURLToPath(new URL('../..', import.meta.url))
let urls: string[] = []
let refs: RepoRef[] = []

beforeAll(async () => {
  const {model, diagnostics} = await loadList(projectRoot)
  if (!model) throw new Error(diagnostics.map(d => d.message).join('\n'))
  urls = [...new Set(extractLinks(model).map(link => link.url))]
  refs = urls.map(classifyUrl).filter((ref): ref is RepoRef => ref !== undefined)
})

describe('the real list', () => {
  it('costs at most 8 GraphQL requests for all its GitHub links', async () => {
    const github = refs.filter((ref): ref is GithubRef => ref.kind.startsWith('github-'))
    const repos = new Set(
      github
        .filter(ref => ref.kind !== 'github-account')
        .map(ref =>
          `${(ref as {owner: string}).owner}/${(ref as {name: string}).name}`.toLowerCase()
        )
    )
    expect(repos.size).toBeGreaterThan(300)
    const fake = await startFakeGithub({token: 'test-token-real-list', everythingExists: true})
    try {
      const {results, requests} = await checkGithub(github, {
        token: 'test-token-real-list',
        graphqlUrl: fake.graphqlUrl,
        apiUrl: fake.apiUrl,
        env: {},
        clock: fakeClock()
      })
      expect(requests.graphql).toBeLessThanOrEqual(8)
      expect(requests.rest).toBe(0)
      expect(results.size).toBe(new Set(github.map(ref => ref.key)).size)
      expect(
        [...results.values()].filter(r => !['ok', 'deep-ok', 'account-ok'].includes(r.kind))
      ).toEqual([])
      console.info(
        `real list: ${github.length} GitHub links, ${repos.size} repositories → ${requests.graphql} GraphQL requests (${fake.requests.map(r => r.aliases).join(' + ')} aliases)`
      )
    } finally {
      await fake.close()
    }
  })

  it('costs exactly one export-API request for all its arXiv links', async () => {
    const arxivRefs = refs.filter((ref): ref is ArxivRef => ref.kind === 'arxiv')
    expect(arxivRefs.length).toBeGreaterThan(30)
    const fake = await startFakeArxiv({everythingExists: true})
    try {
      const {results, requests} = await checkArxiv(arxivRefs, {
        baseUrl: fake.baseUrl,
        env: {},
        clock: fakeClock()
      })
      expect(requests.arxiv).toBe(1)
      expect(fake.requests).toHaveLength(1)
      expect([...results.values()].every(r => r.kind === 'ok')).toBe(true)
      console.info(
        `real list: ${arxivRefs.length} arXiv links, ${new Set(arxivRefs.map(r => r.id)).size} papers → ${requests.arxiv} export-API request`
      )
    } finally {
      await fake.close()
    }
  })

  it('checks GitHub, Hugging Face and arXiv together, classifying every link of those hosts it can', async () => {
    const token = 'test-token-real-list'
    const [github, hub, arxiv] = await Promise.all([
      startFakeGithub({token, everythingExists: true}),
      startFakeHub({token, everythingExists: true}),
      startFakeArxiv({everythingExists: true})
    ])
    try {
      const run = await checkRepos(urls, {
        github: {
          token,
          graphqlUrl: github.graphqlUrl,
          apiUrl: github.apiUrl,
          env: {},
          clock: fakeClock()
        },
        huggingFace: {token, endpoint: hub.endpoint, env: {}, clock: fakeClock()},
        arxiv: {baseUrl: arxiv.baseUrl, env: {}, clock: fakeClock()}
      })
      const failed = [...run.results.entries()].filter(
        ([, r]) => !['ok', 'deep-ok', 'account-ok'].includes(r.kind)
      )
      expect(failed).toEqual([])
      expect(run.requests.huggingface).toBe(
        new Set([...run.refs.values()].filter(r => r.kind === 'huggingface').map(r => r.key)).size
      )
      console.info(`real list: requests ${JSON.stringify(run.requests)}`)
    } finally {
      await Promise.all([github.close(), hub.close(), arxiv.close()])
    }
  })
})
