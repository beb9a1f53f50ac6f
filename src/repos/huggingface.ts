import pLimit from 'p-limit'
import {retrying} from '../links/retry.js'
import {isRecord} from '../util/record.js'
import {
  type ApiClientOptions,
  apiRetryDecision,
  apiRetryPolicy,
  defaultUserAgent,
  nonEmpty,
  parseJson,
  retryTiming,
  safeUrl,
  send
} from './http.js'
import {huggingFaceWaitMs, systemClock} from './rate-limit.js'
import {redact} from './redact.js'
import type {
  CheckOutcome,
  HuggingFaceFacts,
  HuggingFaceRef,
  HuggingFaceResult,
  LookupFailureReason,
  Notice,
  RequestCounts
} from './types.js'

/** `env` is read for `HF_TOKEN` and `HF_ENDPOINT`. */
export interface HuggingFaceCheckOptions extends ApiClientOptions {
  /** Hub token; default `HF_TOKEN` from `env`. Public repositories need none. */
  token?: string | undefined
  /** Hub base URL; default `HF_ENDPOINT`, else `https://huggingface.co`. */
  endpoint?: string
  /** Requests in flight at once; default 4. */
  concurrency?: number
  /** Longest single wait for the Hub's rate limit (or a `Retry-After`); default 5 minutes. */
  maxWaitMs?: number
}

const apiPath = {model: 'models', dataset: 'datasets', space: 'spaces'} as const
const maxRateWaits = 5

/** The Hub base URL the lookups go to: `endpoint`, else `HF_ENDPOINT` from `env`, else huggingface.co. */
export function hubEndpoint(options: HuggingFaceCheckOptions = {}): string {
  const env = options.env ?? process.env
  return (options.endpoint ?? nonEmpty(env['HF_ENDPOINT']) ?? 'https://huggingface.co').replace(
    /\/+$/,
    ''
  )
}

/**
 * Look up Hugging Face models, datasets and spaces through the Hub API
 * (`/api/models/{id}`, `/api/datasets/{id}`, `/api/spaces/{id}`): missing
 * (`RepoNotFound`), renamed (a redirect to another id), gated, disabled.
 * A 401 that is not `RepoNotFound` is a token problem, reported as a failed
 * lookup, never as a missing repository. Never throws.
 */
