import {isFailure} from '../links/verdict.js'
import type {CheckResult} from './result.js'

/** More than this share of at least this many links failing at once is not believed. */
const implausible = {share: 0.5, minimum: 20}

/**
 * Why a run cannot be trusted, or undefined when it can. A lost network or
 * API looks like links failing, and such a run must mark nothing, at any
 * scope: one link or the whole list, HTTP checks or API lookups alone.
 * - Not one host answered an HTTP request that was sent (DNS, connections
 *   and TLS all failed): the runner is offline, whatever the number of links.
 * - More than half of many links failed at once: no real list loses that much in a week.
 * - An API answered none of the lookups it was asked (GitHub, Hugging Face, arXiv down).
 */
export function untrustedReason(
  result: CheckResult,
  options: {shard?: boolean} = {}
): string | undefined {
  if (result.aborted !== undefined) return `${result.aborted}. Nothing was written or marked.`
  // Links the checker refused to request (private addresses) say nothing about the network.
  const sent = result.links.results.filter(
    ({verdict}) =>
      verdict.evidence.attempts > 0 &&
      !(verdict.kind === 'unreachable' && verdict.cause === 'private-address')
  )
  const answered = sent.filter(link =>
    link.verdict.evidence.hops.some(hop => hop.status !== undefined)
  )
  // A shard holds a few hosts, which may all be gone; merge-reports judges the whole run.
  if (!options.shard && sent.length > 0 && answered.length === 0)
    return `no host answered any of the ${sent.length} link${sent.length === 1 ? '' : 's'} checked (${causes(sent)}); the network is probably down, and a dead link cannot be told from a lost connection. Nothing was written or marked.`

  const failed = result.links.results.filter(link => isFailure(link.verdict)).length
  const total = result.links.results.length
  if (total >= implausible.minimum && failed / total > implausible.share)
    return `${failed} of ${total} links failed (${Math.round((failed / total) * 100)}%), more than the ${implausible.share * 100}% a real list loses at once; the runner probably lost its network. Nothing was written or marked.`

  for (const [api, count] of Object.entries(result.repos?.apis ?? {}))
    if (count.asked > 0 && count.failed === count.asked)
      return `the ${apiNames[api] ?? api} API answered none of ${count.asked} lookup${count.asked === 1 ? '' : 's'}; it is down or unreachable, so its links can be neither marked nor passed. Nothing was written or marked.`
  return undefined
}

const apiNames: Record<string, string> = {
  github: 'GitHub',
  huggingface: 'Hugging Face',
  arxiv: 'arXiv'
}

function causes(links: CheckResult['links']['results']): string {
  const counts = new Map<string, number>()
  for (const {verdict} of links) {
    const cause = verdict.kind === 'unreachable' ? verdict.cause : verdict.kind
    counts.set(cause, (counts.get(cause) ?? 0) + 1)
  }
  return [...counts].map(([cause, count]) => `${count} ${cause}`).join(', ')
}
