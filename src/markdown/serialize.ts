import type {
  Link,
  Literal,
  PhrasingContent,
  Root,
  RootContent,
  Strong,
  Table,
  TableCell,
  Text
} from 'mdast'
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
const unsafeContext = /[Ww]\.[-.\w]|[ps]:\//
/** A start that a line break before it makes a list item, or the previous character completes. */
const unsafeStart = /^[.:()\-+\d]/
/** The start of `www.` or `http:/` that the next node's text may complete. */
const completedByNext = /[Ww]\.$|[ps]:$/
/** A space is unsafe only next to a line ending (or the edge of the output). */
const lineEdge = /^[\r\n]?$/
/** What may come before `@` in an e-mail autolink literal. */
const localPartEnd = /[+\-.\w]/

const text: Handle = (node: Text, parent, state, info) => {
  // In an autolink (`<…>`) a pipe is percent-encoded instead: leave that to the library.
  const inCell = state.stack.includes('tableCell') && !state.stack.includes('autolink')
  return (
    plainText(node.value, info.before, info.after, inCell) ??
    defaultHandlers.text(node, parent, state, info)
  )
}

/** A text as the serialiser would write it, when no escaping can apply; else `undefined`. */
function plainText(value: string, before: string, after: string, inCell: boolean) {
  const pipes = inCell && value.includes('|')
  const checked = pipes ? value.replaceAll('|', 'x') : value
  const needsEscaping =
    unsafeCharacter.test(checked) ||
    unsafeContext.test(checked) ||
    (inCell ? unsafeStartInCell(value, before) : unsafeStart.test(value)) ||
    completedByNext.test(checked) ||
    (/^\s/.test(value) && lineEdge.test(before)) ||
    (/\s$/.test(value) && lineEdge.test(after)) ||
    (value.includes('@') && !atSignsInert(value, before))
  if (needsEscaping) return undefined
  return pipes ? value.replaceAll('|', '\\|') : value
}

/**
 * A table cell is one line: no line break comes before a text there, so of the
 * starts above only those the previous character completes matter (`](`, `w.`,
 * `p:`). With nothing known before (a peek), or a line ending, the general rule.
 */
function unsafeStartInCell(value: string, before: string): boolean {
  const previous = before.slice(-1)
  if (previous === '' || previous === '\n' || previous === '\r') return unsafeStart.test(value)
  const first = value[0]
  return (
    (first === '(' && previous === ']') ||
    (first === '.' && /[Ww]/.test(previous)) ||
    (first === ':' && /[ps]/.test(previous))
  )
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
 * A table, written without the serialiser's phrasing machinery for the cells
 * that need none: plain texts (see `plainText`), `<br />`-style HTML, links
 * with a plain destination and a plain label, and simple bold (see
 * `plainStrong`). A README is mostly such
 * cells, and serialising them one node at a time (each one twice, to peek at
 * the next) was most of a build. Any other cell goes to the library's cell
 * handler; the layout is the library's for compact tables (no padding to
 * align pipes, rows not filled). A test compares the output with the
 * library's on the real READMEs and on random tables.
 */
const table: Handle = (node: Table, _parent, state, info) => {
  const exitTable = state.enter('table')
  const matrix = node.children.map(row => {
    const exitRow = state.enter('tableRow')
    const cells = row.children.map(
      cell => plainCell(cell) ?? state.handle(cell, row, state, {...info, before: '', after: ''})
    )
    exitRow()
    return cells
  })
  exitTable()
  const head = matrix[0]
  if (head) {
    const columns = node.align?.length || Math.max(...matrix.map(row => row.length))
    while (head.length < columns) head.push('')
  }
  return compactTable(matrix, node.align ?? [])
}

/** A cell's Markdown when all its content is plain (see `table`); else `undefined`. */
function plainCell(cell: TableCell): string | undefined {
  let output = ''
  /** Whether the last node was bold: what follows it must not change how it reads. */
  let afterBold = false
  for (const child of cell.children) {
    // Inside a padded cell the serialiser sees a space before the first node.
    const before = output === '' ? ' ' : output.slice(-1)
    const value =
      child.type === 'strong' ? plainStrong(child, before) : plainPhrasing(child, before)
    if (value === undefined) return undefined
    if (afterBold && !boldFollower.test(value)) return undefined
    afterBold = child.type === 'strong'
    output += value
  }
  return output
}

/** What may follow `**bold**` in the shortcut: the cell's end, a space, or punctuation that closes. */
const boldFollower = /^[ .,;:?)]/
/** Bold text the shortcut writes: letters or digits at both ends, nothing escaped inside. */
const plainBold = /^[A-Za-z0-9](?:.*[A-Za-z0-9])?$/

/**
 * `**text**` after a space, with a letter or digit at each end inside: the
 * serialiser's preferred markers, with nothing to encode on either side.
 * Anything else (another marker, a neighbour that is a letter or a `*`) is
 * the library's to decide.
 */
function plainStrong(node: Strong, before: string): string | undefined {
  const [child, ...rest] = node.children
  if (before !== ' ' || child?.type !== 'text' || rest.length > 0) return undefined
  if (!plainBold.test(child.value)) return undefined
  const inner = plainText(child.value, '*', '*', true)
  return inner === child.value ? `**${inner}**` : undefined
}

function plainPhrasing(node: PhrasingContent, before: string): string | undefined {
  // The character after a node matters only at a line edge, which a cell never has; a space stands in.
  if (node.type === 'text')
    return node.value === '' ? undefined : plainText(node.value, before, ' ', true)
  if (node.type === 'html')
    return node.value === '' || /[\r\n|]/.test(node.value) ? undefined : node.value
  if (node.type !== 'link' || node.title || !plainDestination.test(node.url)) return undefined
  let label = ''
  for (const child of node.children) {
    if (child.type !== 'text' || child.value === '') return undefined
    const value = plainText(child.value, label === '' ? '[' : label.slice(-1), ']', true)
    if (value === undefined) return undefined
    label += value
  }
  // A label that repeats the URL is written as an autolink (`<…>`): the library's case.
  const raw = node.children.map(child => (child as Text).value).join('')
  if (raw === node.url || `mailto:${raw}` === node.url) return undefined
  return `[${label}](${node.url})`
}

/** The layout of `markdown-table` with padding, without aligned pipes or filled rows. */
function compactTable(matrix: string[][], align: Table['align']): string {
  const columns = Math.max(0, ...matrix.map(row => row.length))
  const delimiters = Array.from({length: columns}, (_, index) => {
    const code = align?.[index]
    return code === 'center' ? ':-:' : code === 'left' ? ':-' : code === 'right' ? '-:' : '-'
  })
  const rows = [...matrix]
  rows.splice(1, 0, delimiters)
  return rows
    .map((row, index) => {
      const count = Math.max(1, (index === 1 ? rows[0]! : row).length)
      let line = ''
      for (let column = 0; column < count; column++) {
        const cell = row[column] ?? ''
        line += `${column === 0 ? '|' : ''}${cell === '' ? '' : ' '}${cell} |`
      }
      return line
    })
    .join('\n')
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
    settings.shortcuts === false ? {serializedBlock} : {text, link, table, serializedBlock}
  return toMarkdown(tree, options)
}
