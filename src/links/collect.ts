import {isHttpUrl, normalizeUrl} from './normalize.js'
import type {LinkSource, LinkTarget, SourceLocation} from './types.js'

/** The links of the list, de-duplicated and sorted by kind of check. */
export interface CollectedLinks {
  /** Absolute http(s) URLs, normalised: checked over the network. */
  http: LinkTarget[]
  /** `#id` links into the READMEs: checked against the section anchors. */
  anchors: LinkTarget[]
  /** Relative links (`LICENSE`, `docs/x.md`): checked against the repository's files. */
  local: LinkTarget[]
  /** Other schemes (`mailto:`, `ftp:`) and text that is not a URL: not checked. */
  unsupported: LinkTarget[]
}

/**
 * Normalise and de-duplicate links, keeping every place each one is used
 * (sorted by file, line, column). Targets are sorted by URL, so that reports
 * and the status file do not depend on the order of the input.
 */
export function collectLinks(sources: readonly LinkSource[]): CollectedLinks {
  const groups = {
    http: new Map<string, SourceLocation[]>(),
    anchors: new Map(),
    local: new Map(),
    unsupported: new Map()
  } satisfies Record<keyof CollectedLinks, Map<string, SourceLocation[]>>
  for (const source of sources) {
    const raw = source.url.trim()
    let kind: keyof CollectedLinks
    let key: string
    if (raw.startsWith('#')) {
      kind = 'anchors'
      key = raw
    } else if (isHttpUrl(raw)) {
      const normalised = normalizeUrl(raw)
      kind = normalised === undefined ? 'unsupported' : 'http'
      key = normalised ?? raw
    } else if (/^[a-z][a-z\d+.-]*:/i.test(raw) || raw.startsWith('//') || raw === '') {
      kind = 'unsupported'
      key = raw
    } else {
      kind = 'local'
      key = raw
    }
    const map: Map<string, SourceLocation[]> = groups[kind]
    let locations = map.get(key)
    if (!locations) {
      locations = []
      map.set(key, locations)
    }
    locations.push({file: source.file, line: source.line, column: source.column})
  }
  const toTargets = (map: Map<string, SourceLocation[]>): LinkTarget[] =>
    [...map]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([url, locations]) => ({url, sources: uniqueSorted(locations)}))
  return {
    http: toTargets(groups.http),
    anchors: toTargets(groups.anchors),
    local: toTargets(groups.local),
    unsupported: toTargets(groups.unsupported)
  }
}

function uniqueSorted(locations: SourceLocation[]): SourceLocation[] {
  const seen = new Map<string, SourceLocation>()
  for (const location of locations)
    seen.set(`${location.file}\0${location.line}\0${location.column}`, location)
  return [...seen.values()].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column
  )
}
