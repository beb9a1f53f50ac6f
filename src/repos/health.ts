import type {EntryHealth} from '../model/health.js'
import type {Entry, Maintained} from '../model/types.js'
import {classifyUrl} from './classify.js'
import type {ArxivResult, GithubFacts, GithubResult, HuggingFaceResult} from './types.js'

/** Any result of the repository checkers. */
export type RepoResult = GithubResult | HuggingFaceResult | ArxivResult

export interface HealthOptions {
  /** The moment staleness is measured from. */
  now: Date
  /** Months without a push after which a project is inactive; default 12. */
  inactiveAfterMonths?: number
  /** What the status file knew before, kept when this run's lookup failed. */
  previous?: EntryHealth | undefined
}

/**
 * The health the README shows for an entry, from the result for its main
 * link. Pure. A failed or skipped lookup keeps `previous` (the last known
 * facts): it never hides an entry nor condemns it. A project whose entry says
 * `maintained: complete` is never inactive.
 */
export function healthFromResult(
  result: RepoResult | undefined,
  maintained: Maintained | undefined,
  options: HealthOptions
): EntryHealth | undefined {
  if (result === undefined) return options.previous
  switch (result.kind) {
    case 'lookup-failed':
    case 'unverified':
      return options.previous
    case 'missing':
    case 'account-missing':
    case 'blocked':
    case 'deep-path-missing':
      return {dead: true, ...('facts' in result ? githubNumbers(result.facts) : {})}
    case 'account-ok':
      return {}
    case 'ok':
    case 'renamed':
    case 'transferred':
    case 'deep-ok': {
      // arXiv `ok` has no facts to show.
      if (!('facts' in result)) return {}
      if ('id' in result.facts) return result.facts.disabled ? {archived: true} : {}
      const facts: GithubFacts = result.facts
      const archived = facts.archived || facts.disabled
      const health: EntryHealth = {...(archived ? {archived: true} : {}), ...githubNumbers(facts)}
      if (
        !archived &&
        maintained !== 'complete' &&
        facts.pushedAt !== undefined &&
        isStale(facts.pushedAt, options)
      )
        health.inactive = true
      return health
    }
  }
}

function githubNumbers(facts: GithubFacts): EntryHealth {
  return {
    stars: facts.stars,
    ...(facts.pushedAt === undefined ? {} : {pushedAt: facts.pushedAt.slice(0, 10)})
  }
}

/** Whether `pushedAt` lies more than the configured number of months before `now`. */
export function isStale(
  pushedAt: string,
  options: Pick<HealthOptions, 'now' | 'inactiveAfterMonths'>
): boolean {
  const pushed = Date.parse(pushedAt)
  if (Number.isNaN(pushed)) return false
  const cutoff = new Date(options.now.getTime())
  cutoff.setUTCMonth(cutoff.getUTCMonth() - (options.inactiveAfterMonths ?? 12))
  return pushed < cutoff.getTime()
}

/**
 * The health of an entry: the first of its main URLs (in locale order) that
 * the repository checkers understand, looked up among `results` (keyed by
 * ref key, as the checkers return them).
 */
export function entryHealth(
  entry: Pick<Entry, 'url' | 'maintained'>,
  results: ReadonlyMap<string, RepoResult>,
  options: HealthOptions
): EntryHealth | undefined {
  if (entry.url === undefined) return options.previous
  const urls = typeof entry.url === 'string' ? [entry.url] : Object.values(entry.url)
  for (const url of urls) {
    const ref = classifyUrl(url)
    if (ref === undefined) continue
    return healthFromResult(results.get(ref.key), entry.maintained, options)
  }
  return options.previous
}
