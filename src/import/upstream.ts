import type {Heading, RootContent, Table, TableCell} from 'mdast'
import {toString as textOf} from 'mdast-util-to-string'
import {parseBlocks} from '../markdown/parse.js'

/** A table cell of a hand-made README: its parsed node and its Markdown source. */
export interface UpstreamCell {
  node: TableCell
  /** Source of the cell's content, trimmed (empty for an empty cell). */
  source: string
}

/** One section of a hand-made README: a heading and what follows it up to the next heading. */
export interface UpstreamSection {
  title: string
  /** 1 for `#`, 2 for `##`, … */
  depth: number
  line: number
  /** Markdown source of the blocks before the table (or of all blocks when there is no table). */
  intro: string
  outro: string
  table?: {headers: string[]; rows: Array<{line: number; cells: UpstreamCell[]}>}
}

export interface UpstreamDocument {
  /** Blocks before the first section heading (title, intro, table of contents). */
  preamble: string
  sections: UpstreamSection[]
}

/**
 * Split a hand-made list into sections. A section starts at each heading after
 * the document title; its first table is the section's table.
 */
export function parseUpstream(source: string): UpstreamDocument {
  const tree = parseBlocks(source)
  const slice = (node: RootContent) =>
    source.slice(node.position!.start.offset!, node.position!.end.offset!)
  const sections: UpstreamSection[] = []
  const preamble: RootContent[] = []
  let current:
    | {heading: Heading; before: RootContent[]; table?: Table; after: RootContent[]}
    | undefined
  const finish = () => {
    if (!current) return
    const {heading, before, table, after} = current
    sections.push({
      title: textOf(heading).trim(),
      depth: heading.depth,
      line: heading.position!.start.line,
      intro: before.map(slice).join('\n\n'),
      outro: after.map(slice).join('\n\n'),
      ...(table ? {table: readTable(source, table)} : {})
    })
  }
  let seenTitle = false
  for (const node of tree.children) {
    if (node.type === 'heading') {
      // The first level-1 heading is the document title; the upstream table of contents sits in HTML after it.
      if (!seenTitle && node.depth === 1) {
        seenTitle = true
        preamble.push(node)
        continue
      }
      finish()
      current = {heading: node, before: [], after: []}
      continue
    }
    if (!current) preamble.push(node)
    else if (node.type === 'table' && !current.table) current.table = node
    else (current.table ? current.after : current.before).push(node)
  }
  finish()
  return {preamble: preamble.map(slice).join('\n\n'), sections}
}

function readTable(source: string, table: Table): NonNullable<UpstreamSection['table']> {
  const [head, ...body] = table.children
  const cellSource = (cell: TableCell): string => {
    const first = cell.children[0]
    const last = cell.children.at(-1)
    if (!first || !last) return ''
    return source.slice(first.position!.start.offset!, last.position!.end.offset!).trim()
  }
  return {
    headers: (head?.children ?? []).map(cell => textOf(cell).replace(/\s+/g, ' ').trim()),
    rows: body.map(row => ({
      line: row.position!.start.line,
      cells: row.children.map(node => ({node, source: cellSource(node)}))
    }))
  }
}
