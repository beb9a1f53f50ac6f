import pLimit from 'p-limit'
import {parseRetryAfter, type RetryPolicy, type RetryTiming, retrying} from '../links/retry.js'
import {isRecord} from '../util/record.js'
import {githubRepoKey} from './classify.js'
import {
  buildBatchQuery,
  type GithubUnit,
  type GraphqlRateLimit,
  readBatchAnswers,
  readErrors,
  readRateLimit,
  readRestFacts,
  tooCostlyTypes,
  type UnitAnswer
} from './github-query.js'
import {
  type ApiAnswer,
  type ApiClientOptions,
  type ApiRequest,
  apiRetryDecision,
  apiRetryPolicy,
  defaultUserAgent,
  nonEmpty,
  parseJson,
  retryTiming,
  safeUrl,
  send
} from './http.js'
import {githubRateHeaders, systemClock} from './rate-limit.js'
import {redact} from './redact.js'
import type {
  CheckOutcome,
  Clock,
  GithubDeepRef,
  GithubFacts,
  GithubRef,
  GithubRepoRef,
  GithubResult,
  LookupFailed,
  LookupFailureReason,
  Notice,
  RequestCounts
} from './types.js'

/** `env` is read for `GITHUB_TOKEN`, `GITHUB_GRAPHQL_URL` and `GITHUB_API_URL`. */
export interface GithubCheckOptions extends ApiClientOptions {
  /** API token; default `GITHUB_TOKEN` from `env`. Without one, GraphQL is skipped (it requires a token). */
  token?: string | undefined
  /** GraphQL endpoint; default `GITHUB_GRAPHQL_URL`, else `https://api.github.com/graphql`. */
  graphqlUrl?: string
  /** REST base; default `GITHUB_API_URL`, else `https://api.github.com`. */
  apiUrl?: string
  /** Repositories and accounts asked about in one GraphQL request; default 80. */
  batchSize?: number
  /** Longest single wait for a rate limit to reset (or a `Retry-After`) before giving up on the rest; default 5 minutes. */
  maxWaitMs?: number
  /** REST requests in flight at once; default 4. */
  restConcurrency?: number
}

/** Rate-limit waits allowed per request before it counts as failed. */
const maxRateWaits = 5

/**
 * Look up GitHub links through the API: repositories (deleted, archived,
 * disabled, renamed, transferred, stars, last push, license), paths inside
 * them (deep links, in the same GraphQL batches), and accounts.
 *
 * With a token, GraphQL in batches of `batchSize` aliases, halving a batch
 * GitHub refuses as too costly; REST `GET /repos/{owner}/{repo}` settles
 * what GraphQL leaves open, and confirms every `NOT_FOUND` before a
 * repository is called missing. Without a token (or with one GitHub
 * refuses), REST within the unauthenticated limit, then `unverified`
 * results for the plain link checker; a notice says so once. Never throws.
 */
