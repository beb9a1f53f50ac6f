import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {formatPushed, formatStars, type HealthLookup} from '../model/health.js'
import {pickText} from '../model/text.js'
import type {Entry, SectionNode} from '../model/types.js'
import {createContext, type RenderContext, uiString} from '../render/context.js'
import {columnTitle, entryCell} from '../render/table.js'
import {licenseKey} from './client/view.js'
import type {EntryFacts} from './facts.js'
import {documentTree, type PageContext, t} from './layout.js'
import {blockHast, inlineHast, phrasingHast} from './markdown.js'
import {assets} from './paths.js'

/** Columns shown as the entry's text rather than as a fact below it. */
const proseColumns = new Set(['name', 'description', 'details'])

/**
 * The list page of one locale: every section with its prose and its entries,
 * server-rendered so that it reads in full without JavaScript; the filter form
 * is hidden until the page script shows it.
 */
export function listPage(
  context: PageContext,
  health: HealthLookup,
  facts: ReadonlyMap<string, EntryFacts>
) {
  const render = createContext(context.model, context.locale, health)
  const all = [...facts.values()]
  const main: ElementContent[] = [
    h('h1', t(context, 'title')),
    h('p', {className: ['tagline']}, t(context, 'tagline')),
    filterForm(context, render, all),
    h(
      'p',
      {
        id: 'count',
        className: ['count'],
        role: 'status',
        ariaLive: 'polite',
        dataTemplate: t(context, 'count'),
        dataTotal: String(all.length)
      },
      t(context, 'total', {total: all.length})
    ),
    h('details', {className: ['toc']}, [
      h('summary', t(context, 'nav.sections')),
      h(
        'nav',
        {ariaLabel: t(context, 'nav.sections')},
        tableOfContents(render, context.model.sections)
      )
    ]),
    h(
      'div',
      {id: 'list'},
      context.model.sections.flatMap(node => sectionElements(render, node, facts))
    )
  ]
  return documentTree(context, t(context, 'title'), main, {script: true})
}

function tableOfContents(render: RenderContext, nodes: readonly SectionNode[]): Element {
  return h(
    'ul',
    nodes.map(node =>
      h('li', [
        h('a', {href: `#${node.section.id}`}, textOf(render, node.section.title)),
        ...(node.children.length > 0 ? [tableOfContents(render, node.children)] : [])
      ])
    )
  )
}

/** A section and, after it, its subsections: flat, so that the page script can hide each alone. */
function sectionElements(
  render: RenderContext,
  node: SectionNode,
  facts: ReadonlyMap<string, EntryFacts>
): Element[] {
  const {section} = node
  const level = Math.min(6, node.depth + 1)
  const children: ElementContent[] = [
    h(`h${level}`, {id: section.id}, [
      textOf(render, section.title),
      h('a', {className: ['anchor'], href: `#${section.id}`, ariaHidden: 'true', tabIndex: -1}, '#')
    ])
  ]
  if (section.intro !== undefined)
    children.push(h('div', {className: ['prose']}, blockHast(textOf(render, section.intro))))
  if (node.entries.length > 0)
    children.push(
      h(
        'ul',
        {className: ['entries']},
        node.entries.map(entry => entryElement(render, node, entry, facts.get(entry.file)))
      )
    )
  if (section.outro !== undefined)
    children.push(h('div', {className: ['prose']}, blockHast(textOf(render, section.outro))))
  return [
    h('section', {className: ['section'], dataSection: section.id}, children),
    ...node.children.flatMap(child => sectionElements(render, child, facts))
  ]
}

