import {normalizeUrl} from '../links/normalize.js'
import {type EntryHealth, formatPushed, type HealthLookup, roundStars} from '../model/health.js'
import type {Entry, ListModel} from '../model/types.js'
import {classifyUrl} from '../repos/classify.js'
import type {RepoResult} from '../repos/types.js'
import type {RepoStatus, StatusFile} from './types.js'

/**
 * The status record of a repository after one lookup: facts only, as the
 * README shows them (stars rounded, the month of the last push, inactive or
 * not as of this check), so that an unchanged project leaves its record
 * unchanged. A failed or skipped lookup keeps the previous record: a failed
 * lookup never hides or condemns an entry.
 */
export function nextRepoStatus(
  previous: RepoStatus | undefined,
  result: RepoResult,
  now: Date,
  options: {inactiveAfterMonths?: number} = {}
): RepoStatus | undefined {
  switch (result.kind) {
    case 'lookup-failed':
    case 'unverified':
      return previous
    case 'missing':
    case 'account-missing':
      return {missing: true}
    case 'blocked':
      return {missing: true, blocked: result.status}
    case 'account-ok':
      return {}
    case 'deep-path-missing':
      return {...factsOf(result, now, options), pathMissing: `${result.ref}:${result.path}`}
    case 'ok':
    case 'renamed':
    case 'transferred':
    case 'deep-ok':
    case 'deep-ref-missing': {
      const moved =
        result.kind === 'renamed' || result.kind === 'transferred'
          ? result.to
          : result.kind === 'deep-ok' || result.kind === 'deep-ref-missing'
            ? result.renamedTo
            : undefined
      return {
        ...factsOf(result, now, options),
        ...(moved === undefined ? {} : {renamedTo: moved}),
        // Facts of the repository, not a verdict on the page: the HTTP check gives that.
        ...(result.kind === 'deep-ref-missing' ? {refMissing: result.ref} : {})
      }
    }
  }
}

function factsOf(
  result: RepoResult,
  now: Date,
  options: {inactiveAfterMonths?: number}
): RepoStatus {
  if (!('facts' in result)) return {}
  const facts = result.facts
  if ('nameWithOwner' in facts) {
    const archived = facts.archived || facts.disabled
    return {
      ...(facts.archived ? {archived: true} : {}),
      ...(facts.disabled ? {disabled: true} : {}),
      stars: roundStars(facts.stars),
      ...(facts.pushedAt === undefined ? {} : {pushedAt: formatPushed(facts.pushedAt)}),
      ...(!archived && facts.pushedAt !== undefined && isStale(facts.pushedAt, {now, ...options})
        ? {inactive: true}
        : {}),
      ...(facts.license === undefined ? {} : {license: facts.license})
    }
  }
  return {
    ...(facts.gated === false ? {} : {gated: true}),
    ...(facts.disabled ? {disabled: true} : {}),
    ...(facts.license === undefined ? {} : {license: facts.license})
  }
}

/**
 * Entry health for the README, from the status file alone (the build stays
 * offline): the repository record of the entry's main link for its facts,
 * and for whether it is dead the link's own record when it has one (the HTTP
 * check is the newer word: a link the APIs settle has its record dropped),
 * else the repository record. Staleness is measured from when the repository
 * was checked, not from today, so the same status file always renders the
 * same README.
 */
export function healthFromStatus(model: ListModel, status: StatusFile): HealthLookup {
  const byFile = new Map<string, EntryHealth>()
  for (const entry of model.entries) {
    const health = entryHealthFromStatus(entry, status)
    if (health !== undefined) byFile.set(entry.file, health)
  }
  return file => byFile.get(file)
}

function entryHealthFromStatus(entry: Entry, status: StatusFile): EntryHealth | undefined {
  if (entry.url === undefined) return undefined
  const urls = typeof entry.url === 'string' ? [entry.url] : Object.values(entry.url)
  for (const url of urls) {
    const ref = classifyUrl(url)
    const repo = ref === undefined ? undefined : status.repos[ref.key]
    const key = normalizeUrl(url)
    const link = key === undefined ? undefined : status.links[key]
    if (repo !== undefined) {
      // A file missing from a Hub repository that exists, a branch gone: only the page check knows.
      if (link?.dead) return {dead: true}
      const pageWorks = link?.verdict === 'ok' || link?.verdict === 'redirected'
      if ((repo.missing || repo.pathMissing !== undefined) && !pageWorks) return {dead: true}
      const archived = Boolean(repo.archived || repo.disabled)
      const health: EntryHealth = {}
      if (archived) health.archived = true
      if (typeof repo.stars === 'number') health.stars = repo.stars
      if (repo.pushedAt !== undefined) health.pushedAt = repo.pushedAt
      // Inactivity was judged when the repository was checked, so the build needs no clock.
      if (repo.inactive && !archived && entry.maintained !== 'complete') health.inactive = true
      return health
    }
    if (link?.dead) return {dead: true}
  }
  return undefined
}

/** Whether `pushedAt` lies more than `inactiveAfterMonths` (default 12) months before `now`. */
export function isStale(
  pushedAt: string,
  options: {now: Date; inactiveAfterMonths?: number}
): boolean {
  const pushed = Date.parse(pushedAt)
  if (Number.isNaN(pushed)) return false
  const cutoff = new Date(options.now.getTime())
  cutoff.setUTCMonth(cutoff.getUTCMonth() - (options.inactiveAfterMonths ?? 12))
  return pushed < cutoff.getTime()
}
