import type {Literal, Root, RootContent, Text} from 'mdast'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {defaultHandlers, type Handle, type Options, toMarkdown} from 'mdast-util-to-markdown'

/**
 * A text value is changed by the serialiser's escaping only if it holds one of
 * the characters its unsafe patterns name (CommonMark's and GFM's: tables,
 * autolink literals, strikethrough), or one of the context-dependent ones in a
 * position where a pattern can match it: at the start (a neighbour may
 * complete `](`, a list marker or a table delimiter), next to a line ending, or
 * as part of `www.` and `http:/`. Anything else is returned as it is, which
 * skips running every pattern over most cell texts. A test checks that the
 * output is byte-identical with and without this shortcut.
 */
const unsafeCharacter = /[<>`[\]\\_*#~=+&"!|\t\r\n\u007F@]/
const unsafeContext = /^[.:()\-+\d]|[Ww]\.[-.\w]|[ps]:\//
/** A space is unsafe only next to a line ending (or the edge of the output). */
const lineEdge = /^[\r\n]?$/

const text: Handle = (node: Text, parent, state, info) => {
  const value = node.value
  const needsEscaping =
    unsafeCharacter.test(value) ||
    unsafeContext.test(value) ||
    (/^\s/.test(value) && lineEdge.test(info.before)) ||
    (/\s$/.test(value) && lineEdge.test(info.after))
  return needsEscaping ? defaultHandlers.text(node, parent, state, info) : value
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
  return {type: 'serializedBlock', value: serialize({type: 'root', children: [node]}).replace(/\n$/, '')}
}

/**
 * Serialise a document the one way every generated README is written.
 * Tables are compact (no padding to align pipes): the hand-made lists were
 * mostly padding, and GitHub stops rendering a README above 512 KB.
 */
export function serialize(tree: Root, settings: {fastText?: boolean} = {}): string {
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
  options.handlers = settings.fastText === false ? {serializedBlock} : {text, serializedBlock}
  return toMarkdown(tree, options)
}
