import {stat} from 'node:fs/promises'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import pLimit from 'p-limit'
import {createChecker} from './check.js'
import type {HttpClient} from './client.js'
import {collectLinks} from './collect.js'
import {exclusionFor, type LinkCheckConfig} from './config.js'
import type {
  LinkCheckRun,
  LinkHistory,
  LinkResult,
  LinkSource,
  LinkTarget,
  SkippedLink
} from './types.js'
import type {Verdict} from './verdict.js'

export interface RunOptions {
  sources: readonly LinkSource[]
  /** Anchor ids the READMEs have: every section id (headings carry `<a id="…">`). */
  anchors: Iterable<string>
  /** Project root, for relative links; without it they are skipped. */
  root?: string
  config: LinkCheckConfig
  /** Earlier runs: the ok-cache and failure history (the check stage reads them from the status file). */
  history: LinkHistory
  client: HttpClient
  /** Clock; default `() => new Date()`. */
  now?: () => Date
  /** Whether to send nothing more (the network is down); links not yet checked then say so. */
  stopped?: () => boolean
  /** Check only links it accepts (`--only`, `--shard`, `--changed-since`); default every link. */
  filter?: (url: string) => boolean
  /**
   * URLs whose check waits for another check's answer first (in check/: the API lookups, which
   * settle most GitHub, Hugging Face and arXiv links). Such a URL holds no place in the run
   * while it waits, so the others go ahead; `'settled'` leaves it out (no result), `'check'`
   * checks it like any other. Default: nothing waits.
   */
  awaiting?: (url: string) => Promise<Handover> | undefined
  /** Called as each link gets its verdict, for progress display. */
  onResult?: (result: LinkResult, progress: ProgressCounts) => void
  /** Called as a waiting link is settled elsewhere: it counts as done, without a result here. */
  onSettled?: (progress: ProgressCounts) => void
  /** Jitter source for back-off; default `Math.random`. */
  random?: () => number
}

/** What a waiting URL's check is told: another check settled it, or it is to be checked here. */
export type Handover = 'settled' | 'check'

/** Links done so far, of those the run may check (waiting ones included until settled elsewhere). */
export interface ProgressCounts {
  done: number
  total: number
}

/**
 * Check every link of the list once: http(s) URLs over the network (or from
 * the cache), `#anchors` against the section ids, relative links against the
 * files. Each http verdict is handed to `history.judge`, which keeps the record.
 */
