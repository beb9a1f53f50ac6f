import {uniqueFixes} from './run.js'
import type {ApiName, CheckResult, RepoSummary} from './result.js'
import {sortFindings} from './findings.js'

const byUrl = (a: {url: string}, b: {url: string}) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)

/**
 * One result from the results of disjoint shards (`check-links --shard k/n`).
 * Shards check disjoint sets of hosts against the same status file, so their
 * updates never overlap; merged, they are what one unsharded run would give.
 */
export function mergeResults(results: readonly CheckResult[]): CheckResult {
  const skipped = new Map(results.flatMap(r => r.links.skipped).map(link => [link.url, link]))
  const merged: CheckResult = {
    links: {
      results: results.flatMap(r => r.links.results).sort(byUrl),
      skipped: [...skipped.values()].sort(byUrl),
      requests: results.reduce((sum, r) => sum + r.links.requests, 0),
      slowedHosts: [...new Set(results.flatMap(r => r.links.slowedHosts))].sort(),
      startedAt: results.map(r => r.links.startedAt).sort()[0] ?? new Date(0).toISOString(),
      durationMs: Math.max(0, ...results.map(r => r.links.durationMs))
    },
    statusUpdates: {
      links: Object.assign({}, ...results.map(r => r.statusUpdates.links)),
      repos: Object.assign({}, ...results.map(r => r.statusUpdates.repos)),
      removeLinks: [...new Set(results.flatMap(r => r.statusUpdates.removeLinks))],
      removeRepos: [...new Set(results.flatMap(r => r.statusUpdates.removeRepos))]
    },
    fixes: uniqueFixes(results.flatMap(r => r.fixes)),
    refusedFixes: results.flatMap(r => r.refusedFixes),
    checkedAt: Object.assign({}, ...results.map(r => r.checkedAt))
  }
  const aborted = results.find(r => r.aborted !== undefined)?.aborted
  if (aborted !== undefined) merged.aborted = aborted
  const repos = results.flatMap(r => (r.repos === undefined ? [] : [r.repos]))
  if (repos.length > 0) merged.repos = mergeRepoSummaries(repos)
  return merged
}

function mergeRepoSummaries(summaries: readonly RepoSummary[]): RepoSummary {
  const requests = {graphql: 0, rest: 0, huggingface: 0, arxiv: 0}
  for (const summary of summaries)
    for (const name of Object.keys(requests) as Array<keyof typeof requests>)
      requests[name] += summary.requests[name]
  return {
    links: summaries.reduce((sum, s) => sum + s.links, 0),
    requests,
    notices: [...new Set(summaries.flatMap(s => s.notices))],
    findings: sortFindings(summaries.flatMap(s => s.findings)),
    apis: mergeApiCounts(summaries.map(s => s.apis))
  }
}

function mergeApiCounts(all: ReadonlyArray<RepoSummary['apis']>): RepoSummary['apis'] {
  const merged: RepoSummary['apis'] = {}
  for (const apis of all)
    for (const [name, count] of Object.entries(apis) as Array<
      [ApiName, {asked: number; failed: number}]
    >) {
      const sum = merged[name] ?? {asked: 0, failed: 0}
      merged[name] = {asked: sum.asked + count.asked, failed: sum.failed + count.failed}
    }
  return merged
}
