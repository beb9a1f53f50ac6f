import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {buildSchema, type DocumentNode, graphql, GraphQLError, Kind, parse, visit} from 'graphql'

/** A repository the fake knows. */
export interface FakeRepo {
  nameWithOwner: string
  archived?: boolean
  disabled?: boolean
  stars?: number
  pushedAt?: string | null
  license?: string | null
  defaultBranch?: string
  /** Branch → files on it (their folders exist too). Default: `{main: ['README.md']}`. */
  branches?: Record<string, string[]>
  /** REST answers 451 (legal takedown); GraphQL answers null without an error. */
  blocked?: boolean
}

/** One answer the fake gives instead of the normal one, in order, for the first matching requests. */
export interface ScriptedAnswer {
  api: 'graphql' | 'rest'
  status: number
  headers?: Record<string, string>
  body?: unknown
}

export interface FakeGithubOptions {
  repos?: FakeRepo[]
  /** Old `owner/name` → current `owner/name` (renames and transfers; GitHub follows them). */
  moved?: Record<string, string>
  accounts?: Array<{login: string; type: 'User' | 'Organization'}>
  /** Every repository, path and account asked about exists (for counting requests over the real list). */
  everythingExists?: boolean
  /** The token GraphQL accepts; REST also answers without one (unauthenticated limit). */
  token?: string
  /** Queries with more repository fields than this get `MAX_NODE_LIMIT_EXCEEDED`. */
  maxRepositoriesPerQuery?: number
  /** Queries with more repository fields than this get a 502, as GitHub's front end does on slow queries. */
  badGatewayAbove?: number
  /** GraphQL points left, and when they reset (epoch ms). */
  graphqlRemaining?: number
  graphqlResetAt?: number
  /** REST requests left without a token (GitHub: 60 an hour). */
  restUnauthenticatedRemaining?: number
  /** The fake's idea of now (share the client's fake clock); at `graphqlResetAt` the GraphQL budget refills. */
  now?: () => number
  script?: ScriptedAnswer[]
  /** Each request (by path) waits for this before it is answered: an API that answers late, or only once something else happened. */
  hold?: (path: string) => Promise<void>
}

export interface SeenGithubRequest {
  api: 'graphql' | 'rest'
  path: string
  authorization: string | undefined
  /** Repository and account fields in a GraphQL query. */
  aliases: number
  status: number
}

export interface FakeGithub {
  graphqlUrl: string
  apiUrl: string
  requests: SeenGithubRequest[]
  count(api: 'graphql' | 'rest'): number
  close(): Promise<void>
}

const schema = buildSchema(`
  scalar DateTime
  scalar URI
  type Query {
    repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
    repositoryOwner(login: String!): RepositoryOwner
    rateLimit(dryRun: Boolean = false): RateLimit
  }
  type RateLimit { cost: Int! limit: Int! nodeCount: Int! remaining: Int! resetAt: DateTime! used: Int! }
  type Repository {
    name: String!
    nameWithOwner: String!
    isArchived: Boolean!
    isDisabled: Boolean!
    stargazerCount: Int!
    pushedAt: DateTime
    licenseInfo: License
    defaultBranchRef: Ref
    object(expression: String, oid: String): GitObject
    url: URI!
  }
  type License { spdxId: String key: String! name: String! }
  type Ref { name: String! prefix: String! }
  interface GitObject { abbreviatedOid: String! }
  type Blob implements GitObject { abbreviatedOid: String! byteSize: Int! }
  type Tree implements GitObject { abbreviatedOid: String! }
  type Commit implements GitObject { abbreviatedOid: String! }
  interface RepositoryOwner { login: String! url: URI! }
  type User implements RepositoryOwner { login: String! url: URI! }
  type Organization implements RepositoryOwner { login: String! url: URI! }
`)

