import {readFile} from 'node:fs/promises'
import {isPair, isScalar, parseDocument, type Scalar, visit} from 'yaml'
import {yamlWriteOptions} from '../entries/yaml-style.js'
import {writeFileAtomic} from '../write/atomic.js'
import {compileRename, rewriteText, type UrlRename, type UrlRewriter} from './rename-url.js'

export type {UrlRename} from './rename-url.js'

/** Keys whose value is one URL as a whole (`url`, `url.en`, `links[].url`). */
const urlKeys = new Set(['url'])

interface ScalarEdit {
  node: Scalar
  newValue: string
}

/**
 * Write URL renames into the source of an entry file: the `url` field (a
 * string or a per-locale map), `links[].url`, and links inside text fields
 * (`[x](from)`, bare URLs). Located and checked through the yaml Document
 * API; each changed scalar is edited in place in the source, so comments,
 * key order, quoting, layout and every other byte stay as they were. When an
 * in-place edit would not give the intended value (an escape sequence in the
 * way), the document is rewritten with the pinned YAML options instead.
 * Idempotent: renaming again with the same renames changes nothing.
 */
export function applyRenames(source: string, renames: readonly UrlRename[]): string {
  if (renames.length === 0) return source
  const rewriters = renames.map(compileRename)
  const document = parseDocument(source, yamlWriteOptions)
  // A file that does not parse is left alone; `validate` reports it.
  if (document.errors.length > 0) return source

  const edits: ScalarEdit[] = []
  visit(document, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || node.range == null) return
      const owner = path.at(-1)
      // The value of `url:` or of one locale of `url: {en, zh}`.
      const whole =
        isPair(owner) &&
        isScalar(owner.key) &&
        (urlKeys.has(String(owner.key.value)) || isLocaleOfUrl(path))
      const {text, changes} = rewriteText(node.value, rewriters, whole)
      if (changes.length > 0 && text !== node.value) edits.push({node, newValue: text})
    }
  })
  if (edits.length === 0) return source

  const spliced = spliceEdits(source, edits, rewriters)
  for (const edit of edits) edit.node.value = edit.newValue
  const check = parseDocument(spliced, yamlWriteOptions)
  if (check.errors.length === 0 && JSON.stringify(check.toJS()) === JSON.stringify(document.toJS()))
    return spliced
  return document.toString(yamlWriteOptions)
}

/** `url: {en: …, zh: …}`: the pair two levels up is `url`. */
function isLocaleOfUrl(path: readonly unknown[]): boolean {
  const grand = path.at(-3)
  return isPair(grand) && isScalar(grand.key) && urlKeys.has(String(grand.key.value))
}

/**
 * Rewrite the URLs inside each changed scalar's own source text (quotes,
 * block header and indentation included), leaving every byte around them
 * as it is. The caller checks the result means what the Document edit means.
 */
function spliceEdits(
  source: string,
  edits: readonly ScalarEdit[],
  rewriters: readonly UrlRewriter[]
): string {
  let out = source
  const ordered = [...edits].sort((a, b) => b.node.range![0] - a.node.range![0])
  for (const {node} of ordered) {
    const [start, end] = node.range!
    out =
      out.slice(0, start) +
      rewriteText(out.slice(start, end), rewriters, false).text +
      out.slice(end)
  }
  return out
}

/**
 * Apply renames to one entry file, writing it (atomically) only when
 * something changed. Gives whether it did.
 */
export async function applyRenamesToFile(
  file: string,
  renames: readonly UrlRename[]
): Promise<boolean> {
  const source = await readFile(file, 'utf8')
  const next = applyRenames(source, renames)
  if (next === source) return false
  await writeFileAtomic(file, next)
  return true
}
