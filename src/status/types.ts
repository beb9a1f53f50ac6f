import type {UnreachableCause, VerdictKind} from '../links/verdict.js'

/** The machine-written `status.json`: facts the checkers discover, apart from the hand-written entries. */
export interface StatusFile {
  version: 1
  /** Per normalised URL. */
  links: Record<string, LinkStatus>
  /** Per repository key (e.g. `github:owner/name`, `hf:org/model`); filled by the repository checker. */
  repos: Record<string, RepoStatus>
}

/**
 * What the HTTP link checker knows about one URL, across runs. Facts only:
 * a record changes when the link's state changes, never merely because it
 * was checked again (when it was checked lives in the ok-cache file).
 */
export interface LinkStatus {
  /** Verdict of the last run that checked it. */
  verdict: VerdictKind
  /** Final HTTP status of the last check, when there was a response. */
  status?: number
  /** Where a redirect led (the permanent target for `redirected`). */
  finalUrl?: string
  /** For `unreachable`: which cause. */
  cause?: UnreachableCause
  /** ISO timestamp of the first failure of the current run of failures; unchanged while it lasts. */
  firstFailedAt?: string
  /** Failing runs in a row, counted up to `deadAfter` (absent when the link works). */
  consecutiveFailures?: number
  /** Whether the link was reported dead by the last run. */
  dead?: boolean
}

/** What the repository checker knows about one repository (GitHub, Hugging Face, …). */
export interface RepoStatus {
  archived?: boolean
  disabled?: boolean
  /** Rounded as the README shows them (`formatStars`), so that small changes make no diff. */
  stars?: number
  /** Month of the last push (`2024-05`), as the README shows it. */
  pushedAt?: string
  /** No push for longer than the configured period when it was checked (and not archived). */
  inactive?: boolean
  /** SPDX id or name of the license. */
  license?: string
  /** The repository does not exist (deleted or never existed). */
  missing?: boolean
  /** `owner/name` (or URL) it was renamed or transferred to. */
  renamedTo?: string
  /** Access requires accepting terms or logging in (Hugging Face gated models). */
  gated?: boolean
  /** HTTP status with which the host refused the lookup (counted as missing). */
  blocked?: number
  /** `<ref>:<path>` of a deep link whose path does not exist (the link is dead). */
  pathMissing?: string
  /**
   * The ref (branch, tag) a deep link names no longer exists. The page may
   * redirect or be gone: the link's own record in `links` says which.
   */
  refMissing?: string
}

/** An empty status file. */
export function emptyStatus(): StatusFile {
  return {version: 1, links: {}, repos: {}}
}
