import {createServer, type Server} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {untrustedReason} from '../../src/check/guard.js'
import {runCheck} from '../../src/check/run.js'
import {loadList} from '../../src/entries/load.js'
import {createNetworkBreaker} from '../../src/links/breaker.js'
import {loadConfig} from '../../src/links/config.js'
import {emptyStatus} from '../../src/status/types.js'
import {fakeLookup} from '../helpers/lookup.js'
import {projectRoot} from '../support/cli.js'

// Issue 10, item 3: a run that cannot succeed (no network) stops in seconds, not minutes of retries.
let server: Server
let connections = 0
let port = 0
beforeAll(async () => {
  // Every API request is cut off without an answer, as when the network is down.
  server = createServer(socket => {
    connections++
    socket.destroy()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as {port: number}).port
})
afterAll(async () => {
  await new Promise(resolve => server.close(resolve))
})

describe('the network breaker', () => {
  it('opens after the first requests all fail without an answer, and never once one was answered', () => {
    const offline = createNetworkBreaker(3)
    for (let i = 0; i < 2; i++) offline.record('network-error')
    expect(offline.open).toBe(false)
    offline.record('network-error')
    expect(offline.open).toBe(true)
    expect(offline.reason).toMatch(/^the first 3 requests all failed/)

    const online = createNetworkBreaker(3)
    online.record('answered')
    for (let i = 0; i < 10; i++) online.record('network-error')
    expect(online.open).toBe(false)
  })

  it('a full run of the real list with every API and host unreachable stops early, marked untrusted', async () => {
    const {model} = await loadList(projectRoot)
    const config = {...(await loadConfig(projectRoot)), allowPrivateAddresses: true}
    const base = `http://127.0.0.1:${port}`
    const result = await runCheck(model!, emptyStatus(), {
      root: projectRoot,
      config,
      // Every other host is NXDOMAIN, as when DNS is gone.
      clientOptions: {lookup: fakeLookup([]), allowPrivateAddresses: true},
      repoOptions: {
        common: {env: {GITHUB_TOKEN: 'x'}},
        github: {graphqlUrl: `${base}/graphql`, apiUrl: base, token: 'x'},
        huggingFace: {endpoint: base},
        arxiv: {baseUrl: base}
      }
    })
    expect(result.aborted).toMatch(/^the first \d+ requests all failed without an answer/)
    expect(untrustedReason(result)).toMatch(/stopped early\. Nothing was written or marked\.$/)
    // Without the breaker the API clients alone made about 1,000 attempts (3 tries per request).
    expect(connections).toBeLessThan(60)
    expect(result.links.requests).toBeLessThan(60)
  }, 120_000)
})
