import type {Link, Literal, Root, RootContent, Text} from 'mdast'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {defaultHandlers, type Handle, type Options, toMarkdown} from 'mdast-util-to-markdown'

/**
 * Shortcuts past the serialiser's escaping, which runs every unsafe pattern
 * (CommonMark's and GFM's: tables, autolink literals, strikethrough) over
 * every text and URL and was most of a large build. Each applies only where no
 * pattern can match, and writes what the serialiser would; a test checks that
 * the output is byte-identical with and without them.
 *
 * A text is left as it is unless it holds a character some pattern names, or
 * a context-dependent one where a pattern can match it: at the start (a
 * neighbour may complete `](`, a list marker or a table delimiter), next to a
 * line ending, or as part of `www.` and `http:/` (also at the end, where the
 * next node may complete them). Two characters are common
 * enough in cells to be handled here: `|`, which GFM always writes `\|` in a
 * table cell (a pattern without context), and `@`, which is escaped only after
 * a character that can end an e-mail address's local part.
 */
const unsafeCharacter = /[<>`[\]\\_*#~=+&"!|\t\r\n\u007F]/
const unsafeContext = /^[.:()\-+\d]|[Ww]\.[-.\w]|[ps]:\//
/** The start of `www.` or `http:/` that the next node's text may complete. */
const completedByNext = /[Ww]\.$|[ps]:$/
/** A space is unsafe only next to a line ending (or the edge of the output). */
const lineEdge = /^[\r\n]?$/
/** What may come before `@` in an e-mail autolink literal. */
const localPartEnd = /[+\-.\w]/

const text: Handle = (node: Text, parent, state, info) => {
  const value = node.value
  // In an autolink (`<…>`) a pipe is percent-encoded instead: leave that to the library.
  const pipes =
    value.includes('|') && state.stack.includes('tableCell') && !state.stack.includes('autolink')
  const checked = pipes ? value.replaceAll('|', 'x') : value
  const needsEscaping =
    unsafeCharacter.test(checked) ||
    unsafeContext.test(checked) ||
    completedByNext.test(checked) ||
    (/^\s/.test(value) && lineEdge.test(info.before)) ||
    (/\s$/.test(value) && lineEdge.test(info.after)) ||
    (value.includes('@') && !atSignsInert(value, info.before))
  if (needsEscaping) return defaultHandlers.text(node, parent, state, info)
  return pipes ? value.replaceAll('|', '\\|') : value
}

function atSignsInert(value: string, before: string): boolean {
  for (let index = value.indexOf('@'); index !== -1; index = value.indexOf('@', index + 1)) {
    const previous = index === 0 ? before.slice(-1) : value[index - 1]!
    if (localPartEnd.test(previous)) return false
  }
  return true
}

/**
 * A URL in a link's destination needs no escaping when it has no spaces or
 * controls (which would enclose it in `<>`), no parentheses, backslash, `&` or `|`
 * (patterns of destinations and cells), no brackets (GFM's extensions escape
 * some) and nothing outside ASCII; the other patterns do not apply inside a
 * destination.
 */
const plainDestination = /^[A-Za-z0-9\-._~:/?#@!$*+,;=%']+$/

const link: Handle = (node: Link, parent, state, info) => {
  if (!plainDestination.test(node.url)) return defaultHandlers.link(node, parent, state, info)
  // Keep the library's link logic (autolinks, titles, enclosing); skip only escaping this URL as a destination.
  const safe = state.safe
  state.safe = (value, config) =>
    value === node.url && state.stack.at(-1) === 'destinationRaw'
      ? value
      : safe.call(state, value, config)
  try {
    return defaultHandlers.link(node, parent, state, info)
  } finally {
    state.safe = safe
  }
}

/**
 * A block already serialised by `serializeBlock`, kept in a tree as its text.
 * A large table's tree is many times the size of its Markdown; serialising
 * each table as soon as it is built keeps only one table's tree in memory.
 */
export interface SerializedBlock extends Literal {
  type: 'serializedBlock'
}

declare module 'mdast' {
  interface RootContentMap {
    serializedBlock: SerializedBlock
  }
}

const serializedBlock: Handle = (node: SerializedBlock) => node.value

/** Serialise one block now, exactly as it would be serialised in place in a document. */
export function serializeBlock(node: RootContent): SerializedBlock {
  return {
    type: 'serializedBlock',
    value: serialize({type: 'root', children: [node]}).replace(/\n$/, '')
  }
}

/**
 * Serialise a document the one way every generated README is written.
 * Tables are compact (no padding to align pipes): the hand-made lists were
 * mostly padding, and GitHub stops rendering a README above 512 KB.
 */
export function serialize(tree: Root, settings: {shortcuts?: boolean} = {}): string {
  const options: Options = {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    fences: true,
    listItemIndent: 'one',
    rule: '-',
    resourceLink: false,
    extensions: [gfmToMarkdown({tablePipeAlign: false, tableCellPadding: true})]
  }
  options.handlers =
    settings.shortcuts === false ? {serializedBlock} : {text, link, serializedBlock}
  return toMarkdown(tree, options)
}
