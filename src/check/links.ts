import {runLinkCheck, type RunOptions} from '../links/run.js'
import type {LinkCheckRun} from '../links/types.js'
import {mergeStatus} from '../status/file.js'
import {type CheckedAt, createLinkHistory} from '../status/links.js'
import type {LinkStatus, StatusFile} from '../status/types.js'

export interface LinkStepOptions extends Omit<RunOptions, 'history'> {
  /** The status file before the run: verdicts and failure history. */
  status: StatusFile
  /** The ok-cache: when each working URL was last fetched. */
  checkedAt?: CheckedAt
  /** Reuse ok results younger than `config.cacheAgeMs` (default true; `--no-cache` turns it off). */
  useCache?: boolean
}

/** What the plain link check found, and the status records it changes. */
export interface LinkStep {
  run: LinkCheckRun
  /** The new record of every URL checked over the network (or taken from the cache). */
  updates: Record<string, LinkStatus>
  /** Fetch times of the working URLs, for the ok-cache. */
  checked: CheckedAt
  /** `status` with the updates applied. */
  status: StatusFile
}

/** Run the link checker against the failure history and ok-cache of the status file. */
export async function runLinkStep(options: LinkStepOptions): Promise<LinkStep> {
  const {status, checkedAt = {}, useCache = true, ...rest} = options
  const now = options.now ?? (() => new Date())
  const history = createLinkHistory(status, checkedAt, {
    now,
    deadAfter: options.config.deadAfter,
    deadAfterSpanMs: options.config.deadAfterSpanMs,
    cacheAgeMs: useCache ? options.config.cacheAgeMs : 0
  })
  const run = await runLinkCheck({...rest, now, history})
  return {
    run,
    updates: history.updates,
    checked: history.checked,
    status: mergeStatus(status, {links: history.updates})
  }
}
