import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {ListModel, Locale} from '../model/types.js'
import {assets, feedFile, type PageKind, pageDir, relativeHref} from './paths.js'
import {type SiteStringKey, siteString} from './strings.js'

/** What every page of one locale needs: the model, the locale, its fallback order and where it sits. */
export interface PageContext {
  model: ListModel
  locale: Locale
  /** Locale ids in fallback order: this one first. */
  order: readonly string[]
  kind: PageKind
  /** Folder of the page relative to the site root. */
  dir: string
  /** Absolute URL of the site root (ending in `/`), when known: for canonical and hreflang links. */
  baseUrl: string | undefined
}

export function pageContext(
  model: ListModel,
  locale: Locale,
  kind: PageKind,
  baseUrl: string | undefined
): PageContext {
  const order = [locale.id, ...model.locales.map(l => l.id).filter(id => id !== locale.id)]
  return {model, locale, order, kind, dir: pageDir(model, locale, kind), baseUrl}
}

/** A site UI string in the page's locale. */
export function t(
  context: PageContext,
  key: SiteStringKey,
  values?: Record<string, string | number>
): string {
  return siteString(context.model.strings, key, context.order, values)
}

/** A link from this page to a file or folder given from the site root. */
export function href(context: PageContext, to: string): string {
  return relativeHref(context.dir, to)
}

/** The URL of another page, absolute when the site's address is known (search engines want that for hreflang). */
function pageUrl(context: PageContext, to: string): string {
  return context.baseUrl === undefined ? href(context, to) : new URL(to, context.baseUrl).href
}

/**
 * The document around a page's main content: head (language alternates, the
 * feed, the style sheet), a header with the navigation and the language
 * switcher. `script` adds the page script (only the list has one).
 */
export function documentTree(
  context: PageContext,
  title: string,
  main: ElementContent[],
  options: {script?: boolean} = {}
): Root {
  const {model, locale} = context
  const alternates = model.locales.map(other =>
    h('link', {
      rel: 'alternate',
      hrefLang: other.id,
      href: pageUrl(context, `${pageDir(model, other, context.kind)}/`.replace(/^\//, ''))
    })
  )
  const first = model.locales[0]
  if (first)
    alternates.push(
      h('link', {
        rel: 'alternate',
        hrefLang: 'x-default',
        href: pageUrl(context, `${pageDir(model, first, context.kind)}/`.replace(/^\//, ''))
      })
    )
  const head = h('head', [
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('meta', {name: 'color-scheme', content: 'light dark'}),
    h('title', title),
    h('meta', {name: 'description', content: t(context, 'tagline')}),
    ...alternates,
    h('link', {
      rel: 'alternate',
      type: 'application/atom+xml',
      title: t(context, 'feed.title'),
      href: href(context, feedFile(model, locale))
    }),
    h('link', {rel: 'stylesheet', href: href(context, assets.css)}),
    ...(options.script
      ? [
          h('script', {type: 'module', src: href(context, assets.script)}),
          // The search index loads while the page is parsed, not after the script runs.
          h('link', {
            rel: 'preload',
            href: href(context, assets.searchIndex),
            as: 'fetch',
            crossOrigin: 'anonymous'
          })
        ]
      : [])
  ])
  const body = h('body', [
    h('a', {className: ['skip'], href: '#main'}, t(context, 'nav.skip')),
    header(context),
    h('main', {id: 'main'}, main)
  ])
  return {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: locale.id, dir: 'ltr'}, [head, body])]
  }
}

function header(context: PageContext): Element {
  const {model, locale} = context
  const listDir = `${pageDir(model, locale, 'list')}/`.replace(/^\//, '')
  const newDir = `${pageDir(model, locale, 'new')}/`
  const current = (kind: PageKind) => (context.kind === kind ? {ariaCurrent: 'page'} : {})
  return h('header', {className: ['site-header']}, [
    h(
      'p',
      {className: ['site-title']},
      h('a', {href: href(context, listDir)}, t(context, 'title'))
    ),
    h('nav', {ariaLabel: t(context, 'title'), className: ['site-nav']}, [
      h('ul', [
        h('li', h('a', {href: href(context, listDir), ...current('list')}, t(context, 'nav.list'))),
        h('li', h('a', {href: href(context, newDir), ...current('new')}, t(context, 'nav.new'))),
        h('li', h('a', {href: href(context, feedFile(model, locale))}, t(context, 'nav.feed')))
      ])
    ]),
    h('nav', {ariaLabel: t(context, 'nav.language'), className: ['languages']}, [
      h(
        'ul',
        model.locales.map(other =>
          h(
            'li',
            h(
              'a',
              {
                href: href(context, `${pageDir(model, other, context.kind)}/`.replace(/^\//, '')),
                hrefLang: other.id,
                lang: other.id,
                ...(other.id === locale.id ? {ariaCurrent: 'true'} : {})
              },
              other.name
            )
          )
        )
      )
    ])
  ])
}
