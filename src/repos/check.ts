import {type ArxivCheckOptions, checkArxiv} from './arxiv.js'
import {classifyUrl} from './classify.js'
import {checkGithub, type GithubCheckOptions} from './github.js'
import type {ApiClientOptions} from './http.js'
import {checkHuggingFace, type HuggingFaceCheckOptions} from './huggingface.js'
import type {
  ArxivRef,
  CheckOutcome,
  GithubRef,
  HuggingFaceRef,
  Notice,
  RepoRef,
  RepoResult,
  RequestCounts
} from './types.js'

/**
 * Options of the three API clients, typed per client. `common` holds what
 * they share (environment, clock, jitter, dispatcher, timeout, tries, User-Agent);
 * a client's own options override it.
 */
export interface RepoCheckOptions {
  common?: ApiClientOptions
  github?: GithubCheckOptions
  huggingFace?: HuggingFaceCheckOptions
  arxiv?: ArxivCheckOptions
  /**
   * Called as each API's answers come in, before `checkRepos` resolves: the URLs it understood
   * (of that API) and their results, each URL once. Lets the plain HTTP check start on what an
   * API left open without waiting for the slowest one.
   */
  onAnswer?: (answer: Pick<RepoCheckRun, 'refs' | 'results'>) => void
}

/** Everything one run of the repository checkers found. */
export interface RepoCheckRun {
  /** The ref of each URL the checkers understood, by URL as given. */
  refs: Map<string, RepoRef>
  /** The result for each ref key. */
  results: Map<string, RepoResult>
  notices: Notice[]
  requests: RequestCounts
}

/**
 * Classify URLs and look up every GitHub, Hugging Face and arXiv link among
 * them, the three APIs in parallel. URLs that are none of these are not in
 * `refs`: the plain link checker has them. Never throws.
 */
export async function checkRepos(
  urls: Iterable<string>,
  options: RepoCheckOptions = {}
): Promise<RepoCheckRun> {
  const refs = new Map<string, RepoRef>()
  for (const url of urls) {
    const ref = classifyUrl(url)
    if (ref !== undefined) refs.set(url, ref)
  }
  const all = [...refs.values()]
  const github = all.filter((ref): ref is GithubRef => ref.kind.startsWith('github-'))
  const huggingFace = all.filter((ref): ref is HuggingFaceRef => ref.kind === 'huggingface')
  const arxiv = all.filter((ref): ref is ArxivRef => ref.kind === 'arxiv')
  const {common} = options
  /** Hands one API's results to `onAnswer` as soon as they are in. */
  const answered = async <T extends RepoResult>(
    asked: readonly RepoRef[],
    outcome: Promise<CheckOutcome<T>>
  ): Promise<CheckOutcome<T>> => {
    const done = await outcome
    if (options.onAnswer) {
      const mine = new Set(asked)
      options.onAnswer({
        refs: new Map([...refs].filter(([, ref]) => mine.has(ref))),
        results: done.results
      })
    }
    return done
  }
  const [g, h, a] = await Promise.all([
    github.length > 0
      ? answered(github, checkGithub(github, {...common, ...options.github}))
      : undefined,
    huggingFace.length > 0
      ? answered(huggingFace, checkHuggingFace(huggingFace, {...common, ...options.huggingFace}))
      : undefined,
    arxiv.length > 0 ? answered(arxiv, checkArxiv(arxiv, {...common, ...options.arxiv})) : undefined
  ])
  const results = new Map<string, RepoResult>()
  const notices: Notice[] = []
  const requests: RequestCounts = {graphql: 0, rest: 0, huggingface: 0, arxiv: 0}
  for (const outcome of [g, h, a]) {
    if (outcome === undefined) continue
    for (const [key, result] of outcome.results) results.set(key, result)
    notices.push(...outcome.notices)
    for (const name of Object.keys(requests) as Array<keyof RequestCounts>)
      requests[name] += outcome.requests[name]
  }
  return {refs, results, notices, requests}
}
