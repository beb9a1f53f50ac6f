import type {UrlRename} from '../apply/rename-url.js'
import type {RefusedFix} from './fixes.js'
import type {LinkCheckRun} from '../links/types.js'
import type {RequestCounts} from '../repos/types.js'
import type {CheckedAt} from '../status/links.js'
import type {LinkStatus, RepoStatus} from '../status/types.js'
import {isMissing, type RepoFinding} from './findings.js'

/**
 * Everything one check found. This is what `check-links --report-json`
 * writes and `merge-reports` reads back (see `json.ts`), and what
 * `writeOutcome` turns into files and an exit code.
 */
export interface CheckResult {
  /** The plain HTTP, anchor and file checks. */
  links: LinkCheckRun
  /** The API lookups (GitHub, Hugging Face, arXiv); absent with `--no-repos`. */
  repos?: RepoSummary
  /** The status records this run changes. */
  statusUpdates: StatusUpdates
  /** URL changes `--apply` may write into the entries: renamed repositories, same-site permanent redirects. */
  fixes: UrlRename[]
  /** Fixes the network proposed that failed the shape check: reported, never written. */
  refusedFixes: RefusedFix[]
  /** When each working URL was fetched: the ok-cache's update (not committed). */
  checkedAt: CheckedAt
  /** Why the run stopped early (the network is down); such a run is never trusted. */
  aborted?: string
}

/** What the API lookups found. */
export interface RepoSummary {
  /** Links the APIs were asked about. */
  links: number
  requests: RequestCounts
  /** Things the maintainer should know (no token, rate limits); plain text. */
  notices: string[]
  findings: RepoFinding[]
  /** Per API: repositories asked about, and lookups that failed (the API did not answer). */
  apis: Partial<Record<ApiName, {asked: number; failed: number}>>
}

export type ApiName = 'github' | 'huggingface' | 'arxiv'

export interface StatusUpdates {
  links: Record<string, LinkStatus>
  repos: Record<string, RepoStatus>
  /** Records of URLs no longer in the list. */
  removeLinks: string[]
  /** Records of repositories no longer linked from the list. */
  removeRepos: string[]
}

/** Exit codes of the check commands. */
export const exitCodes = {ok: 0, dead: 1, usage: 2, untrusted: 3} as const

/** Dead links and missing repositories: what makes the run exit 1. */
export function deadCount(result: CheckResult): number {
  return (
    result.links.results.filter(link => link.dead).length +
    (result.repos?.findings.filter(isMissing).length ?? 0)
  )
}
