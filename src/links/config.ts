import path from 'node:path'
import {isMap, isSeq, LineCounter, type Node, parseDocument} from 'yaml'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {didYouMean} from '../diagnostics/suggest.js'
import {readIfExists} from '../write/atomic.js'
import {
  builtInBlockedHosts,
  builtInHostLimits,
  type HostLimits,
  hostMatches,
  lookupHost
} from './quirks.js'

/** Name of the link checker's configuration file at the project root. */
export const configFileName = 'link-check.config.yaml'

/** Per-host settings: limits, accepted statuses, a different User-Agent. */
export interface HostPolicy extends HostLimits {
  /** Statuses that count as ok for this host, besides 2xx. */
  acceptStatus?: number[]
  userAgent?: string
}

/** A URL or host not to check, and why. */
export interface Exclusion {
  /** Glob over the normalised URL (`*` matches anything), or a host (subdomains included). */
  url?: string
  host?: string
  reason: string
}

/** Everything the checker's behaviour depends on; every field has a default. */
export interface LinkCheckConfig {
  userAgent: string
  /** Requests in flight at once, over all hosts. */
  concurrency: number
  /** Total deadline of one request: connect, headers and the part of the body read. */
  timeoutMs: number
  /** Further attempts after a transient failure (timeout, reset, 408, 429, 5xx). */
  retries: number
  /** First back-off; doubles on each retry, with ±50% jitter. */
  backoffBaseMs: number
  backoffMaxMs: number
  /** Longest `Retry-After` waited for; a longer one makes the link unverifiable (rate-limited). */
  retryAfterCapMs: number
  maxRedirects: number
  /** Bytes of a body read at most; the rest is never downloaded. */
  maxBodyBytes: number
  /** An ok result younger than this is reused from the status file (not for failures). */
  cacheAgeMs: number
  /** Failing runs in a row before a link is reported dead. */
  deadAfter: number
  /** Time between the first and the last of those failing runs, at least. */
  deadAfterSpanMs: number
  /** Wait before the second request that confirms a 404/410. */
  confirmDelayMs: number
  /** Statuses that count as ok besides 2xx, for every host. */
  acceptStatus: number[]
  /** Request private, loopback and link-local addresses too (tests, an intranet list); default false. */
  allowPrivateAddresses: boolean
  /** Limits for hosts without their own. */
  defaultHost: Required<HostLimits>
  /** Built-in host limits with the configured ones laid over them. */
  hosts: Record<string, HostPolicy>
  /** Host → reason it cannot be verified (built-in and configured). */
  blockedHosts: Record<string, string>
  exclude: Exclusion[]
}

/** The defaults, with the built-in host tables. */
export function defaultConfig(): LinkCheckConfig {
  return {
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 (compatible; open-source-chatgpt-link-check)',
    concurrency: 128,
    timeoutMs: 20_000,
    retries: 2,
    backoffBaseMs: 1000,
    backoffMaxMs: 30_000,
    retryAfterCapMs: 60_000,
    maxRedirects: 10,
    maxBodyBytes: 64 * 1024,
    cacheAgeMs: 24 * 3600 * 1000,
    deadAfter: 2,
    deadAfterSpanMs: 20 * 3600 * 1000,
    confirmDelayMs: 250,
    acceptStatus: [],
    allowPrivateAddresses: false,
    defaultHost: {connections: 4, minGapMs: 0},
    hosts: structuredClone(builtInHostLimits) as Record<string, HostPolicy>,
    blockedHosts: {...builtInBlockedHosts},
    exclude: []
  }
}

/** Limits and policy for one hostname: its own entry or its parent domain's, over the defaults. */
export function hostPolicy(
  config: LinkCheckConfig,
  hostname: string
): Required<HostLimits> & HostPolicy {
  const own = lookupHost(config.hosts, hostname) ?? {}
  return {...config.defaultHost, ...own}
}

/** Why a host cannot be verified, when it is on the blocked list. */
export function blockedReason(config: LinkCheckConfig, hostname: string): string | undefined {
  return lookupHost(config.blockedHosts, hostname)
}

/** The exclusion that applies to a normalised URL, if any. */
export function exclusionFor(config: LinkCheckConfig, url: string): Exclusion | undefined {
  return config.exclude.find(exclusion => matchesFilter(url, exclusion.url ?? exclusion.host ?? ''))
}

/**
 * Whether a URL matches a filter as `--only` and exclusions take it: a glob
 * over the whole URL when it contains `/` or `*`, else a host name (its subdomains included).
 */