export async function checkGithub(
  refs: readonly GithubRef[],
  options: GithubCheckOptions = {}
): Promise<CheckOutcome<GithubResult>> {
  const session = new GithubSession(options)
  const results = new Map<string, GithubResult>()
  const unique = new Map<string, GithubRef>()
  for (const ref of refs) if (!unique.has(ref.key)) unique.set(ref.key, ref)
  if (unique.size === 0) return {results, notices: session.notices, requests: session.requests}

  // One unit per repository (its deep links ride along) and per account.
  const groups = new Map<string, {unit: GithubUnit; refs: GithubRef[]}>()
  for (const ref of unique.values()) {
    const id = ref.kind === 'github-account' ? `@${ref.login.toLowerCase()}` : githubRepoKey(ref)
    let group = groups.get(id)
    if (!group) {
      group = {
        unit:
          ref.kind === 'github-account'
            ? {type: 'account', login: ref.login}
            : {type: 'repo', owner: ref.owner, name: ref.name, expressions: []},
        refs: []
      }
      groups.set(id, group)
    }
    group.refs.push(ref)
    if (ref.kind === 'github-deep' && group.unit.type === 'repo') {
      const expressions = new Set(group.unit.expressions)
      for (const expression of deepExpressions(ref)) expressions.add(expression)
      group.unit = {...group.unit, expressions: [...expressions]}
    }
  }
  const all = [...groups.values()]

  let answers: Array<UnitOutcome | undefined> = all.map(() => undefined)
  if (session.token !== undefined) {
    answers = await session.graphqlAll(all.map(group => group.unit))
  } else {
    session.notice(
      'no-github-token',
      'GITHUB_TOKEN is not set: GitHub links are looked up through the REST API within its unauthenticated limit (60 requests an hour), and the rest are checked as plain links. Set GITHUB_TOKEN to look them all up in a few requests.'
    )
  }

  // REST settles what GraphQL did not answer, confirms NOT_FOUND, and is the only route without a token.
  const limit = pLimit(session.restConcurrency)
  await Promise.all(
    all.map((group, index) =>
      limit(async () => {
        const answer = answers[index]
        if (
          answer !== undefined &&
          answer.type !== 'not-found' &&
          answer.type !== 'open' &&
          answer.type !== 'fallback'
        )
          return
        answers[index] = await session.rest(group.unit)
      })
    )
  )
  const unverified = answers.filter(answer => answer?.type === 'budget-spent').length
  if (unverified > 0) {
    session.notice(
      'github-rest-budget-spent',
      `GitHub's REST rate limit is spent: ${unverified} of ${all.length} repositories and accounts were not looked up through the API and are left to the plain link check.`
    )
  }

  all.forEach((group, index) => {
    const answer = answers[index]
    for (const ref of group.refs)
      results.set(ref.key, resultFor(ref, answer, session.token !== undefined))
  })
  return {results, notices: session.notices, requests: session.requests}
}

/** What one unit came to, through GraphQL and/or REST. */
type UnitOutcome =
  | UnitAnswer
  | {type: 'rest-repo'; facts: GithubFacts}
  | {type: 'blocked'; status: number}
  | {type: 'failed'; failure: LookupFailed}
  /** The token was refused: ask REST without it. */
  | {type: 'fallback'}
  /** Not asked: the REST budget is spent. */
  | {type: 'budget-spent'}

/** Where the ref of a deep link ends and its path begins is unknown (refs may hold `/`): try the first splits. */
export function deepCandidates(ref: GithubDeepRef): Array<{ref: string; path: string}> {
  const candidates: Array<{ref: string; path: string}> = []
  for (let k = 1; k <= Math.min(3, ref.segments.length); k++) {
    candidates.push({
      ref: ref.segments.slice(0, k).join('/'),
      path: ref.segments.slice(k).join('/')
    })
  }
  return candidates
}

function deepExpressions(ref: GithubDeepRef): string[] {
  const expressions: string[] = []
  for (const candidate of deepCandidates(ref)) {
    expressions.push(candidate.ref)
    if (candidate.path !== '')
      expressions.push(`${candidate.ref}:${candidate.path}`, `HEAD:${candidate.path}`)
  }
  return expressions
}

function resultFor(
  ref: GithubRef,
  answer: UnitOutcome | undefined,
  hadToken: boolean
): GithubResult {
  if (answer === undefined) return {kind: 'unverified', reason: 'no-token'}
  switch (answer.type) {
    case 'failed':
      return answer.failure
    case 'budget-spent':
      return {kind: 'unverified', reason: hadToken ? 'rate-limited' : 'no-token'}
    case 'fallback':
      return {kind: 'unverified', reason: 'no-token'}
    case 'open':
      return {kind: 'lookup-failed', reason: 'bad-response', detail: answer.detail}
    case 'blocked':
      return ref.kind === 'github-account'
        ? {kind: 'lookup-failed', reason: 'forbidden', detail: `HTTP ${answer.status}`}
        : {kind: 'blocked', status: answer.status}
    case 'not-found':
      return ref.kind === 'github-account' ? {kind: 'account-missing'} : {kind: 'missing'}
    case 'account':
      return {kind: 'account-ok', login: answer.login, accountType: answer.accountType}
    case 'repo':
    case 'rest-repo': {
      if (ref.kind === 'github-account')
        return {
          kind: 'lookup-failed',
          reason: 'bad-response',
          detail: 'Repository answer for an account'
        }
      const {facts} = answer
      if (ref.kind === 'github-repo') return repoResult(ref, facts)
      if (answer.type === 'rest-repo')
        return {kind: 'unverified', reason: hadToken ? 'path-not-checked' : 'no-token'}
      return deepResult(ref, facts, answer.objects)
    }
  }
}

