import type {UrlRename} from '../apply/rename-url.js'
import {createNetworkBreaker, type NetworkBreaker} from '../links/breaker.js'
import {type ClientOptions, createHttpClient, type HttpClient} from '../links/client.js'
import {hostPolicy, type LinkCheckConfig} from '../links/config.js'
import {extractLinks} from '../links/extract.js'
import {normalizeUrl} from '../links/normalize.js'
import type {ProgressCounts} from '../links/run.js'
import type {LinkCheckRun, LinkResult} from '../links/types.js'
import {allSections} from '../model/build.js'
import type {ListModel} from '../model/types.js'
import type {RepoCheckOptions} from '../repos/check.js'
import {hubEndpoint} from '../repos/huggingface.js'
import type {CheckedAt} from '../status/links.js'
import type {StatusFile} from '../status/types.js'
import {repoFindings} from './findings.js'
import {apiOf, createHandovers} from './handover.js'
import {vetFixes} from './fixes.js'
import {runLinkStep} from './links.js'
import {type RepoStep, runRepoStep} from './repos.js'
import type {CheckResult, RepoSummary} from './result.js'

export interface CheckOptions {
  /** Project root, for relative links. */
  root: string
  config: LinkCheckConfig
  /** Which URLs to check (see `buildScope`); default the whole list. */
  scope?: ((url: string) => boolean) | undefined
  /** `with` (default): API lookups and HTTP for the rest, at once; `only`: API lookups alone; `skip`: HTTP alone. */
  repos?: 'with' | 'only' | 'skip'
  /** Reuse recent ok results (default true; `--no-cache` turns it off). */
  useCache?: boolean
  /** The ok-cache: when each working URL was last fetched. */
  checkedAt?: CheckedAt
  /** The HTTP client's network edge (name resolution, trusted CAs), for tests. */
  clientOptions?: ClientOptions
  /** The API clients' options (endpoints, token, clock). */
  repoOptions?: RepoCheckOptions
  now?: () => Date
  /** Jitter source for back-off; default `Math.random`. */
  random?: () => number
  /** Called as each link gets its verdict (progress display). */
  onResult?: (result: LinkResult, progress: ProgressCounts) => void
  /** Called as an API answer settles a link that was counted for the HTTP check: it is done too. */
  onSettled?: (progress: ProgressCounts) => void
  /** Called for what the API clients want the maintainer to know (no token, rate limits). */
  onNotice?: (message: string) => void
}

/**
 * Check the list's links: the GitHub, Hugging Face and arXiv links through
 * their APIs, every other link over HTTP, against the history in `status`.
 * Writes nothing: the result says what to write (see `writeOutcome`).
 */
