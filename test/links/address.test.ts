import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {isPublicAddress} from '../../src/links/address.js'
import {createChecker} from '../../src/links/check.js'
import {createHttpClient, type HttpClient} from '../../src/links/client.js'
import {fakeLookup} from '../helpers/lookup.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {testConfig} from './setup.js'

// Issue 11: the checker never requests private, loopback or link-local addresses, entries
// and redirect targets alike, unless the config allows it.
let server: TestServer
beforeAll(async () => {
  server = await startServer({}, {fallback: respond.status(200)})
})
afterAll(async () => server.close())

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '[::1]',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    'fe80::1',
    'fd00::1',
    'fc00::1',
    'ff02::1',
    'not an address'
  ])('refuses %s', address => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each([
    '8.8.8.8',
    '140.82.112.3',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8'
  ])('allows %s', address => {
    expect(isPublicAddress(address)).toBe(true)
  })

  it('judges the dotted form the URL parser makes of decimal, octal and hex hosts', () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://017700000001/',
      'http://127.1/'
    ])
      expect(isPublicAddress(new URL(url).hostname)).toBe(false)
  })
})

describe('the client refuses private addresses', () => {
  const config = testConfig({timeoutMs: 1000, retries: 0})

  it('for literal addresses in every spelling, names that resolve to them, and redirects to them', async () => {
    const client = createHttpClient({lookup: fakeLookup({'intranet.test': '127.0.0.1'})})
    // A public site that redirects to the runner's own network, as a hostile listed site could.
    const redirecting: HttpClient = {
      request: (url, options) =>
        new URL(url).hostname === 'public.test'
          ? Promise.resolve({
              type: 'response',
              status: 301,
              location: `http://127.0.0.1:${server.port}/secret`
            })
          : client.request(url, options),
      close: () => client.close()
    }
    const checker = createChecker({config, client: redirecting})
    const port = server.port
    const urls = [
      `http://127.0.0.1:${port}/a`,
      `http://[::1]:${port}/b`,
      `http://[::ffff:127.0.0.1]:${port}/c`,
      `http://2130706433:${port}/d`,
      `http://0x7f.0.0.1:${port}/e`,
      'http://169.254.169.254/latest/meta-data/',
      `http://intranet.test:${port}/f`,
      'http://public.test/moved'
    ]
    for (const url of urls) {
      const verdict = await checker.check(url)
      expect(verdict, url).toMatchObject({kind: 'unreachable', cause: 'private-address'})
    }
    await client.close()
    expect(server.requests.length).toBe(0)
  })

  it('requests them when the config allows it', async () => {
    const client = createHttpClient({allowPrivateAddresses: true})
    const checker = createChecker({config, client})
    expect(await checker.check(`http://127.0.0.1:${server.port}/ok`)).toMatchObject({kind: 'ok'})
    await client.close()
  })
})