function repoResult(ref: GithubRepoRef, facts: GithubFacts): GithubResult {
  const from = `${ref.owner}/${ref.name}`
  const moved = movedTo(ref, facts)
  if (moved === undefined) return {kind: 'ok', facts}
  return {kind: moved.transferred ? 'transferred' : 'renamed', from, to: facts.nameWithOwner, facts}
}

/** A `nameWithOwner` that differs from the link other than in case means the repository moved. */
function movedTo(
  ref: GithubRepoRef | GithubDeepRef,
  facts: GithubFacts
): {transferred: boolean} | undefined {
  const from = `${ref.owner}/${ref.name}`
  if (from.toLowerCase() === facts.nameWithOwner.toLowerCase()) return undefined
  const owner = facts.nameWithOwner.split('/')[0] ?? ''
  return {transferred: owner.toLowerCase() !== ref.owner.toLowerCase()}
}

function deepResult(
  ref: GithubDeepRef,
  facts: GithubFacts,
  objects: ReadonlyMap<string, boolean>
): GithubResult {
  const renamed = movedTo(ref, facts) === undefined ? {} : {renamedTo: facts.nameWithOwner}
  const candidates = deepCandidates(ref)
  for (const candidate of candidates) {
    if (objects.get(candidate.ref) !== true) continue
    const found =
      candidate.path === '' || objects.get(`${candidate.ref}:${candidate.path}`) === true
    return {
      kind: found ? 'deep-ok' : 'deep-path-missing',
      ref: candidate.ref,
      path: candidate.path,
      facts,
      ...renamed
    }
  }
  // The ref is gone (a deleted branch, a renamed default branch). Whether github.com redirects
  // the URL or answers 404 only the page can say; where the path is on the default branch, a
  // rename most likely leads there.
  const onDefault = candidates.find(candidate =>
    candidate.path === '' ? candidates.length === 1 : objects.get(`HEAD:${candidate.path}`) === true
  )
  const named = onDefault ?? candidates[0]!
  return {
    kind: 'deep-ref-missing',
    ref: named.ref,
    path: named.path,
    pathOnDefaultBranch: onDefault !== undefined,
    facts,
    ...renamed
  }
}

/** Per-run state: endpoints, token, budgets, counters and notices. */
class GithubSession {
  token: string | undefined
  readonly graphqlUrl: string
  readonly apiUrl: string
  readonly restConcurrency: number
  readonly notices: Notice[] = []
  readonly requests: RequestCounts = {graphql: 0, rest: 0, huggingface: 0, arxiv: 0}
  private readonly secrets: string[]
  private readonly clock: Clock
  private readonly batchSize: number
  private readonly maxWaitMs: number
  private readonly retryPolicy: RetryPolicy
  private readonly retryTiming: RetryTiming
  private readonly options: GithubCheckOptions
  private graphqlBudget: GraphqlRateLimit | undefined
  private restBudget: {remaining?: number; resetAt?: number} = {}
  private restInFlight = 0

  constructor(options: GithubCheckOptions) {
    const env = options.env ?? process.env
    const token = 'token' in options ? options.token : env['GITHUB_TOKEN']
    this.token = token === undefined || token.trim() === '' ? undefined : token.trim()
    this.secrets = this.token === undefined ? [] : [this.token]
    this.apiUrl = (
      options.apiUrl ??
      nonEmpty(env['GITHUB_API_URL']) ??
      'https://api.github.com'
    ).replace(/\/+$/, '')
    this.graphqlUrl =
      options.graphqlUrl ?? nonEmpty(env['GITHUB_GRAPHQL_URL']) ?? `${this.apiUrl}/graphql`
    this.clock = options.clock ?? systemClock
    this.batchSize = Math.max(1, options.batchSize ?? 80)
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000
    this.retryPolicy = apiRetryPolicy(options.attempts ?? 3, this.maxWaitMs)
    this.retryTiming = retryTiming(this.clock, options.random, options.breaker)
    this.restConcurrency = Math.max(1, options.restConcurrency ?? 4)
    this.options = options
  }