export function matchesFilter(url: string, filter: string): boolean {
  if (filter.includes('/') || filter.includes('*')) return globToRegExp(filter).test(url)
  let hostname: string
  try {
    hostname = new URL(url).hostname
  } catch {
    return false
  }
  return hostMatches(hostname, filter)
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`, 'i')
}

/** The configuration file could not be used; carries one diagnostic per problem. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(d => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'))
  }
}

/**
 * Load the configuration: defaults, then `link-check.config.yaml` (or `file`) over them.
 * A missing default file is fine; a missing explicit file, or any invalid value, throws `ConfigError`.
 * @param file Path relative to `root` or absolute; default `link-check.config.yaml`.
 */
export async function loadConfig(root: string, file?: string): Promise<LinkCheckConfig> {
  const relative = file ?? configFileName
  const absolute = path.resolve(root, relative)
  const text = await readIfExists(absolute)
  if (text === undefined) {
    if (file === undefined) return defaultConfig()
    throw new ConfigError([
      {
        file: relative,
        line: 1,
        column: 1,
        severity: 'error',
        ruleId: 'link-config',
        message: `Cannot find config file \`${relative}\``
      }
    ])
  }
  return parseConfig(text, relative)
}

/** Durations are milliseconds as a number, or a string such as `500ms`, `3s`, `5m`, `12h`, `1d`. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(value)
  if (!match) return undefined
  const units: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000}
  return Number(match[1]) * units[match[2]!]!
}

type Reader = (value: unknown) => unknown

const durationField: Reader = value => parseDuration(value)
const countField =
  (min: number): Reader =>
  value =>
    Number.isInteger(value) && (value as number) >= min ? value : undefined
const stringField: Reader = value =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined
const statusListField: Reader = value =>
  Array.isArray(value) && value.every(code => Number.isInteger(code) && code >= 100 && code <= 999)
    ? value
    : undefined

/** Top-level scalar settings: YAML key → config field, reader, and what a valid value looks like. */
const scalarFields: Record<string, {field: keyof LinkCheckConfig; read: Reader; expected: string}> =
  {
    userAgent: {field: 'userAgent', read: stringField, expected: 'a non-empty string'},
    concurrency: {field: 'concurrency', read: countField(1), expected: 'an integer ≥ 1'},
    timeout: {field: 'timeoutMs', read: durationField, expected: 'a duration such as `20s`'},
    retries: {field: 'retries', read: countField(0), expected: 'an integer ≥ 0'},
    backoff: {field: 'backoffBaseMs', read: durationField, expected: 'a duration such as `1s`'},
    backoffMax: {field: 'backoffMaxMs', read: durationField, expected: 'a duration such as `30s`'},
    retryAfterCap: {
      field: 'retryAfterCapMs',
      read: durationField,
      expected: 'a duration such as `60s`'
    },
    maxRedirects: {field: 'maxRedirects', read: countField(0), expected: 'an integer ≥ 0'},
    maxBodyBytes: {field: 'maxBodyBytes', read: countField(0), expected: 'an integer ≥ 0'},
    cacheAge: {field: 'cacheAgeMs', read: durationField, expected: 'a duration such as `1d`'},
    deadAfter: {field: 'deadAfter', read: countField(1), expected: 'an integer ≥ 1'},
    deadAfterSpan: {
      field: 'deadAfterSpanMs',
      read: durationField,
      expected: 'a duration such as `20h`'
    },
    confirmDelay: {
      field: 'confirmDelayMs',
      read: durationField,
      expected: 'a duration such as `1s`'
    },
    acceptStatus: {
      field: 'acceptStatus',
      read: statusListField,
      expected: 'a list of HTTP status codes'
    },
    allowPrivateAddresses: {
      field: 'allowPrivateAddresses',
      read: value => (typeof value === 'boolean' ? value : undefined),
      expected: '`true` or `false`'
    }
  }

const hostFields: Record<string, {field: keyof HostPolicy; read: Reader; expected: string}> = {
  connections: {field: 'connections', read: countField(1), expected: 'an integer ≥ 1'},
  minGap: {field: 'minGapMs', read: durationField, expected: 'a duration such as `3s`'},
  acceptStatus: {
    field: 'acceptStatus',
    read: statusListField,
    expected: 'a list of HTTP status codes'
  },
  userAgent: {field: 'userAgent', read: stringField, expected: 'a non-empty string'}
}

const topLevelKeys = [...Object.keys(scalarFields), 'perHost', 'hosts', 'blockedHosts', 'exclude']

