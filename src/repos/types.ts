/**
 * What the repository checker looks up, and what it can answer. Every result
 * is a closed union of named outcomes: callers branch on `kind`, never on
 * message text, and a failed lookup is never confused with a missing repository.
 */

/** A repository link on github.com: `github.com/<owner>/<name>` (with any query or fragment). */
export interface GithubRepoRef {
  kind: 'github-repo'
  /** Stable key for results and the status file: `github:<owner>/<name>`, lower-case. */
  key: string
  /** The URL as written in the list. */
  url: string
  owner: string
  name: string
}

/** A link into a repository: `github.com/<owner>/<name>/(tree|blob)/<ref>/<path>`. */
export interface GithubDeepRef {
  kind: 'github-deep'
  /** `github:<owner>/<name>/<view>/<ref and path>`, repository part lower-case. */
  key: string
  url: string
  owner: string
  name: string
  view: 'tree' | 'blob'
  /**
   * The decoded segments after the view (`main`, `docs`, `README.md`). Where the
   * ref ends and the path begins is not known from the URL (refs may contain
   * `/`), so the checker tries the likely splits.
   */
  segments: readonly string[]
}

/** An organisation or user page: `github.com/<login>`. */
export interface GithubAccountRef {
  kind: 'github-account'
  /** `github:@<login>`, lower-case. */
  key: string
  url: string
  login: string
}

export type GithubRef = GithubRepoRef | GithubDeepRef | GithubAccountRef

export type HuggingFaceRepoType = 'model' | 'dataset' | 'space'

/** A Hugging Face Hub repository: `huggingface.co/<id>`, `/datasets/<id>`, `/spaces/<id>` (deeper paths allowed). */
export interface HuggingFaceRef {
  kind: 'huggingface'
  /** `hf:<id>` for models, `hf:datasets/<id>`, `hf:spaces/<id>`; lower-case. */
  key: string
  url: string
  repoType: HuggingFaceRepoType
  /** `<owner>/<name>`, or a bare `<name>` for the few legacy models without an owner. */
  id: string
  /**
   * The decoded path below the repository (`blob/main/LICENSE.txt`,
   * `discussions`), empty for the repository itself. The Hub API is asked
   * about the repository only, so a link with a path is still checked as a page.
   */
  path: string
}

/** An arXiv paper: `arxiv.org/abs/<id>`, `/pdf/<id>(vN)(.pdf)`. */
export interface ArxivRef {
  kind: 'arxiv'
  /** `arxiv:<id without version>`. */
  key: string
  url: string
  /** The paper id without version (`2106.09685`, `hep-th/9901001`). */
  id: string
  /** The version the link names (`v1`), if any. */
  version?: string
}

export type RepoRef = GithubRef | HuggingFaceRef | ArxivRef

/** Why a lookup gave no answer. None of these means the repository is missing. */
export type LookupFailureReason =
  /** DNS, refused or reset connection, TLS. */
  | 'network'
  | 'timeout'
  /** A rate limit that did not reset within the longest wait allowed. */
  | 'rate-limited'
  /** 5xx from the API. */
  | 'server-error'
  /** The token was refused (401 about credentials). */
  | 'bad-credentials'
  /** 403 without a rate limit, or a GraphQL error other than NOT_FOUND. */
  | 'forbidden'
  /** An answer the client could not read (not JSON, unexpected shape). */
  | 'bad-response'

export interface LookupFailed {
  kind: 'lookup-failed'
  reason: LookupFailureReason
  /** One line for the report, with the token redacted. */
  detail: string
}

/** What GitHub says about a repository. */
export interface GithubFacts {
  /** `owner/name` as GitHub spells it now. */
  nameWithOwner: string
  archived: boolean
  disabled: boolean
  stars: number
  /** ISO timestamp of the last push (absent for an empty repository). */
  pushedAt?: string
  /** SPDX id (`MIT`, `NOASSERTION`), when GitHub detected a license. */
  license?: string
  defaultBranch?: string
}