  notice(code: Notice['code'], message: string): void {
    if (!this.notices.some(notice => notice.code === code))
      this.notices.push({code, message: redact(message, this.secrets)})
  }

  private failed(
    reason: LookupFailureReason,
    detail: string
  ): {type: 'failed'; failure: LookupFailed} {
    return {
      type: 'failed',
      failure: {kind: 'lookup-failed', reason, detail: redact(detail, this.secrets)}
    }
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return {
      'user-agent': this.options.userAgent ?? defaultUserAgent,
      ...(this.token === undefined ? {} : {authorization: `bearer ${this.token}`}),
      ...extra
    }
  }

  /**
   * Send one request, tried again after network failures and 5xx (unless
   * `retryable` says otherwise), counting every try under `api`.
   */
  private async request(
    api: 'graphql' | 'rest',
    url: string,
    init: ApiRequest,
    retryable: (answer: ApiAnswer) => boolean = () => true
  ): Promise<ApiAnswer> {
    const {result, attempts} = await retrying(
      () =>
        send(url, init, {
          secrets: this.secrets,
          ...(this.options.dispatcher ? {dispatcher: this.options.dispatcher} : {}),
          breaker: this.options.breaker,
          ...(this.options.timeoutMs === undefined ? {} : {timeoutMs: this.options.timeoutMs})
        }),
      answer => (retryable(answer) ? apiRetryDecision(answer, this.clock.now()) : {retry: false}),
      this.retryPolicy,
      this.retryTiming
    )
    this.requests[api] += attempts
    return result
  }

  /** Wait `ms` for a rate limit if allowed; false when the wait would be too long. */
  private async waitForLimit(ms: number, what: string): Promise<boolean> {
    if (ms > this.maxWaitMs) return false
    this.notice(
      'github-rate-limit-wait',
      `GitHub's ${what} rate limit was reached; waiting ${Math.ceil(ms / 1000)} s for it (and again whenever it recurs).`
    )
    await this.clock.sleep(ms)
    return true
  }

  /** Ask about every unit through GraphQL, batch after batch (GitHub prefers serial requests). */
  async graphqlAll(units: readonly GithubUnit[]): Promise<UnitOutcome[]> {
    const outcomes: UnitOutcome[] = []
    for (let start = 0; start < units.length; start += this.batchSize) {
      const batch = units.slice(start, start + this.batchSize)
      if (this.token === undefined) {
        outcomes.push(...batch.map((): UnitOutcome => ({type: 'fallback'})))
        continue
      }
      outcomes.push(...(await this.graphqlBatch(batch)))
    }
    return outcomes
  }

  /** One batch; halved and asked again when GitHub finds it too costly. */
  private async graphqlBatch(units: readonly GithubUnit[]): Promise<UnitOutcome[]> {
    const answer = await this.postGraphql(units)
    if (answer.type === 'answers') return answer.answers
    if (answer.type === 'halve' && units.length > 1) {
      const middle = Math.ceil(units.length / 2)
      return [
        ...(await this.graphqlBatch(units.slice(0, middle))),
        ...(await this.graphqlBatch(units.slice(middle)))
      ]
    }
    if (answer.type === 'halve') return [this.failed('server-error', answer.detail)]
    if (answer.type === 'refused') return units.map((): UnitOutcome => ({type: 'fallback'}))
    return units.map((): UnitOutcome => answer.outcome)
  }