/** GitHub's REST shape of a repository. */
function restRepo(repo: FakeRepo, id: number): Record<string, unknown> {
  return {
    id,
    full_name: repo.nameWithOwner,
    archived: repo.archived ?? false,
    disabled: repo.disabled ?? false,
    stargazers_count: repo.stars ?? 0,
    pushed_at: repo.pushedAt ?? null,
    license: repo.license ? {spdx_id: repo.license} : null,
    default_branch: repo.defaultBranch ?? 'main'
  }
}

function objectAt(
  repo: FakeRepo,
  expression: string,
  everything: boolean
): {__typename: string; abbreviatedOid: string; byteSize: number} | null {
  const make = (type: string) => ({__typename: type, abbreviatedOid: 'abc1234', byteSize: 1})
  if (everything) return make(expression.includes(':') ? 'Tree' : 'Commit')
  const branches = repo.branches ?? {main: ['README.md']}
  const colon = expression.indexOf(':')
  const rev = colon === -1 ? expression : expression.slice(0, colon)
  const branch = rev === 'HEAD' ? (repo.defaultBranch ?? 'main') : rev
  const files = branches[branch]
  if (files === undefined) return null
  if (colon === -1) return make('Commit')
  const path = expression.slice(colon + 1).replace(/\/+$/, '')
  if (path === '') return make('Tree')
  if (files.includes(path)) return make('Blob')
  return files.some(file => file.startsWith(`${path}/`)) ? make('Tree') : null
}