/** The outcome for one GitHub link. */
export type GithubResult =
  /** The repository exists under the name the link uses (case aside). */
  | {kind: 'ok'; facts: GithubFacts}
  /** Same owner, new name; `to` is the new `owner/name`. */
  | {kind: 'renamed'; from: string; to: string; facts: GithubFacts}
  /** New owner (and maybe name). */
  | {kind: 'transferred'; from: string; to: string; facts: GithubFacts}
  /** Deleted or never existed: GraphQL `NOT_FOUND` confirmed by REST 404. */
  | {kind: 'missing'}
  /** GitHub refuses access to it (451 legal takedown, 403 with a block); `status` is the HTTP status. */
  | {kind: 'blocked'; status: number}
  | {kind: 'account-ok'; login: string; accountType: 'User' | 'Organization'}
  | {kind: 'account-missing'}
  /** A deep link whose ref and path both exist: the page is there. `renamedTo` is set when the repository moved. */
  | {kind: 'deep-ok'; ref: string; path: string; facts: GithubFacts; renamedTo?: string}
  /** The ref exists but the path does not: github.com answers 404. */
  | {
      kind: 'deep-path-missing'
      ref: string
      path: string
      facts: GithubFacts
      renamedTo?: string
    }
  /**
   * The ref the deep link names (a branch or tag) no longer exists. github.com
   * may redirect the URL (a branch renamed through GitHub leads to its new
   * name) or answer 404; the API cannot tell which, so the page decides. When
   * `pathOnDefaultBranch`, `ref` and `path` are the split whose path the
   * default branch has; else the first split.
   */
  | {
      kind: 'deep-ref-missing'
      ref: string
      path: string
      pathOnDefaultBranch: boolean
      facts: GithubFacts
      renamedTo?: string
    }
  /** Not looked up through the API (no token, unauthenticated budget spent): check it as a plain link. */
  | {kind: 'unverified'; reason: 'no-token' | 'rate-limited' | 'path-not-checked'}
  | LookupFailed

/** What the Hub says about a repository. */
export interface HuggingFaceFacts {
  /** `owner/name` as the Hub spells it now. */
  id: string
  /** `false`, or how access is granted (`auto`, `manual`). */
  gated: false | 'auto' | 'manual'
  disabled: boolean
  private: boolean
  likes?: number
  downloads?: number
  /** ISO timestamp of the last change. */
  lastModified?: string
  license?: string
}

export type HuggingFaceResult =
  | {kind: 'ok'; facts: HuggingFaceFacts}
  /** The Hub redirected to another id; `to` is that id. */
  | {kind: 'renamed'; from: string; to: string; facts: HuggingFaceFacts}
  | {kind: 'missing'; status: number}
  | LookupFailed

export type ArxivResult =
  | {
      kind: 'ok'
      id: string
      title?: string /** Newest version, such as `v3`. */
      latestVersion?: string
    }
  | {kind: 'missing'}
  | LookupFailed

/** A message for the person running the check, given once (not per link). */
export interface Notice {
  code:
    | 'no-github-token'
    | 'github-token-refused'
    | 'github-rest-budget-spent'
    | 'github-rate-limit-wait'
    | 'hf-token-refused'
    | 'hf-rate-limit-wait'
    | 'arxiv-retry'
  message: string
}

/** Time, replaceable so that tests of waiting run instantly. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

/** Requests sent, per API: for reports, benchmarks and tests. */
export interface RequestCounts {
  graphql: number
  rest: number
  huggingface: number
  arxiv: number
}

export interface CheckOutcome<Result> {
  /** Per ref key. */
  results: Map<string, Result>
  notices: Notice[]
  requests: RequestCounts
}

/** Any result of the repository checkers. */
export type RepoResult = GithubResult | HuggingFaceResult | ArxivResult
