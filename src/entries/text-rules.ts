import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {lineBreakHtml, parseBlocks, parseInline, splitCellLines, walk} from '../markdown/parse.js'
import type {LocalizedText} from '../model/types.js'
import {positionAt, type YamlFile} from './yaml-file.js'

/** Credentials that must never be committed to the list (GitHub, Hugging Face, OpenAI tokens). */
export const secretPattern =
  /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}|hf_[A-Za-z0-9]{30,}|sk-[A-Za-z0-9]{32,})\b/g

/** Each language's value of a text, with the YAML path where it is written. */
export function textVariants(
  value: LocalizedText,
  path: readonly (string | number)[]
): Array<{text: string; path: Array<string | number>}> {
  if (typeof value === 'string') return [{text: value, path: [...path]}]
  return Object.entries(value).map(([locale, text]) => ({text, path: [...path, locale]}))
}

/**
 * Check one text value: inline Markdown for a cell (`block` false) or block
 * Markdown for prose. Reports raw HTML other than `<br />`, links that are not
 * http(s) or in-page anchors, and secrets; each at the exact place in the file.
 */
export function checkText(
  yaml: YamlFile,
  path: readonly (string | number)[],
  text: string,
  block: boolean,
  onLink?: (url: string, position: {file: string; line: number; column: number}) => void
): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const at = (needle: string) => locate(yaml, path, needle)
  const nodes = block
    ? [parseBlocks(text)]
    : splitCellLines(text).flatMap(line => parseInline(line))
  for (const root of nodes) {
    walk(root, node => {
      if (node.type === 'html' && !lineBreakHtml.test(node.value.trim())) {
        diagnostics.push({
          ...at(node.value),
          severity: 'error',
          ruleId: 'raw-html',
          message: `Raw HTML \`${node.value.slice(0, 40)}\` is not allowed; use Markdown (a new line for a line break, \`[text](url)\` for a link)`
        })
      }
      if ((node.type === 'link' || node.type === 'image') && onLink) onLink(node.url, at(node.url))
      if ((node.type === 'link' || node.type === 'image') && !/^(https?:\/\/|#)/i.test(node.url)) {
        diagnostics.push({
          ...at(node.url),
          severity: 'error',
          ruleId: 'bad-url',
          message: `Invalid link target \`${node.url}\`; expected an absolute http(s) URL or an in-page \`#anchor\``
        })
      }
    })
  }
  for (const match of text.matchAll(secretPattern)) {
    diagnostics.push({
      ...at(match[0]),
      severity: 'error',
      ruleId: 'secret',
      message: `Text contains what looks like an access token (\`${match[0].slice(0, 4)}…\`); remove it, and revoke it if it is real`
    })
  }
  return diagnostics
}

/**
 * Position of `needle` inside the value at `path`: found in the file's source
 * after the value starts, so a link deep in a block scalar is pointed at exactly.
 */
export function locate(
  yaml: YamlFile,
  path: readonly (string | number)[],
  needle: string
): {file: string; line: number; column: number} {
  const start = positionAt(yaml, path)
  const startOffset = offsetOf(yaml, start.line, start.column)
  const index = needle === '' ? -1 : yaml.source.indexOf(needle, startOffset)
  if (index === -1) return start
  const {line, col} = yaml.lines.linePos(index)
  return {file: yaml.file, line, column: col}
}

function offsetOf(yaml: YamlFile, line: number, column: number): number {
  return (yaml.lines.lineStarts[line - 1] ?? 0) + column - 1
}