/** Parse the configuration text; all problems are collected, then thrown together as one `ConfigError`. */
export function parseConfig(text: string, file: string = configFileName): LinkCheckConfig {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, prettyErrors: false})
  const diagnostics: Diagnostic[] = []
  const at = (node: unknown, message: string) => {
    const offset = (node as Node | undefined)?.range?.[0] ?? 0
    const {line, col} = lineCounter.linePos(offset)
    diagnostics.push({file, line, column: col, severity: 'error', ruleId: 'link-config', message})
  }
  for (const error of document.errors) {
    const {line, col} = lineCounter.linePos(error.pos[0])
    diagnostics.push({
      file,
      line,
      column: col,
      severity: 'error',
      ruleId: 'link-config',
      message: error.message
    })
  }
  const config = defaultConfig()
  if (diagnostics.length > 0) throw new ConfigError(diagnostics)
  const root = document.contents
  if (root === null || root === undefined) return config
  if (!isMap(root)) {
    at(root, 'Expected a mapping of settings')
    throw new ConfigError(diagnostics)
  }

  for (const pair of root.items) {
    const key = String((pair.key as {value?: unknown}).value ?? pair.key)
    const valueNode = pair.value as Node | null
    const value: unknown = valueNode === null ? null : valueNode.toJSON()
    const scalar = scalarFields[key]
    if (scalar) {
      const read = scalar.read(value)
      if (read === undefined)
        at(valueNode ?? pair.key, `Expected \`${key}\` to be ${scalar.expected}`)
      else (config as unknown as Record<string, unknown>)[scalar.field] = read
      continue
    }
    switch (key) {
      case 'perHost': {
        const policy = readHost(valueNode, key, at)
        if (policy.connections !== undefined) config.defaultHost.connections = policy.connections
        if (policy.minGapMs !== undefined) config.defaultHost.minGapMs = policy.minGapMs
        break
      }
      case 'hosts': {
        if (!isMap(valueNode)) {
          at(valueNode ?? pair.key, 'Expected `hosts` to map host names to settings')
          break
        }
        for (const hostPair of valueNode.items) {
          const host = String((hostPair.key as {value?: unknown}).value).toLowerCase()
          config.hosts[host] = {
            ...config.hosts[host],
            ...readHost(hostPair.value as Node | null, `hosts.${host}`, at)
          }
        }
        break
      }
      case 'blockedHosts': {
        for (const item of listItems(valueNode, key, at)) {
          const record = item.toJSON() as Record<string, unknown>
          if (!checkKeys(item, ['host', 'reason'], key, at)) continue
          if (typeof record['host'] !== 'string' || typeof record['reason'] !== 'string') {
            at(item, 'Each blocked host needs `host` and `reason`')
            continue
          }
          config.blockedHosts[record['host'].toLowerCase()] = record['reason']
        }
        break
      }
      case 'exclude': {
        for (const item of listItems(valueNode, key, at)) {
          const record = item.toJSON() as Record<string, unknown>
          if (!checkKeys(item, ['url', 'host', 'reason'], key, at)) continue
          const url = record['url']
          const host = record['host']
          const reason = record['reason']
          if (typeof reason !== 'string' || reason.trim() === '') {
            at(item, 'Each exclusion needs a `reason`')
            continue
          }
          if ((typeof url === 'string') === (typeof host === 'string')) {
            at(item, 'Each exclusion needs exactly one of `url` (a glob) and `host`')
            continue
          }
          config.exclude.push(
            typeof url === 'string' ? {url, reason} : {host: host as string, reason}
          )
        }
        break
      }
      default:
        at(pair.key, `Unknown setting \`${key}\`${didYouMean(key, topLevelKeys)}`)
    }
  }
  if (diagnostics.length > 0) throw new ConfigError(diagnostics)
  return config
}

type At = (node: unknown, message: string) => void

function readHost(node: Node | null, where: string, at: At): HostPolicy {
  const policy: HostPolicy = {}
  if (!isMap(node)) {
    at(node, `Expected \`${where}\` to be a mapping (connections, minGap, acceptStatus, userAgent)`)
    return policy
  }
  for (const pair of node.items) {
    const key = String((pair.key as {value?: unknown}).value)
    const spec = hostFields[key]
    if (!spec) {
      at(
        pair.key,
        `Unknown host setting \`${key}\` in \`${where}\`${didYouMean(key, Object.keys(hostFields))}`
      )
      continue
    }
    const valueNode = pair.value as Node | null
    const read = spec.read(valueNode === null ? null : valueNode.toJSON())
    if (read === undefined)
      at(valueNode ?? pair.key, `Expected \`${where}.${key}\` to be ${spec.expected}`)
    else (policy as Record<string, unknown>)[spec.field] = read
  }
  return policy
}

function listItems(node: Node | null, key: string, at: At): Node[] {
  if (!isSeq(node)) {
    at(node, `Expected \`${key}\` to be a list`)
    return []
  }
  const items: Node[] = []
  for (const item of node.items) {
    if (isMap(item)) items.push(item)
    else at(item, `Expected each item of \`${key}\` to be a mapping`)
  }
  return items
}

function checkKeys(node: Node, allowed: string[], where: string, at: At): boolean {
  if (!isMap(node)) return false
  let ok = true
  for (const pair of node.items) {
    const key = String((pair.key as {value?: unknown}).value)
    if (!allowed.includes(key)) {
      at(pair.key, `Unknown key \`${key}\` in \`${where}\`${didYouMean(key, allowed)}`)
      ok = false
    }
  }
  return ok
}
