import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {Entry, LocalizedText, Section} from '../model/types.js'
import {proseRules} from './rules/index.js'
import {applyEdits} from './rules/text-scan.js'
import type {ProseText, TextEdit} from './rules/types.js'
import {locate} from './text-rules.js'
import type {YamlFile} from './yaml-file.js'

/** One text of a file the prose rules look at, with its YAML path. */
export interface ProseValue extends ProseText {
  path: Array<string | number>
}

/** Every text of an entry the prose rules check: name, fields, extra links and URLs. */
export function entryProseValues(entry: Entry): ProseValue[] {
  const values = [...variants(entry.name, ['name'], 'cell')]
  if (entry.url !== undefined) values.push(...variants(entry.url, ['url'], 'url'))
  for (const [index, link] of entry.links.entries()) {
    values.push(...variants(link.name, ['links', index, 'name'], 'cell'))
    values.push({text: link.url, locale: undefined, kind: 'url', path: ['links', index, 'url']})
  }
  for (const [field, value] of Object.entries(entry.fields) as Array<[string, LocalizedText]>)
    values.push(...variants(value, [field], 'cell'))
  return values
}

/** Every text of a section the prose rules check: title, intro and outro. */
export function sectionProseValues(section: Section): ProseValue[] {
  const values = variants(section.title, ['title'], 'cell')
  if (section.intro !== undefined) values.push(...variants(section.intro, ['intro'], 'block'))
  if (section.outro !== undefined) values.push(...variants(section.outro, ['outro'], 'block'))
  return values
}

function variants(
  value: LocalizedText,
  path: Array<string | number>,
  kind: ProseText['kind']
): ProseValue[] {
  if (typeof value === 'string') return [{text: value, locale: undefined, kind, path}]
  return Object.entries(value).map(([locale, text]) => ({
    text,
    locale,
    kind,
    path: [...path, locale]
  }))
}

/** Run every prose rule over the values of one file; each finding at its place in the file. */
export function checkProse(yaml: YamlFile, values: readonly ProseValue[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const value of values) {
    for (const rule of proseRules) {
      for (const finding of rule.check(value)) {
        diagnostics.push({
          ...locate(yaml, value.path, finding.excerpt),
          severity: rule.severity,
          ruleId: rule.id,
          message: `${finding.message}${finding.edit ? ' (`validate --fix` can fix this)' : ''}`
        })
      }
    }
  }
  return diagnostics
}

/**
 * The text with every safe fix applied, and how many fixes of each rule
 * that took. Fixes are applied until none is left (one fix can reveal
 * another, as a trimmed URL can), with a bound so a bad rule cannot loop.
 */
export function fixProse(
  value: ProseText,
  counts: Map<string, number> = new Map()
): {text: string; counts: Map<string, number>} {
  let text = value.text
  for (let pass = 0; pass < 5; pass++) {
    const edits: TextEdit[] = []
    for (const rule of proseRules) {
      for (const finding of rule.check({...value, text})) {
        if (!finding.edit) continue
        edits.push(finding.edit)
        counts.set(rule.id, (counts.get(rule.id) ?? 0) + 1)
      }
    }
    if (edits.length === 0) break
    text = applyEdits(text, dedupe(edits))
  }
  return {text, counts}
}

/** Two rules may propose the same edit (a space before a link that is also bold); apply it once. */
function dedupe(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>()
  return edits.filter(edit => {
    const key = `${edit.index}:${edit.length}:${edit.insert}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
