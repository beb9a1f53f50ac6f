import {renamesFromResults} from '../apply/from-results.js'
import type {UrlRename} from '../apply/rename-url.js'
import {checkRepos, type RepoCheckOptions, type RepoCheckRun} from '../repos/check.js'
import type {GithubResult, HuggingFaceResult, RepoRef, RepoResult} from '../repos/types.js'
import {mergeStatus} from '../status/file.js'
import {nextRepoStatus} from '../status/repos.js'
import type {RepoStatus, StatusFile} from '../status/types.js'

export interface RepoStep {
  run: RepoCheckRun
  /** The new record of every repository looked up (failed lookups keep theirs, so are absent). */
  updates: Record<string, RepoStatus>
  /** The status file with the updates merged in. */
  status: StatusFile
  /** URLs whose fate the APIs proved, either way: the plain HTTP check leaves them out. */
  settled: Set<string>
  /** Renamed or transferred repositories to write into the entries. */
  renames: UrlRename[]
}

/**
 * Look up every GitHub, Hugging Face and arXiv link through their APIs and
 * fold the answers into the status file. A lookup that failed or was skipped
 * keeps the record the status file had.
 */
export async function runRepoStep(
  urls: Iterable<string>,
  status: StatusFile,
  options: RepoCheckOptions & {
    now: Date
    /** Called for each URL as soon as its API answered: whether that answer settles it (see `settled`). */
    onSettled?: (url: string, settled: boolean) => void
  }
): Promise<RepoStep> {
  const {onSettled, ...checkOptions} = options
  const run = await checkRepos(urls, {
    ...checkOptions,
    ...(onSettled
      ? {
          onAnswer: answer => {
            for (const [url, ref] of answer.refs) {
              const result = answer.results.get(ref.key)
              onSettled(url, result !== undefined && settlesUrl(ref, result))
            }
          }
        }
      : {})
  })
  const repos: Record<string, RepoStatus> = {}
  for (const [key, result] of run.results) {
    const next = nextRepoStatus(status.repos[key], result, options.now)
    if (next !== undefined) repos[key] = next
  }
  const settled = new Set<string>()
  for (const [url, ref] of run.refs) {
    const result = run.results.get(ref.key)
    if (result !== undefined && settlesUrl(ref, result)) settled.add(url)
  }
  const github = new Map<string, GithubResult>()
  const huggingFace = new Map<string, HuggingFaceResult>()
  for (const ref of run.refs.values()) {
    const result = run.results.get(ref.key)
    if (result === undefined) continue
    if (ref.kind.startsWith('github-')) github.set(ref.key, result as GithubResult)
    else if (ref.kind === 'huggingface') huggingFace.set(ref.key, result as HuggingFaceResult)
  }
  return {
    run,
    updates: repos,
    status: mergeStatus(status, {repos}),
    settled,
    renames: renamesFromResults([...run.refs.values()], github, huggingFace)
  }
}

/**
 * Whether an API answer proves what the exact URL gives, so that the page
 * need not be fetched (github.com throttles page fetches). A missing
 * repository proves any link into it dead, and a ref and path GraphQL
 * found (or did not find at an existing ref) prove a deep link. What the
 * answer leaves open goes to the HTTP check, which follows redirects and
 * confirms 404s: a failed or skipped lookup, a GitHub ref that is gone
 * (github.com may redirect a renamed branch), and any Hugging Face URL
 * below the repository (the Hub API is asked about the repository, not
 * its files).
 */
export function settlesUrl(ref: RepoRef, result: RepoResult): boolean {
  switch (result.kind) {
    case 'lookup-failed':
    case 'unverified':
    case 'deep-ref-missing':
      return false
    case 'missing':
      return true
    default:
      return !(ref.kind === 'huggingface' && ref.path !== '')
  }
}