/** One entry as a card: its name and links, health mark, description, then its facts. */
function entryElement(
  render: RenderContext,
  node: SectionNode,
  entry: Entry,
  fact: EntryFacts | undefined
): Element {
  const name = textOf(render, entry.name)
  const nameLine: ElementContent[] = [link(render, entry.url, inlineHast(name))]
  for (const extra of entry.links)
    nameLine.push(
      {type: 'text', value: ' / '},
      link(render, extra.url, inlineHast(textOf(render, extra.name)))
    )
  if (fact?.mark !== undefined) {
    const label = uiString(render, `marks.${fact.mark}.label`)
    nameLine.push(
      {type: 'text', value: ' '},
      h('span', {className: ['mark', `mark-${fact.mark}`], title: label}, [
        h('span', {ariaHidden: 'true'}, uiString(render, `marks.${fact.mark}.symbol`)),
        h('span', {className: ['visually-hidden']}, label)
      ])
    )
  }
  const body: ElementContent[] = [h('p', {className: ['entry-name']}, nameLine)]
  for (const id of ['description', 'details'] as const) {
    const column = node.section.columns.find(c => c.id === id)
    const value = entry.fields[id]
    if (value !== undefined)
      body.push(
        h('p', {className: ['entry-text']}, phrasingHast(entryCell(render, entry, column ?? {id})))
      )
  }
  const list = factList(render, node, entry, fact)
  if (list) body.push(list)
  const health = fact?.health
  return h(
    'li',
    {
      className: ['entry', ...(fact?.mark ? [`is-${fact.mark}`] : [])],
      id: fact?.id,
      dataSections: fact?.sections.join(' '),
      dataLicense: fact?.license === undefined ? undefined : licenseKey(fact.license),
      dataLanguages: fact?.languages.join(' '),
      dataStatus: fact?.mark,
      dataAdded: entry.added,
      dataStars: health?.stars === undefined ? undefined : String(health.stars),
      dataName: name.toLowerCase()
    },
    body
  )
}

/** The entry's other columns, then the machine's facts the section does not show as columns. */
function factList(
  render: RenderContext,
  node: SectionNode,
  entry: Entry,
  fact: EntryFacts | undefined
): Element | undefined {
  const items: Element[] = []
  const item = (label: string, value: ElementContent[], className?: string) =>
    items.push(
      h('div', className ? {className: [className]} : {}, [h('dt', label), h('dd', value)])
    )
  const shown = new Set<string>()
  for (const column of node.section.columns) {
    if (proseColumns.has(column.id)) continue
    const value = entryCell(render, entry, column)
    if (value.length === 0) continue
    shown.add(column.id)
    item(columnTitle(render, column), phrasingHast(value), `fact-${column.id}`)
  }
  const health = fact?.health
  if (!shown.has('license') && fact?.license !== undefined)
    item(uiString(render, 'columns.license'), [{type: 'text', value: fact.license}], 'fact-license')
  if (!shown.has('stars') && health?.stars !== undefined)
    item(
      uiString(render, 'columns.stars'),
      [{type: 'text', value: `⭐ ${formatStars(health.stars)}`}],
      'fact-stars'
    )
  if (!shown.has('last_push') && health?.pushedAt !== undefined)
    item(
      uiString(render, 'columns.last_push'),
      [{type: 'text', value: formatPushed(health.pushedAt)}],
      'fact-last_push'
    )
  if (fact?.renamedTo !== undefined) {
    const target = /^https?:\/\//.test(fact.renamedTo)
      ? fact.renamedTo
      : `https://github.com/${fact.renamedTo}`
    item(
      t(pageOf(render), 'fact.renamed'),
      [h('a', {href: target}, fact.renamedTo)],
      'fact-renamed'
    )
  }
  item(
    t(pageOf(render), 'fact.added'),
    [h('time', {dateTime: entry.added}, entry.added)],
    'fact-added'
  )
  return items.length === 0 ? undefined : h('dl', {className: ['facts']}, items)
}

/** Enough of a page context for `t` from a render context (same model and fallback order). */
function pageOf(render: RenderContext): PageContext {
  return {
    model: render.model,
    locale: render.locale,
    order: render.order,
    kind: 'list',
    dir: '',
    baseUrl: undefined
  }
}

function link(
  render: RenderContext,
  url: Entry['url'],
  children: ElementContent[]
): ElementContent {
  if (url === undefined) return h('span', children)
  // A link cannot hold a link: keep the name's text when the name has one of its own.
  const nested = children.some(child => child.type === 'element' && child.tagName === 'a')
  return h('a', {href: textOf(render, url)}, nested ? [textContent(children)] : children)
}

function textContent(nodes: readonly ElementContent[]): string {
  return nodes
    .map(node =>
      node.type === 'text' ? node.value : node.type === 'element' ? textContent(node.children) : ''
    )
    .join('')
}

