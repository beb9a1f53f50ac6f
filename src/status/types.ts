import type {UnreachableCause, VerdictKind} from '../links/verdict.js'

/** The machine-written `status.json`: facts the checkers discover, apart from the hand-written entries. */
export interface StatusFile {
  version: 1
  /** Per normalised URL. */
  links: Record<string, LinkStatus>
  /** Per repository key (e.g. `github:owner/name`, `hf:org/model`); filled by the repository checker. */
  repos: Record<string, RepoStatus>
}

/** What the HTTP link checker knows about one URL, across runs. */
export interface LinkStatus {
  /** Verdict of the last run that checked it. */
  verdict: VerdictKind
  /** Final HTTP status of the last check, when there was a response. */
  status?: number
  /** Where a redirect led (the permanent target for `redirected`). */
  finalUrl?: string
  /** For `unreachable`: which cause. */
  cause?: UnreachableCause
  /** ISO timestamp of the last check. */
  checkedAt: string
  /** ISO timestamp of the last check that was not a failure. */
  lastOkAt?: string
  /** ISO timestamp of the first failure of the current run of failures. */
  firstFailedAt?: string
  /** Failing runs in a row (0 after a success). */
  consecutiveFailures: number
  /** Whether the link was reported dead by the last run. */
  dead?: boolean
}

/** What the repository checker knows about one repository (GitHub, Hugging Face, …). */
export interface RepoStatus {
  archived?: boolean
  disabled?: boolean
  stars?: number
  /** ISO timestamp of the last push. */
  pushedAt?: string
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
  /** ISO timestamp of the last check. */
  checkedAt?: string
}

/** An empty status file. */
export function emptyStatus(): StatusFile {
  return {version: 1, links: {}, repos: {}}
}
