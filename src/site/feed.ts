import type {Element, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {pickText} from '../model/text.js'
import type {Entry} from '../model/types.js'
import {type EntryFacts, plainText} from './facts.js'
import {type PageContext, t} from './layout.js'
import {inlineHast} from './markdown.js'
import {feedFile, pageDir} from './paths.js'
import {newestFirst} from './whats-new.js'

/** How many entries a feed carries. */
export const feedSize = 50

/** Namespace of tag URIs (RFC 4151) that name the feed and its entries whatever the site's address. */
const tagPrefix = 'tag:open-source-chatgpt-and-beyond,2023:'

/**
 * The Atom feed (RFC 4287) of one locale: the most recent entries by `added`.
 * Dates come from the data, never the clock, so the same entries give the same
 * bytes. Built as a tree and serialised as XML (no string templates), with the
 * entry's description as escaped HTML content and as plain text.
 */
export function atomFeed(context: PageContext, facts: readonly EntryFacts[]): string {
  const {model, locale} = context
  const recent = newestFirst(facts).slice(0, feedSize)
  const updated = `${recent[0]?.entry.added ?? '1970-01-01'}T00:00:00Z`
  const listDir = pageDir(model, locale, 'list')
  const links: Element[] = []
  if (context.baseUrl !== undefined) {
    links.push(
      h('link', {
        rel: 'alternate',
        type: 'text/html',
        href: new URL(listDir === '' ? './' : `${listDir}/`, context.baseUrl).href
      }),
      h('link', {
        rel: 'self',
        type: 'application/atom+xml',
        href: new URL(feedFile(model, locale), context.baseUrl).href
      })
    )
  }
  const feed = h('feed', {xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': locale.id}, [
    h('title', t(context, 'feed.title')),
    h('subtitle', t(context, 'tagline')),
    h('id', `${tagPrefix}feed/${locale.id}`),
    h('updated', updated),
    h('author', [h('name', t(context, 'feed.author'))]),
    ...links,
    ...recent.map(fact => feedEntry(context, fact))
  ])
  const root: Root = {type: 'root', children: [feed]}
  // SVG space: element names kept as written and empty elements closed (`<link … />`), as XML wants.
  const xml = toHtml(root, {space: 'svg', closeEmptyElements: true, tightSelfClosing: false})
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml}\n`
}

function feedEntry(context: PageContext, fact: EntryFacts): Element {
  const {entry} = fact
  const name = plainText(text(context, entry.name))
  const description = entry.fields.description ?? entry.fields.details
  const url = entry.url === undefined ? undefined : text(context, entry.url)
  const date = `${entry.added}T00:00:00Z`
  return h('entry', [
    h('title', name),
    h('id', `${tagPrefix}entry/${entry.section}/${entry.slug}`),
    h('published', date),
    h('updated', date),
    ...(url === undefined ? [] : [h('link', {rel: 'alternate', href: url})]),
    h('category', {term: entry.section}),
    ...(description === undefined
      ? []
      : [
          h('summary', {type: 'text'}, plainText(text(context, description))),
          h(
            'content',
            {type: 'html'},
            toHtml({type: 'root', children: [h('p', inlineHast(text(context, description)))]})
          )
        ])
  ])
}

function text(context: PageContext, value: Entry['name']): string {
  return pickText(value, context.locale.id, context.order).text
}
