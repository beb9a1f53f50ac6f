import type {ElementContent} from 'hast'
import type {Nodes as MdastNodes, PhrasingContent, Root, RootContent} from 'mdast'
import {toHast} from 'mdast-util-to-hast'
import {toString as mdastToString} from 'mdast-util-to-string'
import {lineBreakHtml, parseBlocks} from '../markdown/parse.js'
import {cellContent} from '../render/inline.js'

/** Link targets a page may carry; anything else (`javascript:`, `data:`) becomes plain text. */
const safeUrl = /^(?:https?:|mailto:|#|\.{0,2}\/)/i

/**
 * Inline Markdown of an entry field (one cell of the README) as hast: the same
 * parse as the README, the `<br />` between lines as a real line break, and no
 * raw HTML (mdast-util-to-hast drops `html` nodes unless told otherwise).
 */
export function inlineHast(text: string): ElementContent[] {
  return phrasingHast(cellContent(text))
}

/** Phrasing content built for the README (a table cell) as hast, sanitised. */
export function phrasingHast(nodes: readonly PhrasingContent[]): ElementContent[] {
  const paragraph = toHast({type: 'paragraph', children: nodes.map(node => sanitize(node))})
  return paragraph.type === 'element' ? paragraph.children : []
}

/** Block Markdown (section prose) as hast, sanitised the same way. */
export function blockHast(markdown: string): ElementContent[] {
  const parsed = parseBlocks(markdown)
  // The parse is cached and shared with the README renderer: copy before changing links.
  const root: Root = {type: 'root', children: parsed.children.map(node => sanitize(node))}
  const tree = toHast(root)
  return tree.type === 'root' ? (tree.children as ElementContent[]) : []
}

/** A copy of `node` with `<br>` as a break, other raw HTML removed, and unsafe links unwrapped. */
function sanitize<T extends RootContent | PhrasingContent>(node: T): T
function sanitize(node: MdastNodes): MdastNodes {
  if (node.type === 'html')
    return lineBreakHtml.test(node.value.trim()) ? {type: 'break'} : {type: 'text', value: ''}
  if ((node.type === 'link' || node.type === 'image') && !safeUrl.test(node.url.trim())) {
    return {type: 'text', value: node.type === 'link' ? mdastToString(node) : (node.alt ?? '')}
  }
  if ('children' in node) {
    return {
      ...node,
      children: (node.children as MdastNodes[]).map(child => sanitize(child as RootContent))
    } as MdastNodes
  }
  return node
}
