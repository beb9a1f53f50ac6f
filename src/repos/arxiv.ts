import {builtInHostLimits} from '../links/quirks.js'
import {parseRetryAfter, retrying} from '../links/retry.js'
import {
  type ApiClientOptions,
  apiRetryDecision,
  apiRetryPolicy,
  defaultUserAgent,
  nonEmpty,
  retryTiming,
  send
} from './http.js'
import {systemClock} from './rate-limit.js'
import type {
  ArxivRef,
  ArxivResult,
  CheckOutcome,
  LookupFailed,
  Notice,
  RequestCounts
} from './types.js'

export interface ArxivCheckOptions extends ApiClientOptions {
  /** Export API base; default `ARXIV_API_URL` from `env`, else `https://export.arxiv.org`. */
  baseUrl?: string
  /** Ids per request; default 200 (every paper of the list in one call). */
  batchSize?: number
  /** Pause between the starts of two requests; default arXiv's own rule, from `src/links/quirks.ts` (3 s). */
  intervalMs?: number
  /** Longest wait on a `Retry-After`; default 2 minutes. */
  maxWaitMs?: number
}

/** arXiv asks automated clients for one request every three seconds; the link checker's host table says so once for both. */
const arxivGapMs = builtInHostLimits['arxiv.org']?.minGapMs ?? 3000

/**
 * Look up arXiv papers through the export API, many ids per call
 * (`/api/query?id_list=a,b,c&max_results=N`) instead of one page request
 * each. A paper missing from the feed, or answered by an error entry, is
 * missing; a failed call leaves its papers `lookup-failed`. Never throws.
 */
export async function checkArxiv(
  refs: readonly ArxivRef[],
  options: ArxivCheckOptions = {}
): Promise<CheckOutcome<ArxivResult>> {
  const env = options.env ?? process.env
  const base = (
    options.baseUrl ??
    nonEmpty(env['ARXIV_API_URL']) ??
    'https://export.arxiv.org'
  ).replace(/\/+$/, '')
  const clock = options.clock ?? systemClock
  const intervalMs = options.intervalMs ?? arxivGapMs
  const policy = apiRetryPolicy(options.attempts ?? 3, options.maxWaitMs ?? 120_000)
  const timing = retryTiming(clock, options.random, options.breaker)
  const batchSize = Math.max(1, options.batchSize ?? 200)
  const notices: Notice[] = []
  const requests: RequestCounts = {graphql: 0, rest: 0, huggingface: 0, arxiv: 0}
  let lastRequestAt: number | undefined

  const ids = [...new Set(refs.map(ref => ref.id))]
  const byId = new Map<string, ArxivResult>()

  /** One export-API call; the entries found, the ids answered by error entries, or a failure. */
  const query = async (
    batch: readonly string[]
  ): Promise<
    {found: Map<string, {title?: string; version?: string}>; errored: Set<string>} | LookupFailed
  > => {
    const url = `${base}/api/query?id_list=${batch.map(encodeURIComponent).join(',')}&max_results=${batch.length}`
    const {result: answer, attempts} = await retrying(
      async () => {
        if (lastRequestAt !== undefined) {
          const pause = lastRequestAt + intervalMs - clock.now()
          if (pause > 0) await clock.sleep(pause)
        }
        lastRequestAt = clock.now()
        return send(
          url,
          {
            method: 'GET',
            headers: {
              'user-agent': options.userAgent ?? defaultUserAgent,
              accept: 'application/atom+xml'
            }
          },
          {
            secrets: [],
            ...(options.dispatcher ? {dispatcher: options.dispatcher} : {}),
            breaker: options.breaker,
            ...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs})
          }
        )
      },
      // arXiv says "slow down" with 503 or 429 and Retry-After: both are worth another try.
      answer =>
        answer.type === 'response' && answer.status === 429
          ? {retry: true, retryAfterMs: parseRetryAfter(answer.headers['retry-after'], clock.now())}
          : apiRetryDecision(answer, clock.now()),
      policy,
      timing,
      (answer, waitMs) => {
        if (answer.type === 'response' && !notices.some(n => n.code === 'arxiv-retry'))
          notices.push({
            code: 'arxiv-retry',
            message: `arXiv's export API answered ${answer.status}; trying again after ${Math.ceil(waitMs / 1000)} s.`
          })
      }
    )
    requests.arxiv += attempts
    if (answer.type === 'error')
      return {kind: 'lookup-failed', reason: answer.reason, detail: answer.detail}
    if (answer.status === 200) return readFeed(answer.body)
    return {
      kind: 'lookup-failed',
      reason:
        answer.status === 429 || answer.status === 503
          ? 'rate-limited'
          : answer.status >= 500
            ? 'server-error'
            : 'bad-response',
      detail: `arXiv's export API answered ${answer.status}`
    }
  }

  for (let start = 0; start < ids.length; start += batchSize) {
    let pending = ids.slice(start, start + batchSize)
    // An error entry can cut the feed short: the ids it did not reach are asked once more without the bad one.
    for (let round = 0; round < 2 && pending.length > 0; round++) {
      const answer = await query(pending)
      if ('kind' in answer) {
        for (const id of pending) byId.set(id, answer)
        break
      }
      for (const id of pending) {
        const entry = answer.found.get(id)
        if (entry !== undefined)
          byId.set(id, {
            kind: 'ok',
            id,
            ...(entry.title === undefined ? {} : {title: entry.title}),
            ...(entry.version === undefined ? {} : {latestVersion: entry.version})
          })
        else byId.set(id, {kind: 'missing'})
      }
      pending =
        answer.errored.size > 0 && round === 0
          ? pending.filter(id => !answer.found.has(id) && !answer.errored.has(id))
          : []
    }
  }

  const results = new Map<string, ArxivResult>()
  for (const ref of refs) results.set(ref.key, byId.get(ref.id) ?? {kind: 'missing'})
  return {results, notices, requests}
}

/**
 * The entries of an Atom feed from the export API: ids (without version)
 * of the papers found, and the ids named by error entries
 * (`<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.5</id>`).
 */
export function readFeed(xml: string): {
  found: Map<string, {title?: string; version?: string}>
  errored: Set<string>
} {
  const found = new Map<string, {title?: string; version?: string}>()
  const errored = new Set<string>()
  for (const match of xml.matchAll(/<entry\b[^>]*>([\s\S]*?)<\/entry>/g)) {
    const body = match[1]!
    const id = decodeEntities(/<id>\s*([^<]*?)\s*<\/id>/.exec(body)?.[1] ?? '')
    if (id === '') continue
    if (id.includes('/api/errors')) {
      const named = /_for_(.+)$/.exec(id)?.[1]
      if (named !== undefined) errored.add(named.replace(/v\d+$/, ''))
      continue
    }
    const paper = /arxiv\.org\/abs\/(.+?)(v\d+)?$/.exec(id)
    if (!paper) continue
    const title = /<title[^>]*>([\s\S]*?)<\/title>/.exec(body)?.[1]
    found.set(paper[1]!, {
      ...(title === undefined ? {} : {title: decodeEntities(title).replace(/\s+/g, ' ').trim()}),
      ...(paper[2] === undefined ? {} : {version: paper[2]})
    })
  }
  return {found, errored}
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, name: string) => ({lt: '<', gt: '>', quot: '"', apos: "'", amp: '&'})[name] ?? ''
  )
}
