import type {LinkCheckRun, LinkResult} from '../types.js'
import {summarize} from './summary.js'

/**
 * The run as JSON for machines: a summary and one record per URL with its
 * verdict fields, evidence, dead flag and sources. Keys in a fixed order.
 */
export function json(run: LinkCheckRun): string {
  return `${JSON.stringify(
    {
      version: 1,
      startedAt: run.startedAt,
      durationMs: run.durationMs,
      requests: run.requests,
      slowedHosts: run.slowedHosts,
      summary: summarize(run),
      links: run.results.map(record),
      skipped: run.skipped
    },
    undefined,
    2
  )}\n`
}

function record(result: LinkResult): Record<string, unknown> {
  const {kind, evidence, ...details} = result.verdict
  return {
    url: result.url,
    verdict: kind,
    ...details,
    dead: result.dead,
    consecutiveFailures: result.consecutiveFailures,
    ...(result.firstFailedAt === undefined ? {} : {firstFailedAt: result.firstFailedAt}),
    evidence,
    sources: result.sources
  }
}