  private async postGraphql(
    units: readonly GithubUnit[]
  ): Promise<
    | {type: 'answers'; answers: UnitOutcome[]}
    | {type: 'halve'; detail: string}
    | {type: 'refused'}
    | {type: 'failed'; outcome: UnitOutcome}
  > {
    const {query, variables} = buildBatchQuery(units)
    const body = JSON.stringify({query, variables})
    let waits = 0
    for (;;) {
      // Respect the primary limit GitHub reported in the previous answer.
      const budget = this.graphqlBudget
      if (budget !== undefined && budget.remaining < Math.max(1, budget.cost)) {
        const waited = await this.waitForLimit(budget.resetAt - this.clock.now(), 'GraphQL')
        if (!waited)
          return {
            type: 'failed',
            outcome: this.failed(
              'rate-limited',
              `GitHub's GraphQL rate limit resets at ${new Date(budget.resetAt).toISOString()}, later than the longest wait allowed`
            )
          }
        this.graphqlBudget = undefined
      }
      if (this.token === undefined) return {type: 'refused'}
      const answer = await this.request(
        'graphql',
        this.graphqlUrl,
        {
          method: 'POST',
          headers: this.headers({'content-type': 'application/json', accept: 'application/json'}),
          body
        },
        // A gateway timeout on a batch is better answered by halving it than by asking again.
        answer =>
          !(
            answer.type === 'response' &&
            (answer.status === 502 || answer.status === 504) &&
            units.length > 1
          )
      )
      if (answer.type === 'error')
        return {type: 'failed', outcome: this.failed(answer.reason, answer.detail)}
      const {status, headers} = answer
      if (status === 401) {
        this.notice(
          'github-token-refused',
          'GitHub refused GITHUB_TOKEN (401): check that it is valid and not expired. Continuing without it.'
        )
        this.token = undefined
        return {type: 'refused'}
      }
      const json = parseJson(answer.body)
      const errors = isRecord(json) ? readErrors(json) : []
      const rateLimited = errors.some(error => error.type === 'RATE_LIMITED')
      if (status === 403 || status === 429 || rateLimited) {
        const wait = this.rateWait(headers)
        if (
          wait !== undefined &&
          waits < maxRateWaits &&
          (await this.waitForLimit(wait, rateLimited ? 'GraphQL' : 'secondary'))
        ) {
          waits++
          continue
        }
        return {
          type: 'failed',
          outcome: this.failed(
            wait === undefined && !rateLimited ? 'forbidden' : 'rate-limited',
            `GitHub GraphQL answered ${status}${rateLimited ? ' (RATE_LIMITED)' : ''}`
          )
        }
      }
      if ((status === 502 || status === 504) && units.length > 1)
        return {type: 'halve', detail: `GitHub GraphQL answered ${status}`}
      if (status >= 500) {
        if (units.length > 1) return {type: 'halve', detail: `GitHub GraphQL answered ${status}`}
        return {
          type: 'failed',
          outcome: this.failed('server-error', `GitHub GraphQL answered ${status}`)
        }
      }
      if (status !== 200 || !isRecord(json))
        return {
          type: 'failed',
          outcome: this.failed(
            'bad-response',
            `GitHub GraphQL answered ${status}${isRecord(json) ? '' : ' without JSON'}`
          )
        }
      const data = json['data']
      if (!isRecord(data)) {
        const types = errors.map(error => error.type ?? 'error').join(', ') || 'no data'
        if (
          units.length > 1 &&
          (errors.some(error => error.type !== undefined && tooCostlyTypes.has(error.type)) ||
            errors.every(error => error.path === undefined))
        ) {
          return {type: 'halve', detail: `GitHub GraphQL refused the query (${types})`}
        }
        return {
          type: 'failed',
          outcome: this.failed('bad-response', `GitHub GraphQL refused the query (${types})`)
        }
      }
      const rate = readRateLimit(data)
      if (rate !== undefined) this.graphqlBudget = rate
      return {type: 'answers', answers: readBatchAnswers(units, data, errors)}
    }
  }

  /** How long to wait on a rate-limit answer: `retry-after`, else until `x-ratelimit-reset` when none remain, else a minute. */
  private rateWait(headers: Readonly<Record<string, string>>): number | undefined {
    const now = this.clock.now()
    const retry = parseRetryAfter(headers['retry-after'], now)
    if (retry !== undefined) return retry
    const {remaining, resetAt} = githubRateHeaders(headers)
    if (remaining === 0 && resetAt !== undefined) return Math.max(0, resetAt - now) + 1000
    if (remaining === 0) return undefined
    // GitHub's advice for a secondary limit without headers: wait at least a minute.
    return 60_000
  }

