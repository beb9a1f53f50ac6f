/**
 * The closed set of verdicts a link can get, each carrying its evidence.
 * Code branches on `kind` (and `cause` / `reason`), never on message text.
 */

/** One request of a redirect chain or of a retry sequence. */
export interface Hop {
  url: string
  method: 'HEAD' | 'GET'
  /** HTTP status, absent when the request failed without a response. */
  status?: number
  /** Error code when the request failed (`ECONNREFUSED`, `UND_ERR_SOCKET`, `ETIMEDOUT`, …). */
  errorCode?: string
}

/** What a verdict rests on. */
export interface Evidence {
  /** The last request of every hop of the redirect chain, in order (the first is the URL itself). */
  hops: Hop[]
  /** Requests made for this URL, retries and HEAD→GET fallbacks included. */
  attempts: number
  /** Error code of the failure, when there was one. */
  errorCode?: string
  /** True when the verdict was taken from the status file instead of the network (`cacheAge`). */
  cached?: boolean
}

/** Why a host could not be reached. */
export type UnreachableCause =
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'timeout'
  /** Not requested: the host is (or resolves to) a private, loopback or link-local address. */
  | 'private-address'
  | 'other'

/** Why a response counts as broken. */
export type BrokenReason =
  /** The final response had a failing HTTP status (see `status`). */
  | 'status'
  /** A redirect pointed back to a URL already visited. */
  | 'redirect-loop'
  /** More redirects than `maxRedirects`. */
  | 'too-many-redirects'
  /** A redirect to a non-http(s) target (`file:`, `javascript:`, …) or without a usable `Location`. */
  | 'bad-redirect'
  /** A `#fragment` link to a heading that the README does not have. */
  | 'missing-anchor'
  /** A relative link to a file that the repository does not have. */
  | 'missing-file'

/** Why a site cannot be verified by a program (it blocks automated clients). */
export type UnverifiableReason =
  /** The host is on the built-in or configured list of hosts that block bots (x.com, …). */
  | 'blocked-host'
  /** LinkedIn's non-standard 999. */
  | 'status-999'
  /** A 403 carrying Cloudflare's `cf-mitigated: challenge`. */
  | 'challenge'
  /** 429 Too Many Requests that outlasted the retries, or a `Retry-After` beyond the cap. */
  | 'rate-limited'

/** A warning attached to an ok verdict. */
export type OkWarning =
  /** The 200 was reached through a redirect to what looks like a login page. */
  'login-redirect'

export interface OkVerdict {
  kind: 'ok'
  /** Final HTTP status; absent for links checked offline (anchors). */
  status?: number
  /** Final URL when a temporary redirect was followed. */
  finalUrl?: string
  warning?: OkWarning
  evidence: Evidence
}

export interface RedirectedVerdict {
  kind: 'redirected'
  /** Final HTTP status (2xx). */
  status: number
  /** Where the permanent redirects (301/308) lead: the URL to write into the entry. */
  to: string
  /** The URL the whole chain ended at (differs from `to` when a temporary redirect followed). */
  finalUrl: string
  evidence: Evidence
}

export interface BrokenVerdict {
  kind: 'broken'
  reason: BrokenReason
  /** Final HTTP status when `reason` is `status`. */
  status?: number
  /** The failure cannot be transient: 404/410 confirmed by a second request, a missing anchor. */
  definitive: boolean
  evidence: Evidence
}

export interface UnreachableVerdict {
  kind: 'unreachable'
  cause: UnreachableCause
  /** The failure cannot be transient: the name does not exist (NXDOMAIN). */
  definitive: boolean
  evidence: Evidence
}

export interface UnverifiableVerdict {
  kind: 'unverifiable'
  reason: UnverifiableReason
  status?: number
  evidence: Evidence
}

export type Verdict =
  | OkVerdict
  | RedirectedVerdict
  | BrokenVerdict
  | UnreachableVerdict
  | UnverifiableVerdict
export type VerdictKind = Verdict['kind']

/** Every verdict kind, in report order (most actionable first). */
export const verdictKinds: readonly VerdictKind[] = [
  'broken',
  'unreachable',
  'redirected',
  'unverifiable',
  'ok'
]

/** The link does not work (broken or unreachable); whether it is *dead* also needs its history. */
export function isFailure(verdict: Verdict): verdict is BrokenVerdict | UnreachableVerdict {
  return verdict.kind === 'broken' || verdict.kind === 'unreachable'
}

/** A short human description, e.g. `404 Not Found`, `unreachable (dns)`. */
export function describeVerdict(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'ok':
      return verdict.warning === 'login-redirect'
        ? `ok (${verdict.status ?? ''} via redirect to a login page)`
        : 'ok'
    case 'redirected':
      return `permanently redirected to ${verdict.to}`
    case 'broken':
      return verdict.reason === 'status'
        ? `HTTP ${verdict.status ?? '?'}`
        : brokenMessages[verdict.reason]
    case 'unreachable':
      return unreachableMessages[verdict.cause]
    case 'unverifiable':
      return unverifiableMessages[verdict.reason]
  }
}

const brokenMessages: Record<BrokenReason, string> = {
  status: 'failing HTTP status',
  'redirect-loop': 'redirect loop',
  'too-many-redirects': 'too many redirects',
  'bad-redirect': 'redirect to a non-http(s) target',
  'missing-anchor': 'no heading with this anchor',
  'missing-file': 'no such file in the repository'
}

const unreachableMessages: Record<UnreachableCause, string> = {
  dns: 'host name does not resolve',
  refused: 'connection refused',
  reset: 'connection reset',
  tls: 'TLS error (certificate not trusted or invalid)',
  timeout: 'timed out',
  'private-address':
    'not requested: the host is a private, loopback or link-local address (see `allowPrivateAddresses`)',
  other: 'network error'
}

const unverifiableMessages: Record<UnverifiableReason, string> = {
  'blocked-host': 'site blocks automated clients (configured)',
  'status-999': 'site blocks automated clients (999)',
  challenge: 'Cloudflare challenge (403 cf-mitigated)',
  'rate-limited': 'rate-limited (429) beyond the retries'
}
