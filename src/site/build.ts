import {toHtml} from 'hast-util-to-html'
import type {HealthLookup} from '../model/health.js'
import type {ListModel} from '../model/types.js'
import type {StatusFile} from '../status/types.js'
import {atomFeed} from './feed.js'
import {listFacts} from './facts.js'
import {pageContext} from './layout.js'
import {listPage} from './list-page.js'
import {assets, feedFile, pageFile} from './paths.js'
import {searchIndex} from './search-index.js'
import {siteStyle} from './style.js'
import {whatsNewPage} from './whats-new.js'

/** One file of the site, relative to its root. */
export interface SiteFile {
  path: string
  content: string
}

export interface SiteOptions {
  /** The page script, bundled for browsers (`assets/site.js`). */
  script: string
  /** Absolute URL of the site's root, for the feed's links and hreflang; relative links without it. */
  baseUrl?: string
}

/**
 * Every file of the static site, from the same model and status as the
 * READMEs. Pure and deterministic: the same inputs give the same files, in
 * the same order.
 */
export function buildSite(
  model: ListModel,
  health: HealthLookup,
  status: StatusFile,
  options: SiteOptions
): SiteFile[] {
  const facts = listFacts(model, health, status)
  const byFile = new Map(facts.map(fact => [fact.entry.file, fact]))
  const files: SiteFile[] = []
  for (const locale of model.locales) {
    const list = pageContext(model, locale, 'list', options.baseUrl)
    files.push({
      path: pageFile(model, locale, 'list'),
      content: html(listPage(list, health, byFile))
    })
    const whatsNew = pageContext(model, locale, 'new', options.baseUrl)
    files.push({path: pageFile(model, locale, 'new'), content: html(whatsNewPage(whatsNew, facts))})
    files.push({path: feedFile(model, locale), content: atomFeed(list, facts)})
  }
  files.push(
    {path: assets.css, content: siteStyle},
    {path: assets.script, content: options.script},
    {path: assets.searchIndex, content: `${JSON.stringify(searchIndex(model, facts))}\n`}
  )
  return files
}

function html(tree: Parameters<typeof toHtml>[0]): string {
  return `${toHtml(tree)}\n`
}
