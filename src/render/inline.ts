import type {PhrasingContent} from 'mdast'
import {parseInline, splitCellLines} from '../markdown/parse.js'

/**
 * A cell value as phrasing content: each line is parsed as inline Markdown and
 * lines are joined with `<br />`, the only line break a GFM table cell has.
 */
export function cellContent(text: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = []
  for (const [index, line] of splitCellLines(text).entries()) {
    if (index > 0) nodes.push({type: 'html', value: '<br />'})
    nodes.push(...parseInline(line))
  }
  return nodes
}