function textOf(render: RenderContext, value: Entry['name']): string {
  return pickText(value, render.locale.id, render.order).text
}

/** The search and filter form; hidden until the page script runs, since it does nothing without it. */
function filterForm(
  context: PageContext,
  render: RenderContext,
  all: readonly EntryFacts[]
): Element {
  const any = t(context, 'filters.any')
  const select = (name: string, label: string, options: Array<[string, string]>) =>
    h('div', {className: ['field']}, [
      h('label', {htmlFor: `f-${name}`}, label),
      h('select', {id: `f-${name}`, name}, [
        h('option', {value: ''}, any),
        ...options.map(([value, text]) => h('option', {value}, text))
      ])
    ])
  const sections: Array<[string, string]> = []
  const walk = (nodes: readonly SectionNode[]) => {
    for (const node of nodes) {
      sections.push([
        node.section.id,
        `${'\u2003'.repeat(node.depth - 1)}${textOf(render, node.section.title)}`
      ])
      walk(node.children)
    }
  }
  walk(context.model.sections)
  const licenses = new Map<string, string>()
  for (const fact of all)
    if (fact.license !== undefined && !licenses.has(licenseKey(fact.license)))
      licenses.set(licenseKey(fact.license), fact.license)
  const languageCounts = new Map<string, number>()
  for (const fact of all)
    for (const token of fact.languages)
      languageCounts.set(token, (languageCounts.get(token) ?? 0) + 1)
  const languages = [...languageCounts.keys()]
    .sort((a, b) => languageCounts.get(b)! - languageCounts.get(a)! || a.localeCompare(b))
    .map((token): [string, string] => {
      const key = `language.${token}`
      return [token, key in languageLabels ? t(context, key as 'language.en') : token]
    })
  const months = all.map(fact => fact.entry.added.slice(0, 7)).sort()
  return h(
    'form',
    {
      id: 'filters',
      className: ['filters'],
      role: 'search',
      ariaLabel: t(context, 'filters.label'),
      hidden: true,
      dataIndex: assets.searchIndex
    },
    [
      h('div', {className: ['field', 'field-search']}, [
        h('label', {htmlFor: 'f-q'}, t(context, 'filters.search')),
        h('input', {
          id: 'f-q',
          name: 'q',
          type: 'search',
          autoComplete: 'off',
          ariaDescribedBy: 'f-q-hint'
        }),
        h('small', {id: 'f-q-hint'}, t(context, 'filters.searchHint'))
      ]),
      h('details', {id: 'f-more', className: ['more']}, [
        h('summary', t(context, 'filters.more')),
        h('div', {className: ['more-fields']}, [
          select('section', t(context, 'filters.section'), sections),
          select(
            'license',
            t(context, 'filters.license'),
            [...licenses].sort((a, b) => a[1].localeCompare(b[1]))
          ),
          select('lang', t(context, 'filters.language'), languages),
          h('div', {className: ['field']}, [
            h('label', {htmlFor: 'f-since'}, t(context, 'filters.since')),
            h('input', {
              id: 'f-since',
              name: 'since',
              type: 'month',
              min: months[0],
              max: months.at(-1)
            })
          ]),
          h('div', {className: ['field']}, [
            h('label', {htmlFor: 'f-sort'}, t(context, 'filters.sort')),
            h(
              'select',
              {id: 'f-sort', name: 'sort'},
              (['list', 'added', 'name', 'stars'] as const).map(key =>
                h('option', {value: key}, t(context, `sort.${key}`))
              )
            )
          ]),
          h('div', {className: ['field', 'field-check']}, [
            h('input', {id: 'f-hide', name: 'hide', type: 'checkbox', value: 'gone'}),
            h('label', {htmlFor: 'f-hide'}, t(context, 'filters.hideGone'))
          ]),
          h('div', {className: ['field', 'field-reset']}, [
            h('button', {type: 'reset'}, t(context, 'filters.reset'))
          ])
        ])
      ])
    ]
  )
}

const languageLabels = {'language.en': true, 'language.zh': true, 'language.multi': true}