export async function runCheck(
  model: ListModel,
  status: StatusFile,
  options: CheckOptions
): Promise<CheckResult> {
  const {config, scope} = options
  const mode = options.repos ?? 'with'
  const now = options.now ?? (() => new Date())
  const sources = extractLinks(model)
  const selected = scope ?? (() => true)
  // One breaker for the API lookups and the HTTP checks: a run that cannot succeed stops in seconds.
  const breaker = createNetworkBreaker()

  // The API lookups and the HTTP checks run at once. A link an API may settle waits for its answer
  // (github.com throttles page fetches): settled, it is left out; left open, it is checked after all.
  const urls = [...new Set(sources.map(source => source.url))].filter(selected)
  const repoOptions = options.repoOptions ?? {}
  const handovers =
    mode === 'with'
      ? createHandovers(urls, {
          huggingface: [hostOf(hubEndpoint({...repoOptions.common, ...repoOptions.huggingFace}))]
        })
      : undefined
  const client = withBreaker(
    createHttpClient({
      connectionsFor: origin => hostPolicy(config, origin.hostname).connections,
      allowPrivateAddresses: config.allowPrivateAddresses,
      ...options.clientOptions
    }),
    breaker
  )
  const repoRun =
    mode === 'skip'
      ? undefined
      : runRepoStep(urls, status, {
          ...repoOptions,
          common: {...repoOptions.common, breaker},
          now: now(),
          ...(handovers ? {onSettled: handovers.answer} : {})
        }).then(
          step => {
            // Whatever no answer reached goes to the HTTP check; nothing waits past the lookups.
            handovers?.finish(step.settled)
            for (const notice of step.run.notices) options.onNotice?.(notice.message)
            return step
          },
          (error: unknown) => {
            handovers?.finish(new Set())
            throw error
          }
        )

  // One link run for every URL, waiting or not: one limiter per host for the whole run.
  const linkRun = runLinkStep({
    sources,
    anchors: allSections(model.sections).map(node => node.section.id),
    root: options.root,
    config,
    status,
    checkedAt: options.checkedAt ?? {},
    client,
    now,
    useCache: options.useCache ?? true,
    filter: url => mode !== 'only' && selected(url),
    ...(handovers ? {awaiting: (url: string) => handovers.awaiting(url)} : {}),
    stopped: () => breaker.open,
    ...(options.onResult ? {onResult: options.onResult} : {}),
    ...(options.onSettled ? {onSettled: options.onSettled} : {}),
    ...(options.random ? {random: options.random} : {})
  })
  // Both steps end before anything is thrown: no request outlives the run or its client.
  const [repoOutcome, linkOutcome] = await Promise.allSettled([repoRun, linkRun])
  await client.close()
  if (repoOutcome.status === 'rejected') throw repoOutcome.reason
  if (linkOutcome.status === 'rejected') throw linkOutcome.reason
  const repoStep = repoOutcome.value
  const linkStep = linkOutcome.value

  // A run over the whole list knows every URL it has: records of URLs that left the list go.
  // So do page verdicts of URLs the APIs settled: an older one would contradict them (README health).
  const whole = scope === undefined && mode === 'with'
  const settledLinks = new Set(
    [...(repoStep?.settled ?? [])].map(url => normalizeUrl(url)).filter(key => key !== undefined)
  )
  const removeLinks = Object.keys(status.links).filter(url =>
    whole ? !(url in linkStep.updates) : settledLinks.has(url)
  )
  const removeRepos =
    whole && repoStep !== undefined
      ? Object.keys(status.repos).filter(
          key => ![...repoStep.run.refs.values()].some(ref => ref.key === key)
        )
      : []
  const result: CheckResult = {
    links: linkStep.run,
    // Records in key order: answers arrive in an order that depends on timing, the report must not.
    statusUpdates: {
      links: byKey(linkStep.updates),
      repos: byKey(repoStep?.updates ?? {}),
      removeLinks,
      removeRepos
    },
    // What the network proposes is written only in a shape that cannot carry anything else.
    ...vetted(uniqueFixes([...(repoStep?.renames ?? []), ...redirectFixes(linkStep.run)])),
    checkedAt: byKey(linkStep.checked)
  }
  if (breaker.reason !== undefined) result.aborted = breaker.reason
  if (repoStep !== undefined)
    result.repos = {
      links: repoStep.run.refs.size,
      requests: repoStep.run.requests,
      notices: repoStep.run.notices.map(notice => notice.message),
      findings: repoFindings(repoStep, sources),
      apis: apiCounts(repoStep)
    }
  return result
}

/** `host[:port]` of a URL, as the per-host limits count hosts. */
function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

/** The same record with its keys in sorted order. */
function byKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The client, feeding the breaker and sending nothing more once it is open. */
function withBreaker(client: HttpClient, breaker: NetworkBreaker): HttpClient {
  return {
    async request(url, requestOptions) {
      if (breaker.open) return {type: 'error', cause: 'other', code: 'ENETDOWN'}
      const exchange = await client.request(url, requestOptions)
      if (exchange.type === 'response') breaker.record('answered')
      else if (exchange.cause !== 'private-address') breaker.record('network-error')
      return exchange
    },
    close: () => client.close()
  }
}

/** How many repositories each API was asked about, and for how many it gave no answer. */
function apiCounts(step: RepoStep): RepoSummary['apis'] {
  const counts: RepoSummary['apis'] = {}
  const seen = new Set<string>()
  for (const ref of step.run.refs.values()) {
    if (seen.has(ref.key)) continue
    seen.add(ref.key)
    const api = apiOf(ref)
    const count = counts[api] ?? {asked: 0, failed: 0}
    const failed = step.run.results.get(ref.key)?.kind === 'lookup-failed'
    counts[api] = {asked: count.asked + 1, failed: count.failed + (failed ? 1 : 0)}
  }
  return counts
}

/** Permanent redirects to write back: only an https upgrade or a move within the same site is the same resource. */
function redirectFixes(run: LinkCheckRun): UrlRename[] {
  const fixes: UrlRename[] = []
  for (const {url, verdict} of run.results) {
    if (verdict.kind !== 'redirected') continue
    try {
      const site = (host: string) => host.replace(/^www\./, '')
      if (site(new URL(url).hostname) === site(new URL(verdict.to).hostname))
        fixes.push({from: url, to: verdict.to})
    } catch {
      // Not a URL; nothing to write.
    }
  }
  return fixes
}

function vetted(fixes: UrlRename[]): Pick<CheckResult, 'fixes' | 'refusedFixes'> {
  const {safe, refused} = vetFixes(fixes)
  return {fixes: safe, refusedFixes: refused}
}

/** One fix per URL, the first given winning. */
export function uniqueFixes(fixes: readonly UrlRename[]): UrlRename[] {
  const byUrl = new Map<string, UrlRename>()
  for (const fix of fixes) if (!byUrl.has(fix.from)) byUrl.set(fix.from, fix)
  return [...byUrl.values()]
}
