import type {Root} from 'mdast'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {toMarkdown} from 'mdast-util-to-markdown'

/**
 * Serialise a document the one way every generated README is written.
 * Tables are compact (no padding to align pipes): the hand-made lists were
 * mostly padding, and GitHub stops rendering a README above 512 KB.
 */
export function serialize(tree: Root): string {
  return toMarkdown(tree, {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    fences: true,
    listItemIndent: 'one',
    rule: '-',
    resourceLink: false,
    extensions: [gfmToMarkdown({tablePipeAlign: false, tableCellPadding: true})]
  })
}
