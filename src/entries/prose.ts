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
    const edits: Array<TextEdit & {rule: string}> = []
    for (const rule of proseRules)
      for (const finding of rule.check({...value, text}))
        if (finding.edit) edits.push({...finding.edit, rule: rule.id})
    if (edits.length === 0) break
    // Only the edits that apply this pass are counted; an overlapping one waits for the next.
    const applied = nonOverlapping(dedupe(edits))
    for (const edit of applied) counts.set(edit.rule, (counts.get(edit.rule) ?? 0) + 1)
    text = applyEdits(text, applied)
  }
  return {text, counts}
}

/** The edits that do not overlap a later one, from the end of the text back (as `applyEdits` applies them). */
function nonOverlapping<Edit extends TextEdit>(edits: readonly Edit[]): Edit[] {
  const kept: Edit[] = []
  let limit = Number.POSITIVE_INFINITY
  for (const edit of [...edits].sort((a, b) => b.index - a.index)) {
    if (edit.index + edit.length > limit) continue
    kept.push(edit)
    limit = edit.index
  }
  return kept
}

/** Two rules may propose the same edit (a space before a link that is also bold); apply it once. */
function dedupe<Edit extends TextEdit>(edits: readonly Edit[]): Edit[] {
  const seen = new Set<string>()
  return edits.filter(edit => {
    const key = `${edit.index}:${edit.length}:${edit.insert}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
