import type {PhrasingContent, Root, RootContent} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfm} from 'micromark-extension-gfm'
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {parseLinksAndStrong} from './links-and-strong.js'

/**
 * Block constructs switched off when parsing a table cell: a cell is one line of
 * inline content, so `1. foo` or `# foo` there is text, not a list or heading.
 */
const inlineOnly = {
  disable: {
    null: [
      'blockQuote',
      'codeFenced',
      'codeIndented',
      'definition',
      'headingAtx',
      'htmlFlow',
      'list',
      'setextUnderline',
      'thematicBreak'
    ]
  }
}

const blockOptions = {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}
const blockCache = new Map<string, Root>()

/**
 * Parse block Markdown (section prose, templates) the way GitHub does:
 * CommonMark plus GFM. Results are shared (validation and every locale parse
 * the same prose); callers must not mutate them.
 */
export function parseBlocks(value: string): Root {
  let root = blockCache.get(value)
  if (!root) {
    root = fromMarkdown(value, blockOptions)
    blockCache.set(value, root)
  }
  return root
}

const inlineOptions = {
  extensions: [inlineOnly, gfmAutolinkLiteral(), gfmStrikethrough()],
  mdastExtensions: [gfmAutolinkLiteralFromMarkdown(), gfmStrikethroughFromMarkdown()]
}

/**
 * What can start inline Markdown (emphasis, code, links, HTML, entities,
 * escapes, strikethrough) or a GFM autolink literal (`www.`, a URL, an e-mail
 * address). A line without any is plain text and skips the parser.
 */
const markdownSyntax = /[\\`*_~<&[\]]|https?:|mailto:|xmpp:|www\.|[\w.+-]@/i

/**
 * Parsed lines, shared by validation and every locale's rendering. Callers
 * must not mutate the nodes they get back.
 */
const inlineCache = new Map<string, readonly PhrasingContent[]>()

/**
 * Parse many lines into the cache: plain links and bold without micromark
 * (see `parseLinksAndStrong`), the rest in one parser run. Each micromark run sets
 * its parser up anew (it merges every construct table), which for a list's few
 * hundred Markdown lines cost more than the parsing. The lines are joined by
 * blank lines: each is its own paragraph, and nothing inline crosses a
 * paragraph (definitions, the one construct that could, are off). A line
 * whose paragraph is not where it should be is left to be parsed alone.
 * Returns how many lines it put in the cache.
 */
export function primeInline(lines: Iterable<string>): number {
  const pending: string[] = []
  let primed = 0
  for (const line of new Set(lines)) {
    if (line === '' || inlineCache.has(line) || !markdownSyntax.test(line)) continue
    if (/[\r\n]/.test(line)) continue
    const simple = parseLinksAndStrong(line)
    if (simple) {
      inlineCache.set(line, simple)
      primed++
    } else pending.push(line)
  }
  if (pending.length < 2) return primed
  const root = fromMarkdown(pending.join('\n\n'), inlineOptions)
  if (root.children.length !== pending.length) return primed
  for (const [index, child] of root.children.entries()) {
    if (child.type !== 'paragraph' || child.position?.start.line !== index * 2 + 1) continue
    inlineCache.set(pending[index]!, withoutPositions(child.children))
    primed++
  }
  return primed
}

/**
 * Parse one line of inline Markdown (a cell value) into phrasing content.
 * Autolink literals and strikethrough are GFM's inline extensions; tables and
 * footnotes are block constructs and do not apply inside a cell.
 */
export function parseInline(line: string): readonly PhrasingContent[] {
  let nodes = inlineCache.get(line)
  if (nodes) return nodes
  // Most cells are plain text: those skip the parser, which would only give them back as one text node.
  nodes = markdownSyntax.test(line)
    ? (parseLinksAndStrong(line) ?? parseInlineWithMicromark(line))
    : line === ''
      ? []
      : [{type: 'text', value: line}]
  inlineCache.set(line, nodes)
  return nodes
}

/** One micromark run for one line, without the cache or the plain-text gate. */
export function parseInlineWithMicromark(line: string): PhrasingContent[] {
  const parsed: PhrasingContent[] = []
  for (const child of fromMarkdown(line, inlineOptions).children) {
    if (child.type === 'paragraph') parsed.push(...child.children)
  }
  return withoutPositions(parsed)
}

/** Positions would only cost memory (and refer to a batch): nodes are shared between lines and locales. */
function withoutPositions(nodes: PhrasingContent[]): PhrasingContent[] {
  for (const node of nodes)
    walk(node, child => {
      delete child.position
    })
  return nodes
}

/** Matches a raw `<br>` line break in any of its spellings. */
export const lineBreakHtml = /^<br\s*\/?>$/i

/**
 * Split a multi-line text value into lines for a table cell. Line breaks may be
 * written as real newlines or as `<br />`; both end a line.
 */
export function splitCellLines(value: string): string[] {
  return value.split(/\r?\n|<br\s*\/?>/i).map(line => line.trim())
}

/** Walk every node below `node` (depth first), calling `visit` on each. */
export function walk(node: Root | RootContent, visit: (node: Root | RootContent) => void): void {
  visit(node)
  if ('children' in node) {
    for (const child of node.children) walk(child, visit)
  }
}