export async function checkHuggingFace(
  refs: readonly HuggingFaceRef[],
  options: HuggingFaceCheckOptions = {}
): Promise<CheckOutcome<HuggingFaceResult>> {
  const env = options.env ?? process.env
  const rawToken = 'token' in options ? options.token : env['HF_TOKEN']
  const token = rawToken === undefined || rawToken.trim() === '' ? undefined : rawToken.trim()
  const secrets = token === undefined ? [] : [token]
  const endpoint = hubEndpoint(options)
  const origin = new URL(endpoint).origin
  const clock = options.clock ?? systemClock
  const maxWaitMs = options.maxWaitMs ?? 5 * 60_000
  const policy = apiRetryPolicy(options.attempts ?? 3, maxWaitMs)
  const timing = retryTiming(clock, options.random, options.breaker)
  const notices: Notice[] = []
  const requests: RequestCounts = {graphql: 0, rest: 0, huggingface: 0, arxiv: 0}
  const notice = (code: Notice['code'], message: string) => {
    if (!notices.some(n => n.code === code)) notices.push({code, message: redact(message, secrets)})
  }
  const failed = (reason: LookupFailureReason, detail: string): HuggingFaceResult => ({
    kind: 'lookup-failed',
    reason,
    detail: redact(detail, secrets)
  })
  // While the Hub says the window is spent, every request waits for the same reset.
  let blockedUntil = 0

  const lookUp = async (ref: HuggingFaceRef): Promise<HuggingFaceResult> => {
    let url = `${endpoint}/api/${apiPath[ref.repoType]}/${ref.id.split('/').map(encodeURIComponent).join('/')}`
    let waits = 0
    for (let hops = 0; hops < 5; ) {
      const {result: answer, attempts} = await retrying(
        async () => {
          const pause = blockedUntil - clock.now()
          if (pause > 0) await clock.sleep(pause)
          return send(
            url,
            {
              method: 'GET',
              headers: {
                'user-agent': options.userAgent ?? defaultUserAgent,
                accept: 'application/json',
                ...(token === undefined ? {} : {authorization: `Bearer ${token}`})
              }
            },
            {
              secrets,
              ...(options.dispatcher ? {dispatcher: options.dispatcher} : {}),
              breaker: options.breaker,
              ...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs})
            }
          )
        },
        answer => apiRetryDecision(answer, clock.now()),
        policy,
        timing
      )
      requests.huggingface += attempts
      if (answer.type === 'error') return failed(answer.reason, answer.detail)
      const {status, headers} = answer
      const errorCode = headers['x-error-code']
      if (status === 200) {
        const facts = readFacts(parseJson(answer.body))
        if (facts === undefined)
          return failed('bad-response', `Unexpected answer from the Hub for ${ref.id}`)
        if (facts.id.toLowerCase() === ref.id.toLowerCase()) return {kind: 'ok', facts}
        return {kind: 'renamed', from: ref.id, to: facts.id, facts}
      }
      if (status >= 300 && status < 400) {
        const location = headers['location']
        const next = location === undefined ? undefined : safeUrl(location, url)
        // Never carry the token to another origin.
        if (next === undefined || next.origin !== origin)
          return failed('bad-response', `The Hub redirected ${status} to another origin`)
        url = next.href
        hops++
        continue
      }
      if (errorCode === 'RepoNotFound' && (status === 401 || status === 404))
        return {kind: 'missing', status}
      if (status === 404) return {kind: 'missing', status}
      if (status === 401) {
        if (token !== undefined)
          notice(
            'hf-token-refused',
            'The Hugging Face Hub refused HF_TOKEN (401): check that it is valid. Repositories were not looked up with it.'
          )
        return failed(
          token === undefined ? 'forbidden' : 'bad-credentials',
          `The Hub answered 401${errorCode === undefined ? '' : ` (${errorCode})`}`
        )
      }
      if (status === 429) {
        const wait = huggingFaceWaitMs(headers, clock.now()) ?? 60_000
        if (waits < maxRateWaits && wait <= maxWaitMs) {
          waits++
          notice(
            'hf-rate-limit-wait',
            `The Hugging Face Hub's rate limit was reached; waiting ${Math.ceil(wait / 1000)} s for it (and again whenever it recurs).`
          )
          blockedUntil = Math.max(blockedUntil, clock.now() + wait)
          continue
        }
        return failed('rate-limited', 'The Hub answered 429')
      }
      if (status >= 500) return failed('server-error', `The Hub answered ${status}`)
      if (status === 403)
        return failed(
          'forbidden',
          `The Hub answered 403${errorCode === undefined ? '' : ` (${errorCode})`}`
        )
      return failed('bad-response', `The Hub answered ${status}`)
    }
    return failed('bad-response', 'Too many redirects from the Hub')
  }

  const unique = new Map<string, HuggingFaceRef>()
  for (const ref of refs) if (!unique.has(ref.key)) unique.set(ref.key, ref)
  const limit = pLimit(Math.max(1, options.concurrency ?? 4))
  const results = new Map<string, HuggingFaceResult>()
  await Promise.all(
    [...unique.values()].map(ref => limit(async () => results.set(ref.key, await lookUp(ref))))
  )
  return {results, notices, requests}
}

function readFacts(value: unknown): HuggingFaceFacts | undefined {
  if (!isRecord(value) || typeof value['id'] !== 'string') return undefined
  const gated = value['gated']
  const cardData = isRecord(value['cardData']) ? value['cardData'] : undefined
  const license =
    typeof cardData?.['license'] === 'string' ? cardData['license'] : licenseTag(value['tags'])
  return {
    id: value['id'],
    gated: gated === 'auto' || gated === 'manual' ? gated : gated === true ? 'auto' : false,
    disabled: value['disabled'] === true,
    private: value['private'] === true,
    ...(typeof value['likes'] === 'number' ? {likes: value['likes']} : {}),
    ...(typeof value['downloads'] === 'number' ? {downloads: value['downloads']} : {}),
    ...(typeof value['lastModified'] === 'string' ? {lastModified: value['lastModified']} : {}),
    ...(license === undefined ? {} : {license})
  }
}

function licenseTag(tags: unknown): string | undefined {
  if (!Array.isArray(tags)) return undefined
  const tag = tags.find((t): t is string => typeof t === 'string' && t.startsWith('license:'))
  return tag?.slice('license:'.length)
}
