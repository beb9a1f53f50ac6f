import type {Verdict} from './verdict.js'

/** One use of a URL in the list: where it was written (1-based line and column). */
export interface LinkSource {
  url: string
  file: string
  line: number
  column: number
}

/** Where a link was used, without the URL (the target carries it). */
export interface SourceLocation {
  file: string
  line: number
  column: number
}

/** One normalised URL to check, with every place that uses it. */
export interface LinkTarget {
  /** Normalised URL: the key in the status file and reports. */
  url: string
  sources: SourceLocation[]
}

/** The outcome for one link: its verdict, whether it is dead, and where it is used. */
export interface LinkResult {
  url: string
  sources: SourceLocation[]
  verdict: Verdict
  /** Reported dead: a definitive failure, or `deadAfter` failing runs in a row. */
  dead: boolean
  /** Failing runs in a row, this one included (0 when it works). */
  consecutiveFailures: number
  /** When the current run of failures began (ISO), if it is failing. */
  firstFailedAt?: string
}

/** A link that was not checked, and why (a configured exclusion, an unsupported scheme, a filter). */
export interface SkippedLink {
  url: string
  sources: SourceLocation[]
  reason: string
}

/** Everything one run found: what reports are made of. */
export interface LinkCheckRun {
  /** Checked links, sorted by URL (http links, then anchors and local files). */
  results: LinkResult[]
  /** Links not checked (exclusions, unsupported schemes), with the reason. */
  skipped: SkippedLink[]
  /** Requests sent over the network. */
  requests: number
  /** Hosts that answered 429 and were slowed down. */
  slowedHosts: string[]
  startedAt: string
  durationMs: number
}

/** Where a link stands after a verdict: its failure streak, and whether it now counts as dead. */
export interface LinkStanding {
  dead: boolean
  /** Failing runs in a row, this one included (0 when it works). */
  consecutiveFailures: number
  /** When the current run of failures began (ISO), if it is failing. */
  firstFailedAt?: string
}

/**
 * What a run knows of each URL from earlier runs. The link checker asks; the
 * check stage answers from the status file, so `links/` never reads it.
 */
export interface LinkHistory {
  /** A working verdict recent enough to reuse instead of a request, or undefined to check. */
  cached(url: string): Verdict | undefined
  /** Record this run's verdict for a URL and give its standing. */
  judge(url: string, verdict: Verdict): LinkStanding
}
