import {isPair, isScalar, parseDocument, type Scalar, visit} from 'yaml'
import {textFields} from '../model/types.js'
import {fixProse} from './prose.js'
import type {ProseText} from './rules/types.js'
import {yamlWriteOptions} from './yaml-style.js'

/** Keys whose values are Markdown prose blocks (a section's text around its table). */
const blockKeys = new Set(['intro', 'outro'])
/** Keys whose values are inline Markdown, shown in a cell or a heading. */
const cellKeys = new Set<string>(['name', 'title', ...textFields])

/** What `validate --fix` did to one file. */
export interface FixResult {
  source: string
  /** Fixes applied, per rule id. */
  counts: Map<string, number>
}

/**
 * Apply the prose rules' safe fixes to one entry or section file. Located
 * through the yaml Document API; each changed scalar is edited in place in
 * the source (the same fixes applied to its own text), so comments, key
 * order, quoting and layout stay as they were. When the in-place edit would
 * not mean the same value (an escape sequence in the way), the document is
 * rewritten with the pinned YAML options instead. A file that does not
 * parse is left alone: `validate` reports it.
 */
export function fixFileSource(source: string): FixResult {
  const counts = new Map<string, number>()
  const document = parseDocument(source, yamlWriteOptions)
  if (document.errors.length > 0) return {source, counts}
  const edits: Array<{node: Scalar; value: ProseText; newValue: string}> = []
  visit(document, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || node.range == null) return
      const keys = path
        .filter(isPair)
        .map(pair => (isScalar(pair.key) ? String(pair.key.value) : ''))
      const value = proseValueAt(keys, node.value)
      if (value === undefined) return
      const fixed = fixProse(value, counts).text
      if (fixed !== node.value) edits.push({node, value, newValue: fixed})
    }
  })
  if (edits.length === 0) return {source, counts}

  let spliced = source
  for (const {node, value} of [...edits].sort((a, b) => b.node.range![0] - a.node.range![0])) {
    const [start, end] = node.range!
    // The same fixes on the scalar's source text: its quotes and indentation do not trigger any rule.
    const raw = fixProse({...value, text: spliced.slice(start, end)}).text
    spliced = spliced.slice(0, start) + raw + spliced.slice(end)
  }
  for (const edit of edits) edit.node.value = edit.newValue
  const check = parseDocument(spliced, yamlWriteOptions)
  const same =
    check.errors.length === 0 && JSON.stringify(check.toJS()) === JSON.stringify(document.toJS())
  return {source: same ? spliced : document.toString(yamlWriteOptions), counts}
}

/** The prose text a scalar holds, judged by its keys (`description`, `url.en`, `links.name`). */
function proseValueAt(keys: readonly string[], text: string): ProseText | undefined {
  const [top, ...rest] = keys
  if (top === undefined) return undefined
  const last = rest.at(-1)
  const locale = last === 'en' || last === 'zh' ? last : undefined
  if (top === 'url' || (top === 'links' && last === 'url')) return {text, locale, kind: 'url'}
  if (top === 'links' && (last === 'name' || rest.at(-2) === 'name'))
    return {text, locale, kind: 'cell'}
  if (blockKeys.has(top)) return {text, locale, kind: 'block'}
  if (cellKeys.has(top) && rest.length <= 1) return {text, locale, kind: 'cell'}
  return undefined
}
