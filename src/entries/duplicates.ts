import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {fileStart} from '../diagnostics/diagnostic.js'
import type {Entry, SourcePosition} from '../model/types.js'
import {didYouMean} from '../diagnostics/suggest.js'
import {urlIdentity} from './url-identity.js'

/** `<section>/<slug>`: how `see_also` names another entry. */
export function entryRef(entry: Pick<Entry, 'section' | 'slug'>): string {
  return `${entry.section}/${entry.slug}`
}

/**
 * One project appears once in the whole list: every link of every entry is
 * compared by what it identifies (see `urlIdentity`), across sections. A
 * deliberate second listing in another section names the first with
 * `see_also: <section>/<slug>` (either of the two may), and is shown as a
 * cross-reference. `see_also` must name an entry that exists.
 */
export function checkDuplicateProjects(entries: readonly Entry[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const byRef = new Map(entries.map(entry => [entryRef(entry), entry]))
  for (const entry of entries) {
    if (entry.seeAlso === undefined) continue
    const at = entry.positions['see_also'] ?? {file: entry.file, ...fileStart}
    const target = byRef.get(entry.seeAlso)
    if (target === undefined || target === entry)
      diagnostics.push({
        ...at,
        severity: 'error',
        ruleId: 'unknown-entry',
        message: `\`see_also\` names \`${entry.seeAlso}\`, which is ${target === entry ? 'this entry itself' : 'not an entry'}; expected \`<section>/<slug>\` of the other listing${target === entry ? '' : didYouMean(entry.seeAlso, byRef.keys())}`
      })
  }
  const linked = (a: Entry, b: Entry) =>
    a.section !== b.section && (a.seeAlso === entryRef(b) || b.seeAlso === entryRef(a))

  const firstUse = new Map<string, Entry>()
  for (const entry of entries) {
    const inEntry = new Set<string>()
    for (const {url, position} of entryUrls(entry)) {
      const key = urlIdentity(url)
      const first = firstUse.get(key)
      if (inEntry.has(key)) {
        diagnostics.push({
          ...position,
          severity: 'error',
          ruleId: 'duplicate-url',
          message: `Duplicate URL ${url} within the entry`
        })
      } else if (first && first !== entry && !linked(first, entry)) {
        const where = first.section === entry.section ? '' : ` in section \`${first.section}\``
        diagnostics.push({
          ...position,
          severity: 'error',
          ruleId: 'duplicate-url',
          message: `Duplicate project: ${url} is already listed by \`${first.file}\`${where}; merge the two entries${first.section === entry.section ? '' : `, or list it twice on purpose with \`see_also: ${entryRef(first)}\``}`
        })
      } else if (!first) {
        firstUse.set(key, entry)
      }
      inEntry.add(key)
    }
  }
  return diagnostics
}

/** The entry's own links: `url` (once, even when two locales share it) and `links[].url`. */
function entryUrls(entry: Entry): Array<{url: string; position: SourcePosition}> {
  const urls: Array<{url: string; position: SourcePosition}> = []
  if (entry.url !== undefined) {
    const seen = new Set<string>()
    for (const url of typeof entry.url === 'string' ? [entry.url] : Object.values(entry.url)) {
      // The same page in two languages is one link, not a duplicate.
      if (seen.has(urlIdentity(url))) continue
      seen.add(urlIdentity(url))
      urls.push({url, position: entry.positions['url'] ?? {file: entry.file, ...fileStart}})
    }
  }
  for (const link of entry.links) urls.push({url: link.url, position: link.position})
  return urls
}
