import {createServer, type Server, type Socket} from 'node:net'
import type {AddressInfo} from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'
import {createChecker} from '../../src/links/check.js'
import {createHttpClient, type HttpClient, type RequestOptions} from '../../src/links/client.js'
import {fakeLookup} from '../helpers/lookup.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {testClient, testConfig} from './setup.js'

let server: TestServer | undefined
let raw: Server | undefined
let client: HttpClient | undefined

afterEach(async () => {
  await client?.close()
  await server?.close()
  await new Promise(resolve => (raw ? raw.close(resolve) : resolve(undefined)))
  server = undefined
  raw = undefined
  client = undefined
})

const head: RequestOptions = {method: 'HEAD', headers: {}, timeoutMs: 10_000, maxBodyBytes: 1024}

describe('connection reuse', () => {
  it('keeps the connection open after HEAD: 50 URLs on one host with 1 connection use 1 connection', async () => {
    server = await startServer({}, {fallback: respond.status(200)})
    const config = testConfig({timeoutMs: 10_000, hosts: {'a.test': {connections: 1}}})
    client = testClient(config)
    const checker = createChecker({config, client, random: () => 0.5})
    const urls = Array.from({length: 50}, (_, index) => `${server!.origin('a.test')}/p/${index}`)
    const verdicts = await Promise.all(urls.map(url => checker.check(url)))
    expect(verdicts.every(verdict => verdict.kind === 'ok')).toBe(true)
    expect(server.requests.filter(request => request.method === 'HEAD')).toHaveLength(50)
    // Before: undici closed the socket after each HEAD, so 50 requests made 50 connections.
    expect(server.connections).toBe(1)
  })

  it('mixes HEAD and GET (the 405 fallback) on the same connections', async () => {
    server = await startServer(
      {},
      {
        fallback: (request, response) =>
          response.writeHead(request.method === 'HEAD' ? 405 : 200).end('a small page')
      }
    )
    const config = testConfig({timeoutMs: 10_000, hosts: {'b.test': {connections: 2}}})
    client = testClient(config)
    const checker = createChecker({config, client, random: () => 0.5})
    const urls = Array.from({length: 30}, (_, index) => `${server!.origin('b.test')}/p/${index}`)
    const verdicts = await Promise.all(urls.map(url => checker.check(url)))
    expect(verdicts.every(verdict => verdict.kind === 'ok')).toBe(true)
    expect(server.requests.length).toBeGreaterThanOrEqual(31)
    expect(server.connections).toBeLessThanOrEqual(2)
  })

  it('a server that sends a body after HEAD gets the right status for every request', async () => {
    // The case undici guards against by closing after HEAD: the stray body arrives while the
    // next request is already on the connection, so it reads as the start of that response.
    const port = await startBodyAfterHeadServer()
    client = createHttpClient({
      lookup: fakeLookup(['rude.test']),
      connectionsFor: () => 1,
      allowPrivateAddresses: true
    })
    const statuses: number[] = []
    for (let index = 0; index < 12; index++) {
      const path = index % 3 === 0 ? '/missing' : '/ok'
      const exchange = await client.request(`http://rude.test:${port}${path}`, head)
      statuses.push(exchange.type === 'response' ? exchange.status : -1)
    }
    expect(statuses).toEqual(Array.from({length: 12}, (_, index) => (index % 3 === 0 ? 404 : 200)))
  })
})

/**
 * A raw HTTP/1.1 server that answers HEAD with headers, then writes the 5-byte body it
 * announced just before its next response on that connection.
 */
async function startBodyAfterHeadServer(): Promise<number> {
  raw = createServer((socket: Socket) => {
    let buffered = ''
    let strayBody = false
    socket.on('data', chunk => {
      buffered += chunk.toString('latin1')
      for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
        const [requestLine = ''] = buffered.slice(0, end).split('\r\n')
        buffered = buffered.slice(end + 4)
        const [method, path] = requestLine.split(' ')
        const status = path === '/ok' ? '200 OK' : '404 Not Found'
        let out = strayBody ? 'hello' : ''
        out += `HTTP/1.1 ${status}\r\ncontent-length: 5\r\nconnection: keep-alive\r\n\r\n`
        strayBody = method === 'HEAD'
        if (method !== 'HEAD') out += 'hello'
        socket.write(out)
      }
    })
    socket.on('error', () => {})
  })
  await new Promise<void>(resolve => raw!.listen(0, '127.0.0.1', resolve))
  return (raw.address() as AddressInfo).port
}