export async function runLinkCheck(options: RunOptions): Promise<LinkCheckRun> {
  const {config} = options
  const now = options.now ?? (() => new Date())
  const startedAt = now()
  const start = performance.now()
  const filter = options.filter ?? (() => true)
  const collected = collectLinks(options.sources)

  const skipped: SkippedLink[] = collected.unsupported.map(target => ({
    ...target,
    reason: 'not an http(s) link'
  }))
  const http: LinkTarget[] = []
  const waits = new Map<string, Promise<Handover>>()
  /** Excluded links still waiting: listed as skipped only if no other check settles them. */
  const excludedWaits: Array<Promise<void>> = []
  for (const target of collected.http) {
    if (!filter(target.url)) continue
    const wait = options.awaiting?.(target.url)
    const exclusion = exclusionFor(config, target.url)
    if (!exclusion) {
      if (wait !== undefined) waits.set(target.url, wait)
      http.push(target)
    } else if (wait === undefined) skipped.push({...target, reason: exclusion.reason})
    else
      excludedWaits.push(
        wait.then(answer => {
          if (answer === 'check') skipped.push({...target, reason: exclusion.reason})
        })
      )
  }
  const anchors = collected.anchors.filter(target => filter(target.url))
  const local =
    options.root === undefined ? [] : collected.local.filter(target => filter(target.url))
  if (options.root === undefined)
    skipped.push(
      ...collected.local.map(target => ({
        ...target,
        reason: 'relative link (no project root given)'
      }))
    )

  const total = http.length + anchors.length + local.length
  let done = 0
  const report = (result: LinkResult): LinkResult => {
    done++
    options.onResult?.(result, {done, total})
    return result
  }

  const checker = createChecker(
    options.random
      ? {config, client: options.client, random: options.random}
      : {config, client: options.client}
  )
  const offline = (target: LinkTarget, verdict: Verdict): LinkResult =>
    report({
      url: target.url,
      sources: target.sources,
      verdict,
      dead: verdict.kind === 'broken' && verdict.definitive,
      consecutiveFailures: verdict.kind === 'broken' ? 1 : 0
    })

  const anchorIds = new Set(options.anchors)
  const anchorResults = anchors.map(target =>
    offline(
      target,
      anchorIds.has(decodeURIComponent(target.url.slice(1)))
        ? {kind: 'ok', evidence: {hops: [], attempts: 0}}
        : {
            kind: 'broken',
            reason: 'missing-anchor',
            definitive: true,
            evidence: {hops: [], attempts: 0}
          }
    )
  )
  const localResults = await Promise.all(
    local.map(async target =>
      offline(
        target,
        (await fileExists(options.root!, target.url))
          ? {kind: 'ok', evidence: {hops: [], attempts: 0}}
          : {
              kind: 'broken',
              reason: 'missing-file',
              definitive: true,
              evidence: {hops: [], attempts: 0}
            }
      )
    )
  )

  // URLs start in an order that alternates between hosts, at most `window` at a time: every host
  // has work queued at once (so per-host limits, not the order of the list, set the pace), while
  // the memory held by waiting checks stays bounded however long the list is.
  const window = pLimit(Math.max(256, config.concurrency * 2))
  const checkTarget = (target: LinkTarget): Promise<LinkResult> =>
    window(async (): Promise<LinkResult> => {
      const verdict =
        options.history.cached(target.url) ??
        (options.stopped?.() ? notChecked : await checker.check(target.url))
      const result: LinkResult = {
        url: target.url,
        sources: target.sources,
        verdict,
        ...options.history.judge(target.url, verdict)
      }
      return report(result)
    })
  // One checker for every link, waiting or not: per-host limits hold over the whole run.
  const outcomes = await Promise.all(
    interleaveByHost(http).map(target => {
      const wait = waits.get(target.url)
      if (wait === undefined) return checkTarget(target)
      // A waiting link joins the window only once it is to be checked: until then it holds no place.
      return wait.then(answer => {
        if (answer === 'check') return checkTarget(target)
        done++
        options.onSettled?.({done, total})
        return undefined
      })
    })
  )
  await Promise.all(excludedWaits)
  // Sorted, so that reports do not depend on which answer came first.
  const httpResults = outcomes.filter(result => result !== undefined)
  httpResults.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))

  return {
    results: [...httpResults, ...anchorResults, ...localResults],
    skipped: skipped.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
    requests: checker.requests,
    slowedHosts: checker.slowedHosts,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - start)
  }
}

/** The verdict of a link the run did not get to check because it stopped early. */
const notChecked: Verdict = {
  kind: 'unreachable',
  cause: 'other',
  definitive: false,
  evidence: {hops: [], attempts: 0}
}

/** Targets reordered round-robin over their hosts: a1 b1 c1 a2 b2 c2 … */
function interleaveByHost(targets: readonly LinkTarget[]): LinkTarget[] {
  const byHost = new Map<string, LinkTarget[]>()
  for (const target of targets) {
    // Targets are normalised absolute URLs, so they parse.
    const host = new URL(target.url).host
    let list = byHost.get(host)
    if (!list) {
      list = []
      byHost.set(host, list)
    }
    list.push(target)
  }
  const queues = [...byHost.values()]
  const order: LinkTarget[] = []
  for (let index = 0; order.length < targets.length; index++) {
    for (const queue of queues) if (index < queue.length) order.push(queue[index]!)
  }
  return order
}

async function fileExists(root: string, link: string): Promise<boolean> {
  const pathPart = link.replace(/[?#].*$/, '')
  let decoded: string
  try {
    decoded = decodeURIComponent(pathPart)
  } catch {
    decoded = pathPart
  }
  const file = path.resolve(root, decoded)
  if (path.relative(root, file).startsWith('..')) return false
  return stat(file).then(
    () => true,
    () => false
  )
}
