import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {closest} from '../diagnostics/suggest.js'
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

/**
 * Why an `--only` filter is of no use, with the nearest host of the list to
 * try instead; undefined when it matches at least one of `urls`.
 */
export function unmatchedFilter(filter: string, urls: readonly string[]): string | undefined {
  if (urls.some(url => matchesFilter(url, filter))) return undefined
  const hosts = new Map<string, number>()
  for (const url of urls) {
    const host = hostOf(url)
    hosts.set(host, (hosts.get(host) ?? 0) + 1)
  }
  const isGlob = filter.includes('/') || filter.includes('*')
  const wanted = isGlob ? (/^[a-z]+:\/\/([^/*]+)/i.exec(filter)?.[1] ?? '') : filter.toLowerCase()
  // `github` for `github.com`: a host that starts with what was typed, the most linked first.
  const byUse = [...hosts.keys()].sort((a, b) => hosts.get(b)! - hosts.get(a)! || (a < b ? -1 : 1))
  const host =
    byUse.find(candidate => wanted !== '' && candidate.startsWith(`${wanted}.`)) ??
    closest(wanted, byUse)
  const suggestion =
    host === undefined ? '' : `; did you mean \`${isGlob ? filter.replace(wanted, host) : host}\`?`
  return `\`--only ${filter}\` matches none of the list's ${urls.length} links${suggestion}`
}

/** What `--changed-since` found to check: the added lines, and how many files they are in. */
export interface AddedLines {
  lines: string[]
  files: number
}

/**
 * Lines added since `ref` in entries/ and templates/: committed, staged and
 * unstaged changes, and every line of untracked files (a new entry not yet
 * added to git). Undefined when git cannot diff against `ref`. The ref never
 * reaches git as an option.
 */
export async function addedLinesSince(root: string, ref: string): Promise<AddedLines | undefined> {
  if (ref.startsWith('-')) return undefined
  const git = (args: string[]) =>
    execFileAsync('git', args, {cwd: root, maxBuffer: 64 * 1024 * 1024}).then(out => out.stdout)
  try {
    const diff = await git([
      'diff',
      '--unified=0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--end-of-options',
      ref,
      '--',
      'entries',
      'templates'
    ])
    const untracked = (
      await git(['ls-files', '--others', '--exclude-standard', '-z', '--', 'entries', 'templates'])
    )
      .split('\0')
      .filter(Boolean)
    const lines = diff.split('\n').filter(line => line.startsWith('+') && !line.startsWith('+++'))
    const files = new Set(
      diff
        .split('\n')
        .filter(line => line.startsWith('+++ b/'))
        .map(line => line.slice(6))
    )
    for (const file of untracked) {
      files.add(file)
      const text = await readFile(path.join(root, file), 'utf8').catch(() => '')
      lines.push(...text.split('\n').map(line => `+${line}`))
    }
    return {lines, files: files.size}
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
