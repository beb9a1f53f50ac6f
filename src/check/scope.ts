import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import {matchesFilter} from '../links/config.js'
import {normalizeUrl} from '../links/normalize.js'

const execFileAsync = promisify(execFile)

/** Which URLs a run checks: every one, or those the flags select. */
export interface ScopeOptions {
  /** `--only` globs or hosts; any one matching selects a URL. */
  only?: readonly string[]
  /** `--shard k/n`: the k-th of n disjoint sets of hosts. */
  shard?: {index: number; count: number}
  /** `--changed-since`: URLs written on the added lines. */
  addedLines?: readonly string[]
}

/** A predicate over URLs, or undefined when the run covers the whole list. */
export function buildScope(options: ScopeOptions): ((url: string) => boolean) | undefined {
  const {only = [], shard, addedLines} = options
  if (only.length === 0 && shard === undefined && addedLines === undefined) return undefined
  const added = addedLines === undefined ? undefined : urlsOnLines(addedLines)
  return url =>
    (only.length === 0 || only.some(filter => matchesFilter(url, filter))) &&
    (shard === undefined || hash(hostOf(url)) % shard.count === shard.index - 1) &&
    (added === undefined || added.has(url))
}

/**
 * The URLs written on some lines, whole: a URL matches only where it ends,
 * so `…/a/b` is not taken for `…/a/bc`. Trailing punctuation that Markdown and
 * prose put after a URL is not part of it.
 */
export function urlsOnLines(lines: readonly string[]): Set<string> {
  const urls = new Set<string>()
  for (const line of lines)
    for (const match of line.matchAll(/https?:\/\/[^\s<>"'`|\]\\)]+/g)) {
      const url = match[0].replace(/[.,;:!?*_~]+$/, '')
      // Links are looked up as written and checked as normalised keys (`https://a.example/`).
      urls.add(url)
      urls.add(normalizeUrl(url) ?? url)
    }
  return urls
}

/** Lines added since `ref` in entries/ and templates/, or undefined when git cannot diff. */
export async function addedLinesSince(root: string, ref: string): Promise<string[] | undefined> {
  try {
    const {stdout} = await execFileAsync(
      'git',
      ['diff', '--unified=0', '--no-color', ref, '--', 'entries', 'templates'],
      {cwd: root, maxBuffer: 64 * 1024 * 1024}
    )
    return stdout.split('\n').filter(line => line.startsWith('+') && !line.startsWith('+++'))
  } catch {
    return undefined
  }
}

/** Shards split by host, so that per-host politeness still holds within a shard. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return url
  }
}

/** FNV-1a: a stable hash, so a URL stays in its shard from run to run. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193) >>> 0
  }
  return value
}
