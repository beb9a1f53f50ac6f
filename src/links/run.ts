import {stat} from 'node:fs/promises'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import pLimit from 'p-limit'
import {mergeStatus} from '../status/file.js'
import {nextLinkStatus} from '../status/links.js'
import type {LinkStatus, StatusFile} from '../status/types.js'
import {createChecker} from './check.js'
import type {HttpClient} from './client.js'
import {collectLinks} from './collect.js'
import {exclusionFor, type LinkCheckConfig} from './config.js'
import type {LinkCheckRun, LinkResult, LinkSource, LinkTarget, SkippedLink} from './types.js'
import type {Verdict} from './verdict.js'

export interface RunOptions {
  sources: readonly LinkSource[]
  /** Anchor ids the READMEs have: every section id (headings carry `<a id="…">`). */
  anchors: Iterable<string>
  /** Project root, for relative links; without it they are skipped. */
  root?: string
  config: LinkCheckConfig
  /** The status file as read before the run: failure history and the cache of ok results. */
  status: StatusFile
  client: HttpClient
  /** Clock; default `() => new Date()`. */
  now?: () => Date
  /** Reuse ok results younger than `config.cacheAgeMs` (default true; `--no-cache` turns it off). */
  useCache?: boolean
  /**
   * Check only links it accepts (`--only`, `--shard`). Default: every link, and
   * URLs no longer in the list are dropped from the status file; with a filter, others keep their status.
   */
  filter?: (url: string) => boolean
  /** Called as each link gets its verdict, for progress display. */
  onResult?: (result: LinkResult, progress: {done: number; total: number}) => void
  /** Jitter source for back-off; default `Math.random`. */
  random?: () => number
}

/**
 * Check every link of the list once: http(s) URLs over the network (or from
 * the cache), `#anchors` against the section ids, relative links against the
 * files. Returns what was found and the status file updated with it (not written).
 */
export async function runLinkCheck(
  options: RunOptions
): Promise<{run: LinkCheckRun; status: StatusFile}> {
  const {config} = options
  const now = options.now ?? (() => new Date())
  const startedAt = now()
  const start = performance.now()
  const useCache = options.useCache ?? true
  const filter = options.filter ?? (() => true)
  const collected = collectLinks(options.sources)

  const skipped: SkippedLink[] = collected.unsupported.map(target => ({
    ...target,
    reason: 'not an http(s) link'
  }))
  const http: LinkTarget[] = []
  for (const target of collected.http) {
    if (!filter(target.url)) continue
    const exclusion = exclusionFor(config, target.url)
    if (exclusion) skipped.push({...target, reason: exclusion.reason})
    else http.push(target)
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
  const updates: Record<string, LinkStatus> = {}
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
  const httpResults = await Promise.all(
    interleaveByHost(http).map(target =>
      window(async (): Promise<LinkResult> => {
        const previous = options.status.links[target.url]
        const cached = useCache ? fromCache(previous, now(), config.cacheAgeMs) : undefined
        const verdict = cached ?? (await checker.check(target.url))
        const status = cached
          ? previous!
          : nextLinkStatus(previous, verdict, {now: now(), deadAfter: config.deadAfter})
        updates[target.url] = status
        const result: LinkResult = {
          url: target.url,
          sources: target.sources,
          verdict,
          dead: status.dead ?? false,
          consecutiveFailures: status.consecutiveFailures
        }
        if (status.firstFailedAt !== undefined && status.consecutiveFailures > 0)
          result.firstFailedAt = status.firstFailedAt
        return report(result)
      })
    )
  )
  httpResults.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))

  const checked = new Set(Object.keys(updates))
  const removeLinks =
    options.filter === undefined
      ? Object.keys(options.status.links).filter(url => !checked.has(url))
      : []
  const status = mergeStatus(options.status, {links: updates, removeLinks})
  return {
    run: {
      results: [...httpResults, ...anchorResults, ...localResults],
      skipped: skipped.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
      requests: checker.requests,
      slowedHosts: checker.slowedHosts,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - start)
    },
    status
  }
}

/**
 * A working verdict (ok, or a permanent redirect to a working page) younger
 * than the cache age, rebuilt from the status file. Failures and
 * unverifiable links are never cached.
 */
function fromCache(
  previous: LinkStatus | undefined,
  now: Date,
  cacheAgeMs: number
): Verdict | undefined {
  if (previous === undefined || cacheAgeMs <= 0) return undefined
  const age = now.getTime() - Date.parse(previous.checkedAt)
  if (!(age >= 0 && age < cacheAgeMs)) return undefined
  const evidence = {hops: [], attempts: 0, cached: true}
  if (
    previous.verdict === 'redirected' &&
    previous.finalUrl !== undefined &&
    previous.status !== undefined
  ) {
    return {
      kind: 'redirected',
      status: previous.status,
      to: previous.finalUrl,
      finalUrl: previous.finalUrl,
      evidence
    }
  }
  if (previous.verdict !== 'ok') return undefined
  const verdict: Verdict = {kind: 'ok', evidence}
  if (previous.status !== undefined) verdict.status = previous.status
  if (previous.finalUrl !== undefined) verdict.finalUrl = previous.finalUrl
  return verdict
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
