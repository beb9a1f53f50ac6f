import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {pickText} from '../model/text.js'
import type {Entry, ListModel, Section} from '../model/types.js'
import {type EntryFacts, plainText} from './facts.js'
import {documentTree, href, type PageContext, t} from './layout.js'
import {inlineHast} from './markdown.js'
import {pageDir} from './paths.js'

/** Entries newest first: by `added`, then in document order, so the result never depends on file order. */
export function newestFirst(facts: readonly EntryFacts[]): EntryFacts[] {
  return facts
    .map((fact, index) => ({fact, index}))
    .sort((a, b) => b.fact.entry.added.localeCompare(a.fact.entry.added) || a.index - b.index)
    .map(({fact}) => fact)
}

/** The "what's new" page: every entry under the month it was added, newest month first. */
export function whatsNewPage(context: PageContext, facts: readonly EntryFacts[]) {
  const {model, locale} = context
  const sections = sectionsById(model)
  const months = new Map<string, EntryFacts[]>()
  for (const fact of newestFirst(facts)) {
    const month = fact.entry.added.slice(0, 7)
    months.set(month, [...(months.get(month) ?? []), fact])
  }
  const listDir = pageDir(model, locale, 'list')
  const listHref = href(context, listDir === '' ? '' : `${listDir}/`)
  const monthName = new Intl.DateTimeFormat(locale.id, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC'
  })
  const main: ElementContent[] = [h('h1', t(context, 'new.title')), h('p', t(context, 'new.intro'))]
  for (const [month, entries] of months) {
    const id = `month-${month}`
    main.push(
      h('section', {className: ['month'], ariaLabelledBy: id}, [
        h('h2', {id}, monthName.format(new Date(`${month}-01T00:00:00Z`))),
        h(
          'ol',
          {className: ['new-entries']},
          entries.map(fact => {
            const {entry} = fact
            const section = sections.get(entry.section)
            const description = entry.fields.description ?? entry.fields.details
            return h('li', [
              h('p', {className: ['entry-name']}, [
                h('a', {href: `${listHref}#${fact.id}`}, plainText(text(context, entry.name))),
                ' ',
                h('span', {className: ['meta']}, [
                  `${t(context, 'new.in')} `,
                  section
                    ? h('a', {href: `${listHref}#${section.id}`}, text(context, section.title))
                    : entry.section,
                  ' · ',
                  h('time', {dateTime: entry.added}, entry.added)
                ])
              ]),
              ...(description === undefined
                ? []
                : [h('p', {className: ['entry-text']}, inlineHast(text(context, description)))])
            ])
          })
        )
      ])
    )
  }
  return documentTree(context, `${t(context, 'new.title')} · ${t(context, 'title')}`, main)
}

function sectionsById(model: ListModel): Map<string, Section> {
  const byId = new Map<string, Section>()
  const walk = (nodes: ListModel['sections']) => {
    for (const node of nodes) {
      byId.set(node.section.id, node.section)
      walk(node.children)
    }
  }
  walk(model.sections)
  return byId
}

function text(context: PageContext, value: Entry['name']): string {
  return pickText(value, context.locale.id, context.order).text
}
