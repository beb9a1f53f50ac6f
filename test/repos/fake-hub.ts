import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface FakeHubRepo {
  /** `models`, `datasets` or `spaces`. */
  type: 'models' | 'datasets' | 'spaces'
  id: string
  gated?: false | 'auto' | 'manual'
  disabled?: boolean
  likes?: number
  license?: string
}

export interface FakeHubOptions {
  repos?: FakeHubRepo[]
  /** Old `<type>/<id>` → new id (the Hub redirects renamed repositories). */
  moved?: Record<string, string>
  /** Every repository asked about exists. */
  everythingExists?: boolean
  /** The token the Hub accepts; any other token is refused with 401. */
  token?: string
  /** The first requests answered 429 with `RateLimit` headers (`t` seconds to reset). */
  rateLimited?: {count: number; resetSeconds: number}
  /** Paths (`/api/models/a/b`) answered 500. */
  failing?: string[]
  /** Each request (by path) waits for this before it is answered: an API that answers late, or only once something else happened. */
  hold?: (path: string) => Promise<void>
}

export interface FakeHub {
  endpoint: string
  requests: Array<{path: string; status: number; authorization: string | undefined}>
  close(): Promise<void>
}

/** Start a fake Hugging Face Hub API on 127.0.0.1 with the Hub's answers for missing, renamed, gated repositories. */
export async function startFakeHub(options: FakeHubOptions = {}): Promise<FakeHub> {
  const repos = new Map(
    (options.repos ?? []).map(repo => [`${repo.type}/${repo.id}`.toLowerCase(), repo])
  )
  const moved = new Map(
    Object.entries(options.moved ?? {}).map(([from, to]) => [from.toLowerCase(), to])
  )
  const requests: FakeHub['requests'] = []
  let limited = options.rateLimited?.count ?? 0
  const server = createServer(async (request, response) => {
    const path = decodeURI((request.url ?? '/').split('?')[0]!)
    await options.hold?.(path)
    const authorization = request.headers['authorization']
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({path, status, authorization})
      response
        .writeHead(status, {'content-type': 'application/json', ...headers})
        .end(JSON.stringify(body))
    }
    if (authorization !== undefined && authorization !== `Bearer ${options.token}`) {
      return send(
        401,
        {error: 'Invalid credentials in Authorization header'},
        {'x-error-message': 'Invalid credentials in Authorization header'}
      )
    }
    if (limited > 0) {
      limited--
      const reset = options.rateLimited!.resetSeconds
      return send(
        429,
        {error: 'You have exceeded our hourly quotas for action: api'},
        {ratelimit: `"api";r=0;t=${reset}`, 'ratelimit-policy': '"fixed window";"api";q=500;w=300'}
      )
    }
    if (options.failing?.includes(path)) return send(500, {error: 'Internal Error'})
    const match = /^\/api\/(models|datasets|spaces)\/(.+)$/.exec(path)
    if (!match) return send(404, {error: 'Not Found'})
    const key = `${match[1]}/${match[2]}`.toLowerCase()
    const target = moved.get(key)
    if (target !== undefined) {
      requests.push({path, status: 307, authorization})
      response
        .writeHead(307, {location: `/api/${match[1]}/${target}`, 'content-type': 'text/plain'})
        .end(`Temporary Redirect. Redirecting to /api/${match[1]}/${target}`)
      return
    }
    const repo =
      repos.get(key) ??
      (options.everythingExists
        ? {type: match[1] as FakeHubRepo['type'], id: match[2]!}
        : undefined)
    if (repo === undefined) {
      // Unauthenticated, the Hub cannot tell a private repository from a missing one.
      const status = authorization === undefined ? 401 : 404
      return send(
        status,
        {error: 'Repository Not Found'},
        {'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository Not Found'}
      )
    }
    send(200, {
      _id: '65f0',
      id: repo.id,
      private: false,
      gated: repo.gated ?? false,
      disabled: repo.disabled ?? false,
      likes: repo.likes ?? 10,
      downloads: 100,
      lastModified: '2024-03-01T00:00:00.000Z',
      tags: ['transformers', ...(repo.license ? [`license:${repo.license}`] : [])]
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
