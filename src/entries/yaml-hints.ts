import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {YamlFile} from './yaml-file.js'
import {isRecord} from '../util/record.js'

/**
 * Traps of plain (unquoted) YAML text that a contributor editing a file in the
 * browser falls into: `: ` and a leading `@` or backtick break the file, and
 * ` #` silently cuts the text. The fix is always the same — quote the text —
 * so each message ends with the quoted line to write instead.
 */

/** YAML error codes whose usual cause, in our files, is a text that needs quotes. */
const quotableErrors = new Set(['BLOCK_AS_IMPLICIT_KEY', 'BAD_SCALAR_START'])

/**
 * A hint to append to the `yaml` library's message for the error `code` at
 * `offset`, or '' when the error is not one of those a quoted text fixes.
 */
export function quoteHint(code: string, source: string, offset: number): string {
  if (!quotableErrors.has(code)) return ''
  const line = lineAt(source, offset)
  const match = /^(\s*(?:- )?[A-Za-z_][\w-]*:) (.+?)\s*$/.exec(line.text)
  if (!match) return '; if this is a text, put it in double quotes'
  const [, key, value] = match as unknown as [string, string, string]
  if (/^["'|>]/.test(value)) return ''
  return `; a text that holds \`: \` or starts with \`@\` or a backtick must be quoted: ${key.trim()} ${quote(value)}`
}

/** The text fields (YAML paths) of `data` whose value is a string, in each language. */
export function textPaths(data: unknown, fields: readonly string[]): Array<Array<string | number>> {
  if (!isRecord(data)) return []
  const paths: Array<Array<string | number>> = []
  const add = (value: unknown, path: Array<string | number>) => {
    if (typeof value === 'string') paths.push(path)
    else if (isRecord(value))
      for (const [locale, text] of Object.entries(value))
        if (typeof text === 'string') paths.push([...path, locale])
  }
  for (const field of fields) add(data[field], [field])
  const links = data['links']
  if (Array.isArray(links))
    for (const [index, link] of links.entries())
      if (isRecord(link)) add(link['name'], ['links', index, 'name'])
  return paths
}

/**
 * Texts that YAML cut at a comment: in a plain scalar, ` #` starts a comment,
 * so `description: Ranked #1 on AgentBench` reads as `Ranked`. Reported at the
 * `#`, with the quoted line to write instead.
 */
export function checkCommentCutTexts(
  yaml: YamlFile,
  paths: ReadonlyArray<ReadonlyArray<string | number>>
): Diagnostic[] {
  // Most files have no comment after a value at all: skip them at the cost of one scan.
  if (!/[ \t]#/.test(yaml.source)) return []
  const diagnostics: Diagnostic[] = []
  for (const path of paths) {
    const value = valueAt(yaml.data, path)
    if (typeof value !== 'string') continue
    const offset = yaml.offsetAt(path, false)
    // Quoted and block scalars keep `#` as text.
    if (/^["'|>]/.test(yaml.source.slice(offset, offset + 1))) continue
    const {text: rest} = lineFrom(yaml.source, offset)
    const comment = /[ \t]#/.exec(rest)
    // Only when what YAML kept is exactly what stands before the comment (a one-line plain text).
    if (!comment || rest.slice(0, comment.index).trimEnd() !== value) continue
    const hash = offset + comment.index + 1
    const {line, col} = yaml.lines.linePos(hash)
    const written = rest.trimEnd()
    const field = path.filter(segment => typeof segment === 'string').join('.')
    diagnostics.push({
      file: yaml.file,
      line,
      column: col,
      severity: 'error',
      ruleId: 'text-cut-by-comment',
      message: `Text of \`${field}\` ends at \` #\`: YAML reads \`${written.slice(comment.index).trim()}\` as a comment, so the text is only \`${value}\`; quote the text: ${quote(written)}`
    })
  }
  return diagnostics
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let value = data
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment]
    else if (isRecord(value)) value = value[segment]
    else return undefined
  }
  return value
}

/** A YAML double-quoted string with the same text. */
function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
}

function lineAt(source: string, offset: number): {text: string} {
  const start = source.lastIndexOf('\n', offset - 1) + 1
  return lineFrom(source, start)
}

function lineFrom(source: string, offset: number): {text: string} {
  const end = source.indexOf('\n', offset)
  return {text: source.slice(offset, end === -1 ? source.length : end).replace(/\r$/, '')}
}
