import type {PhrasingContent, Table, TableCell, TableRow} from 'mdast'
import {formatPushed, formatStars, healthMarks} from '../model/health.js'
import {allSections} from '../model/build.js'
import {type Column, type Entry, isTextField, type SectionNode} from '../model/types.js'
import {localize, type RenderContext, sectionHref, uiString} from './context.js'
import {cellContent} from './inline.js'

/** Separator between several projects listed in one cell. */
const linkSeparator = ' / '

/** The table of a section: one header row from its columns, one row per entry. */
export function sectionTable(context: RenderContext, node: SectionNode): Table {
  const columns = shownColumns(context, node)
  const header: TableRow = {
    type: 'tableRow',
    children: columns.map(column => cell([{type: 'text', value: columnTitle(context, column)}]))
  }
  const rows = node.entries.map(
    (entry): TableRow => ({
      type: 'tableRow',
      children: columns.map(column => cell(entryCell(context, entry, column)))
    })
  )
  return {type: 'table', align: columns.map(() => null), children: [header, ...rows]}
}

/**
 * The section's columns, less a stars or last-push column no entry has a
 * value for yet (before the first run of the checker): an empty column
 * tells readers nothing.
 */
export function shownColumns(context: RenderContext, node: SectionNode): readonly Column[] {
  return node.section.columns.filter(
    column =>
      (column.id !== 'stars' && column.id !== 'last_push') ||
      node.entries.some(entry => entryCell(context, entry, column).length > 0)
  )
}

export function columnTitle(context: RenderContext, column: Column): string {
  return column.title === undefined
    ? uiString(context, `columns.${column.id}`)
    : localize(context, column.title)
}

/** The content of one entry's cell in one column. */
export function entryCell(context: RenderContext, entry: Entry, column: Column): PhrasingContent[] {
  if (column.id === 'name') return nameCell(context, entry)
  if (column.id === 'stars' || column.id === 'last_push') {
    const health = context.health(entry.file)
    const value =
      column.id === 'stars'
        ? health?.stars === undefined
          ? undefined
          : `⭐ ${formatStars(health.stars)}`
        : health?.pushedAt === undefined
          ? undefined
          : formatPushed(health.pushedAt)
    return value === undefined ? [] : [{type: 'text', value}]
  }
  if (!isTextField(column.id)) return []
  const value = entry.fields[column.id]
  if (column.id === 'license' && value === undefined) return foundLicense(context, entry)
  const prose = column.id === 'description' || column.id === 'details'
  return value === undefined ? [] : cellContent(localize(context, value, prose))
}

/**
 * The license the checker found in the repository, for an entry that gives
 * none: in italics, which the legend explains, so it is not taken for the
 * editors' word. Only an SPDX-shaped id is shown (it comes from the network).
 */
function foundLicense(context: RenderContext, entry: Entry): PhrasingContent[] {
  const license = context.health(entry.file)?.license
  if (license === undefined || !/^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/.test(license)) return []
  if (/^(NOASSERTION|other|unknown)$/i.test(license)) return []
  context.factsUsed.add('license')
  return [{type: 'emphasis', children: [{type: 'text', value: license}]}]
}

/** The project cell: the main link, then any further projects, separated by a slash. */
function nameCell(context: RenderContext, entry: Entry): PhrasingContent[] {
  const name = cellContent(localize(context, entry.name))
  const nodes: PhrasingContent[] =
    entry.url === undefined ? name : [link(localize(context, entry.url), name)]
  for (const extra of entry.links) {
    nodes.push(
      {type: 'text', value: linkSeparator},
      link(extra.url, cellContent(localize(context, extra.name)))
    )
  }
  for (const mark of healthMarks(context.health(entry.file))) {
    context.marksUsed.add(mark)
    nodes.push({type: 'text', value: ` ${uiString(context, `marks.${mark}.symbol`)}`})
  }
  if (entry.seeAlso !== undefined) nodes.push(...seeAlso(context, entry.seeAlso))
  return nodes
}

/** ` (see also: [Section](#section))`: the other listing of the same project, by its section's anchor. */
function seeAlso(context: RenderContext, ref: string): PhrasingContent[] {
  const id = ref.slice(0, ref.indexOf('/'))
  const section = allSections(context.model.sections).find(node => node.section.id === id)?.section
  if (section === undefined) return []
  return [
    {type: 'text', value: ` (${uiString(context, 'see_also')}`},
    {
      type: 'link',
      url: sectionHref(context, id),
      children: [{type: 'text', value: localize(context, section.title)}]
    },
    {type: 'text', value: ')'}
  ]
}

function link(url: string, children: PhrasingContent[]): PhrasingContent {
  // A link cannot contain a link or a line break; keep the name's text only in that case.
  const safe = children.every(
    child =>
      child.type === 'text' ||
      child.type === 'emphasis' ||
      child.type === 'strong' ||
      child.type === 'inlineCode' ||
      child.type === 'delete'
  )
  return {
    type: 'link',
    url,
    children: safe
      ? (children as Array<Exclude<PhrasingContent, {type: 'link'}>>)
      : [{type: 'text', value: plain(children)}]
  }
}

function plain(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map(node =>
      'value' in node && node.type !== 'html'
        ? node.value
        : 'children' in node
          ? plain(node.children as PhrasingContent[])
          : ' '
    )
    .join('')
}

function cell(children: PhrasingContent[]): TableCell {
  return {type: 'tableCell', children}
}