  /** Settle one unit through REST: `GET /repos/{owner}/{repo}` or `GET /users/{login}`. */
  async rest(unit: GithubUnit): Promise<UnitOutcome> {
    let url =
      unit.type === 'account'
        ? `${this.apiUrl}/users/${encodeURIComponent(unit.login)}`
        : `${this.apiUrl}/repos/${encodeURIComponent(unit.owner)}/${encodeURIComponent(unit.name)}`
    const apiOrigin = new URL(this.apiUrl).origin
    let waits = 0
    for (let hops = 0; hops < 5; ) {
      const {remaining, resetAt} = this.restBudget
      if (remaining !== undefined && remaining - this.restInFlight <= 0) {
        // Without a token the window is an hour: not worth waiting for.
        const wait = resetAt === undefined ? undefined : resetAt - this.clock.now()
        if (
          this.token === undefined ||
          wait === undefined ||
          !(await this.waitForLimit(wait, 'REST'))
        )
          return {type: 'budget-spent'}
        this.restBudget = {}
      }
      this.restInFlight++
      const answer = await this.request('rest', url, {
        method: 'GET',
        headers: this.headers({
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28'
        })
      }).finally(() => {
        this.restInFlight--
      })
      if (answer.type === 'error') return this.failed(answer.reason, answer.detail)
      const {status, headers} = answer
      const rate = githubRateHeaders(headers)
      if (rate.remaining !== undefined) this.restBudget = rate
      const json = parseJson(answer.body)
      if (status === 200) {
        if (unit.type === 'account') {
          if (!isRecord(json) || typeof json['login'] !== 'string')
            return this.failed('bad-response', `Unexpected answer for ${unit.login}`)
          return {
            type: 'account',
            login: json['login'],
            accountType: json['type'] === 'User' ? 'User' : 'Organization'
          }
        }
        const facts = readRestFacts(json)
        return facts === undefined
          ? this.failed('bad-response', `Unexpected answer for ${unit.owner}/${unit.name}`)
          : {type: 'rest-repo', facts}
      }
      if (status === 301 || status === 302 || status === 307 || status === 308) {
        const location = headers['location']
        const next = location === undefined ? undefined : safeUrl(location, url)
        // Never carry the token to another origin.
        if (next === undefined || next.origin !== apiOrigin)
          return this.failed('bad-response', `GitHub REST redirected ${status} to another origin`)
        url = next.href
        hops++
        continue
      }
      if (status === 404 || status === 410) return {type: 'not-found'}
      if (status === 451) return {type: 'blocked', status}
      if (status === 401) {
        if (this.token === undefined)
          return this.failed('bad-credentials', 'GitHub REST answered 401')
        this.notice(
          'github-token-refused',
          'GitHub refused GITHUB_TOKEN (401): check that it is valid and not expired. Continuing without it.'
        )
        this.token = undefined
        continue
      }
      if (status === 403 || status === 429) {
        if (status === 403 && isRecord(json) && isRecord(json['block']))
          return {type: 'blocked', status}
        const wait = this.rateWait(headers)
        if (rate.remaining === 0 && this.token === undefined) return {type: 'budget-spent'}
        if (
          wait !== undefined &&
          waits < maxRateWaits &&
          (await this.waitForLimit(
            wait,
            status === 429 || rate.remaining !== 0 ? 'secondary' : 'REST'
          ))
        ) {
          waits++
          continue
        }
        return this.failed(
          wait === undefined ? 'forbidden' : 'rate-limited',
          `GitHub REST answered ${status}`
        )
      }
      if (status >= 500) return this.failed('server-error', `GitHub REST answered ${status}`)
      return this.failed('bad-response', `GitHub REST answered ${status}`)
    }
    return this.failed('bad-response', 'Too many redirects from GitHub REST')
  }
}
