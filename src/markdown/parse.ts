import type {PhrasingContent, Root, RootContent} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {gfmAutolinkLiteralFromMarkdown} from 'mdast-util-gfm-autolink-literal'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfm} from 'micromark-extension-gfm'
import {gfmAutolinkLiteral} from 'micromark-extension-gfm-autolink-literal'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'

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

/** Parse block Markdown (section prose, templates) the way GitHub does: CommonMark plus GFM. */
export function parseBlocks(value: string): Root {
  return fromMarkdown(value, {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]})
}

/**
 * Parse one line of inline Markdown (a cell value) into phrasing content.
 * Autolink literals and strikethrough are GFM's inline extensions; tables and
 * footnotes are block constructs and do not apply inside a cell.
 */
export function parseInline(line: string): PhrasingContent[] {
  const root = fromMarkdown(line, {
    extensions: [inlineOnly, gfmAutolinkLiteral(), gfmStrikethrough()],
    mdastExtensions: [gfmAutolinkLiteralFromMarkdown(), gfmStrikethroughFromMarkdown()]
  })
  const nodes: PhrasingContent[] = []
  for (const child of root.children) {
    if (child.type === 'paragraph') nodes.push(...child.children)
  }
  return nodes
}

/** Matches a raw `<br>` line break in any of its spellings. */
export const lineBreakHtml = /^<br\s*\/?>$/i

/**
 * Split a multi-line text value into lines for a table cell. Line breaks may be
 * written as real newlines or as `<br />`; both end a line.
 */
export function splitCellLines(value: string): string[] {
  return value
    .split(/\r?\n|<br\s*\/?>/i)
    .map((line) => line.trim())
}

/** Walk every node below `node` (depth first), calling `visit` on each. */
export function walk(node: Root | RootContent, visit: (node: Root | RootContent) => void): void {
  visit(node)
  if ('children' in node) {
    for (const child of node.children) walk(child, visit)
  }
}
