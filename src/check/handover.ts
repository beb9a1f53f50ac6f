import type {Handover} from '../links/run.js'
import {classifyUrl} from '../repos/classify.js'
import type {RepoRef} from '../repos/types.js'
import type {ApiName} from './result.js'

/**
 * Between the API lookups and the HTTP checks of one run: which URLs' HTTP checks wait for an API
 * answer, and that answer as soon as it comes. Links no API can answer wait for nothing.
 */
export interface Handovers {
  /** What the HTTP check of `url` waits for; undefined when it need not wait. */
  awaiting(url: string): Promise<Handover> | undefined
  /** The API answered for `url` (a URL as given to the lookups); `settled` when the answer is final. */
  answer(url: string, settled: boolean): void
  /** The lookups ended, normally or not: every URL still waiting is answered, settled if in `settled`. */
  finish(settled: ReadonlySet<string>): void
}

/**
 * @param urls The URLs given to the API lookups.
 * @param apiHosts The hosts (`host[:port]`, as the per-host limits count them) each API's lookups
 *   go to. Pages on such a host wait until that API has answered, so the lookups and the page
 *   checks never load one host at once (the Hub serves its API from its pages' host).
 */
export function createHandovers(
  urls: Iterable<string>,
  apiHosts: Partial<Record<ApiName, readonly string[]>> = {}
): Handovers {
  /** URLs an API may settle, until it answers for them. */
  const waiting = new Map<string, {api: ApiName; resolve(settled: boolean): void}>()
  const answers = new Map<string, Promise<boolean>>()
  const pending: Record<ApiName, number> = {github: 0, huggingface: 0, arxiv: 0}
  for (const url of urls) {
    const ref = classifyUrl(url)
    if (ref === undefined || answers.has(url)) continue
    const api = apiOf(ref)
    const answer = deferred<boolean>()
    waiting.set(url, {api, resolve: answer.resolve})
    answers.set(url, answer.promise)
    pending[api]++
  }
  /** Resolved once every URL of the API has its answer. */
  const idle = {github: deferred<void>(), huggingface: deferred<void>(), arxiv: deferred<void>()}
  for (const api of apiNames) if (pending[api] === 0) idle[api].resolve()

  /** The lookups of the API whose host `url` is on, while any are outstanding. */
  const sharedHost = (url: string): Promise<void> | undefined => {
    let host: string
    try {
      host = new URL(url).host
    } catch {
      return undefined
    }
    const api = apiNames.find(name => pending[name] > 0 && apiHosts[name]?.includes(host))
    return api === undefined ? undefined : idle[api].promise
  }

  const answer = (url: string, settled: boolean): void => {
    const entry = waiting.get(url)
    if (entry === undefined) return
    waiting.delete(url)
    entry.resolve(settled)
    if (--pending[entry.api] === 0) idle[entry.api].resolve()
  }

  return {
    awaiting(url) {
      const own = answers.get(url)
      if (own === undefined) return sharedHost(url)?.then((): Handover => 'check')
      return own.then(async (settled): Promise<Handover> => {
        if (settled) return 'settled'
        await sharedHost(url)
        return 'check'
      })
    },
    answer,
    finish(settled) {
      for (const url of [...waiting.keys()]) answer(url, settled.has(url))
    }
  }
}

const apiNames: readonly ApiName[] = ['github', 'huggingface', 'arxiv']

function deferred<T>(): {promise: Promise<T>; resolve(value: T): void} {
  let resolve!: (value: T) => void
  const promise = new Promise<T>(done => {
    resolve = done
  })
  return {promise, resolve}
}

/** Which API looks a ref up. */
export function apiOf(ref: RepoRef): ApiName {
  return ref.kind.startsWith('github-')
    ? 'github'
    : ref.kind === 'huggingface'
      ? 'huggingface'
      : 'arxiv'
}