/** Start a fake GitHub API on 127.0.0.1: GraphQL executed against a schema, REST with 301/404/451 and rate-limit headers. */
export async function startFakeGithub(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  const repos = options.repos ?? []
  const byName = new Map(
    repos.map((repo, index) => [repo.nameWithOwner.toLowerCase(), {repo, id: 1000 + index}])
  )
  const moved = new Map(
    Object.entries(options.moved ?? {}).map(([from, to]) => [from.toLowerCase(), to.toLowerCase()])
  )
  const accounts = new Map(
    (options.accounts ?? []).map(account => [account.login.toLowerCase(), account])
  )
  const everything = options.everythingExists ?? false
  const script = [...(options.script ?? [])]
  const requests: SeenGithubRequest[] = []
  let graphqlRemaining = options.graphqlRemaining ?? 5000
  let graphqlResetAt = options.graphqlResetAt ?? Date.now() + 3_600_000
  const now = options.now ?? (() => Date.now())
  let restRemaining = options.restUnauthenticatedRemaining ?? 60
  const restResetSeconds = Math.floor((Date.now() + 3_600_000) / 1000)

  const find = (owner: string, name: string): FakeRepo | undefined => {
    const key = `${owner}/${name}`.toLowerCase()
    const direct = byName.get(key) ?? byName.get(moved.get(key) ?? '')
    if (direct) return direct.repo
    if (everything)
      return {
        nameWithOwner: `${owner}/${name}`,
        stars: 1234,
        pushedAt: '2025-01-01T00:00:00Z',
        license: 'MIT'
      }
    return undefined
  }

  const rootValue = {
    repository: ({owner, name}: {owner: string; name: string}) => {
      const repo = find(owner, name)
      if (repo === undefined)
        throw new GraphQLError(
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
          {extensions: {type: 'NOT_FOUND'}}
        )
      if (repo.blocked) return null
      return {
        name: repo.nameWithOwner.split('/')[1],
        nameWithOwner: repo.nameWithOwner,
        isArchived: repo.archived ?? false,
        isDisabled: repo.disabled ?? false,
        stargazerCount: repo.stars ?? 0,
        pushedAt: repo.pushedAt ?? null,
        licenseInfo: repo.license
          ? {spdxId: repo.license, key: repo.license.toLowerCase(), name: repo.license}
          : null,
        defaultBranchRef: {name: repo.defaultBranch ?? 'main', prefix: 'refs/heads/'},
        object: ({expression}: {expression: string}) => objectAt(repo, expression, everything),
        url: `https://github.com/${repo.nameWithOwner}`
      }
    },
    repositoryOwner: ({login}: {login: string}) => {
      const account =
        accounts.get(login.toLowerCase()) ??
        (everything ? {login, type: 'Organization' as const} : undefined)
      // GitHub answers an unknown login with null and no error.
      return account === undefined
        ? null
        : {
            __typename: account.type,
            login: account.login,
            url: `https://github.com/${account.login}`
          }
    },
    rateLimit: () => ({
      cost: 1,
      limit: 5000,
      nodeCount: 1,
      remaining: graphqlRemaining,
      resetAt: new Date(graphqlResetAt).toISOString(),
      used: 5000 - graphqlRemaining
    })
  }

  const answer = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ) => {
    response.writeHead(status, {'content-type': 'application/json; charset=utf-8', ...headers})
    response.end(typeof body === 'string' ? body : JSON.stringify(body))
  }

  const handleGraphql = async (
    request: IncomingMessage,
    response: ServerResponse,
    raw: string
  ): Promise<number> => {
    const authorization = request.headers['authorization']
    if (authorization === undefined) {
      answer(response, 401, {
        message: 'This endpoint requires you to be authenticated.',
        documentation_url:
          'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql'
      })
      return 401
    }
    if (options.token !== undefined && authorization !== `bearer ${options.token}`) {
      answer(response, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/graphql'
      })
      return 401
    }
    const {query, variables} = JSON.parse(raw) as {
      query: string
      variables: Record<string, unknown>
    }
    const aliases = countAliases(parse(query))
    requests.at(-1)!.aliases = aliases
    if (options.badGatewayAbove !== undefined && aliases > options.badGatewayAbove) {
      response
        .writeHead(502, {'content-type': 'text/html'})
        .end('<html><body><h1>502 Bad Gateway</h1></body></html>')
      return 502
    }
    if (
      options.maxRepositoriesPerQuery !== undefined &&
      aliases > options.maxRepositoriesPerQuery
    ) {
      answer(response, 200, {
        errors: [
          {
            type: 'MAX_NODE_LIMIT_EXCEEDED',
            message: `This query requests ${aliases} repositories, more than the ${options.maxRepositoriesPerQuery} allowed.`
          }
        ]
      })
      return 200
    }
    if (now() >= graphqlResetAt) {
      graphqlRemaining = 5000
      graphqlResetAt = now() + 3_600_000
    }
    const resetHeader = String(Math.floor(graphqlResetAt / 1000))
    if (graphqlRemaining <= 0) {
      answer(
        response,
        200,
        {errors: [{type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.'}]},
        {'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetHeader}
      )
      return 200
    }
    graphqlRemaining--
    const result = await graphql({schema, source: query, rootValue, variableValues: variables})
    // GitHub puts `type` beside the message, not under `extensions`.
    const errors = result.errors?.map(error => ({
      ...(typeof error.extensions['type'] === 'string' ? {type: error.extensions['type']} : {}),
      ...(error.path ? {path: error.path} : {}),
      ...(error.locations ? {locations: error.locations} : {}),
      message: error.message
    }))
    answer(
      response,
      200,
      {...(result.data === undefined ? {} : {data: result.data}), ...(errors ? {errors} : {})},
      {
        'x-ratelimit-remaining': String(graphqlRemaining),
        'x-ratelimit-reset': resetHeader,
        'x-ratelimit-resource': 'graphql'
      }
    )
    return 200
  }

  const handleRest = (
    request: IncomingMessage,
    response: ServerResponse,
    origin: string
  ): number => {
    const authenticated = request.headers['authorization'] !== undefined
    if (
      authenticated &&
      options.token !== undefined &&
      request.headers['authorization'] !== `bearer ${options.token}`
    ) {
      answer(response, 401, {message: 'Bad credentials'})
      return 401
    }
    const rateHeaders = (): Record<string, string> =>
      authenticated
        ? {'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(restResetSeconds)}
        : {
            'x-ratelimit-remaining': String(restRemaining),
            'x-ratelimit-reset': String(restResetSeconds)
          }
    if (!authenticated) {
      if (restRemaining <= 0) {
        answer(
          response,
          403,
          {
            message:
              "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)"
          },
          rateHeaders()
        )
        return 403
      }
      restRemaining--
    }
    const path = decodeURI((request.url ?? '/').split('?')[0]!)
    const users = /^\/users\/([^/]+)$/.exec(path)
    if (users) {
      const account =
        accounts.get(users[1]!.toLowerCase()) ??
        (everything ? {login: users[1]!, type: 'Organization' as const} : undefined)
      if (account === undefined) answer(response, 404, {message: 'Not Found'}, rateHeaders())
      else answer(response, 200, {login: account.login, type: account.type}, rateHeaders())
      return account === undefined ? 404 : 200
    }
    const byId = /^\/repositories\/(\d+)$/.exec(path)
    if (byId) {
      const found = [...byName.values()].find(entry => entry.id === Number(byId[1]))
      if (!found) {
        answer(response, 404, {message: 'Not Found'}, rateHeaders())
        return 404
      }
      answer(response, 200, restRepo(found.repo, found.id), rateHeaders())
      return 200
    }
    const repoPath = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path)
    if (repoPath) {
      const key = `${repoPath[1]}/${repoPath[2]}`.toLowerCase()
      const target = moved.get(key)
      if (target !== undefined && byName.has(target)) {
        const {id} = byName.get(target)!
        answer(
          response,
          301,
          {message: 'Moved Permanently', url: `${origin}/repositories/${id}`},
          {...rateHeaders(), location: `${origin}/repositories/${id}`}
        )
        return 301
      }
      const found = byName.get(key)
      if (found?.repo.blocked) {
        answer(
          response,
          451,
          {message: 'Repository access blocked', block: {reason: 'dmca'}},
          rateHeaders()
        )
        return 451
      }
      const repo = found?.repo ?? (everything ? find(repoPath[1]!, repoPath[2]!) : undefined)
      if (repo === undefined) {
        answer(
          response,
          404,
          {
            message: 'Not Found',
            documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository'
          },
          rateHeaders()
        )
        return 404
      }
      answer(response, 200, restRepo(repo, found?.id ?? 1), rateHeaders())
      return 200
    }
    answer(response, 404, {message: 'Not Found'}, rateHeaders())
    return 404
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const path = (request.url ?? '/').split('?')[0]!
      await options.hold?.(path)
      const api = path === '/graphql' ? 'graphql' : 'rest'
      const seen: SeenGithubRequest = {
        api,
        path,
        authorization: request.headers['authorization'],
        aliases: 0,
        status: 0
      }
      requests.push(seen)
      const scripted = script.findIndex(entry => entry.api === api)
      if (scripted !== -1) {
        const [entry] = script.splice(scripted, 1)
        seen.status = entry!.status
        answer(response, entry!.status, entry!.body ?? {message: 'scripted'}, entry!.headers)
        return
      }
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      if (api === 'graphql') {
        handleGraphql(request, response, Buffer.concat(chunks).toString('utf8')).then(
          status => (seen.status = status),
          (error: unknown) => answer(response, 500, {message: String(error)})
        )
      } else {
        seen.status = handleRest(request, response, origin)
      }
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    apiUrl: `http://127.0.0.1:${port}`,
    requests,
    count: api => requests.filter(request => request.api === api).length,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Repository and account fields of a query: what GitHub's cost follows. */
function countAliases(document: DocumentNode): number {
  let count = 0
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === 'repository' || node.name.value === 'repositoryOwner') count++
    }
  })
  return count
}

/** A clock whose sleeps return at once and move time on: waits are recorded, not spent. */
export function fakeClock(start = Date.parse('2025-06-01T00:00:00Z')): {
  now(): number
  sleep(ms: number): Promise<void>
  slept: number[]
} {
  let now = start
  const slept: number[] = []
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms)
      now += Math.max(0, ms)
    },
    slept
  }
}
