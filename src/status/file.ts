import {mkdir, open, readFile, rm} from 'node:fs/promises'
import path from 'node:path'
import {readIfExists, writeFileAtomic} from '../write/atomic.js'
import {isRecord} from '../util/record.js'
import type {CheckedAt} from './links.js'
import {emptyStatus, type LinkStatus, type RepoStatus, type StatusFile} from './types.js'

/** Name of the status file at the project root. */
export const statusFileName = 'status.json'

/** Thrown when `status.json` exists but cannot be used; the CLI reports it as a configuration error. */
export class StatusFileError extends Error {
  override name = 'StatusFileError'
}

/**
 * Read the status file below `root` (or an explicit path); an empty status when it does not exist.
 * @param file Path of the file; default `<root>/status.json`.
 */
export async function readStatus(
  root: string,
  file = path.join(root, statusFileName)
): Promise<StatusFile> {
  const text = await readIfExists(file)
  if (text === undefined) return emptyStatus()
  return parseStatus(text, file)
}

/** Parse and check the shape of a status file's text. */
export function parseStatus(text: string, file = statusFileName): StatusFile {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new StatusFileError(`Cannot parse \`${file}\`: ${(error as Error).message}`)
  }
  if (!isRecord(value) || value['version'] !== 1) {
    throw new StatusFileError(`Cannot read \`${file}\`: expected an object with \`"version": 1\``)
  }
  const links = value['links'] ?? {}
  const repos = value['repos'] ?? {}
  if (!isRecord(links) || !isRecord(repos)) {
    throw new StatusFileError(`Cannot read \`${file}\`: \`links\` and \`repos\` must be objects`)
  }
  for (const [url, entry] of Object.entries(links)) {
    if (!isRecord(entry) || typeof entry['verdict'] !== 'string')
      throw new StatusFileError(`Cannot read \`${file}\`: link \`${url}\` needs a \`verdict\``)
    // Files written before timestamps moved to the ok-cache: drop them, so the next write is facts only.
    delete entry['checkedAt']
    delete entry['lastOkAt']
    if (entry['consecutiveFailures'] === 0) delete entry['consecutiveFailures']
  }
  for (const [key, entry] of Object.entries(repos)) {
    if (!isRecord(entry))
      throw new StatusFileError(`Cannot read \`${file}\`: repository \`${key}\` is not an object`)
    delete entry['checkedAt']
  }
  return {
    version: 1,
    links: links as Record<string, LinkStatus>,
    repos: repos as Record<string, RepoStatus>
  }
}

/** Where the ok-cache lives: when each working URL was last fetched. Not committed. */
export const checkedCacheFile = path.join('.link-cache', 'checked.json')

/**
 * Read the ok-cache; an empty one when it is missing or unreadable (it is
 * only a cache: losing it costs requests, never correctness).
 */
export async function readCheckedCache(root: string): Promise<CheckedAt> {
  const text = await readIfExists(path.join(root, checkedCacheFile)).catch(() => undefined)
  if (text === undefined) return {}
  try {
    const value: unknown = JSON.parse(text)
    if (!isRecord(value) || !isRecord(value['links'])) return {}
    return Object.fromEntries(
      Object.entries(value['links']).filter(
        (pair): pair is [string, string] => typeof pair[1] === 'string'
      )
    )
  } catch {
    return {}
  }
}

/** Write the ok-cache atomically: the fetch times of this run laid over the earlier ones. */
export async function writeCheckedCache(root: string, checked: CheckedAt): Promise<void> {
  const file = path.join(root, checkedCacheFile)
  const merged = {...(await readCheckedCache(root)), ...checked}
  await mkdir(path.dirname(file), {recursive: true})
  await writeFileAtomic(file, `${JSON.stringify({version: 1, links: sortKeys(merged)})}\n`)
}

/**
 * The file's text: keys sorted at every level, two-space indentation, a
 * trailing newline. The same status always gives the same bytes.
 */
export function serializeStatus(status: StatusFile): string {
  return `${JSON.stringify(sortKeys(status), undefined, 2)}\n`
}

/**
 * Write the status file atomically (temporary file + rename), and only when
 * its bytes change, so a run that learnt nothing new leaves it untouched.
 * @returns Whether the file was written.
 */
export async function writeStatus(
  root: string,
  status: StatusFile,
  file = path.join(root, statusFileName)
): Promise<boolean> {
  const text = serializeStatus(status)
  if ((await readIfExists(file)) === text) return false
  await writeFileAtomic(file, text)
  return true
}

/**
 * A new status with `links` and `repos` records laid over `base` (entries
 * replaced whole). Keys in `remove` are dropped. Pure: `base` is not changed.
 */
export function mergeStatus(
  base: StatusFile,
  update: {
    links?: Record<string, LinkStatus>
    repos?: Record<string, RepoStatus>
    removeLinks?: Iterable<string>
    removeRepos?: Iterable<string>
  }
): StatusFile {
  const links = {...base.links, ...update.links}
  const repos = {...base.repos, ...update.repos}
  for (const key of update.removeLinks ?? []) delete links[key]
  for (const key of update.removeRepos ?? []) delete repos[key]
  return {version: 1, links, repos}
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!isRecord(value)) return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const item = value[key]
    if (item !== undefined) sorted[key] = sortKeys(item)
  }
  return sorted
}

/** The lock that serialises read-merge-write of the status file between runs on one checkout. */
export const statusLockFile = path.join('.link-cache', 'status.lock')

/**
 * Run `update` while holding the status lock, so that two runs on one
 * checkout (say, disjoint `--only` filters) each merge into what the other
 * wrote instead of overwriting it. Waits for a live holder up to
 * `timeoutMs`; takes over a lock whose process is gone.
 */
export async function withStatusLock<T>(
  root: string,
  update: () => Promise<T>,
  options: {timeoutMs?: number; pollMs?: number} = {}
): Promise<T> {
  const file = path.join(root, statusLockFile)
  await mkdir(path.dirname(file), {recursive: true})
  const deadline = Date.now() + (options.timeoutMs ?? 120_000)
  for (;;) {
    try {
      const handle = await open(file, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim())
      if (!isAlive(holder)) {
        await rm(file, {force: true})
        continue
      }
      if (Date.now() > deadline)
        throw new StatusFileError(
          `Another run (process ${holder}) holds \`${statusLockFile}\`; wait for it to finish, or remove the file if it is gone`
        )
      await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 100))
    }
  }
  try {
    return await update()
  } finally {
    await rm(file, {force: true})
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
