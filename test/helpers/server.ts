import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import {createServer as createHttpsServer} from 'node:https'
import type {AddressInfo, Socket} from 'node:net'
import type {TlsIdentity} from './tls.js'

/** A request as the test server saw it. */
export interface SeenRequest {
  method: string
  path: string
  userAgent: string
  /** Milliseconds since the server started. */
  at: number
}

/** Decides the response; `hit` counts requests to this path so far, this one included. */
export type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => void

export interface TestServer {
  port: number
  /** `http://127.0.0.1:<port>` (or https), or with `host` instead of the address. */
  origin(host?: string): string
  requests: SeenRequest[]
  /** Requests to one path so far. */
  hits(path: string): number
  /** Most requests being answered at the same time. */
  readonly maxConcurrent: number
  /** Most TCP connections open at the same time. */
  readonly maxSockets: number
  /** TCP connections accepted so far. */
  readonly connections: number
  close(): Promise<void>
}

/**
 * Start an HTTP (or, with `tls`, HTTPS) server on 127.0.0.1 on a free port.
 * `routes` maps a path (without query) to its handler; `fallback` answers the rest (default 404).
 */
export async function startServer(
  routes: Record<string, Handler>,
  options: {tls?: TlsIdentity; fallback?: Handler} = {}
): Promise<TestServer> {
  const started = Date.now()
  const requests: SeenRequest[] = []
  const counts = new Map<string, number>()
  const sockets = new Set<Socket>()
  let concurrent = 0
  let maxConcurrent = 0
  let maxSockets = 0
  let connections = 0
  const fallback: Handler =
    options.fallback ?? ((_, response) => response.writeHead(404).end('not found'))

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const path = (request.url ?? '/').split('?')[0]!
    const hit = (counts.get(path) ?? 0) + 1
    counts.set(path, hit)
    requests.push({
      method: request.method ?? 'GET',
      path,
      userAgent: request.headers['user-agent'] ?? '',
      at: Date.now() - started
    })
    concurrent++
    maxConcurrent = Math.max(maxConcurrent, concurrent)
    let counted = true
    const done = () => {
      if (!counted) return
      counted = false
      concurrent--
    }
    response.on('finish', done)
    response.on('close', done)
    const handler = routes[path] ?? fallback
    handler(request, response, hit)
  }
  const server: Server = options.tls
    ? createHttpsServer({key: options.tls.key, cert: options.tls.cert}, listener)
    : createHttpServer(listener)
  server.keepAliveTimeout = 30_000
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket)
    connections++
    maxSockets = Math.max(maxSockets, sockets.size)
    socket.on('close', () => sockets.delete(socket))
  })
  if (options.tls) {
    // Failed handshakes (the untrusted-certificate case) are expected.
    server.on('tlsClientError', () => {})
  }
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  const scheme = options.tls ? 'https' : 'http'
  return {
    port,
    origin: (host = '127.0.0.1') => `${scheme}://${host}:${port}`,
    requests,
    hits: path => counts.get(path) ?? 0,
    get maxConcurrent() {
      return maxConcurrent
    },
    get maxSockets() {
      return maxSockets
    },
    get connections() {
      return connections
    },
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
  }
}

/** A port nothing listens on (bound, then released). */
export async function refusedPort(): Promise<number> {
  const server = createHttpServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/** Common handlers. */
export const respond = {
  status:
    (status: number, headers: Record<string, string> = {}): Handler =>
    (_, response) =>
      response.writeHead(status, headers).end(status === 204 ? undefined : `status ${status}`),
  redirect:
    (status: number, location: string): Handler =>
    (_, response) =>
      response.writeHead(status, {location}).end(),
  delayed:
    (ms: number, status = 200): Handler =>
    (_, response) => {
      const timer = setTimeout(() => response.writeHead(status).end('late'), ms)
      response.on('close', () => clearTimeout(timer))
    }
}
