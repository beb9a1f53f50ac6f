import path from 'node:path'
import type {ListModel, Locale} from '../model/types.js'

/** The pages of the site, per locale: the first locale at the root, the others in a folder of their id. */
export type PageKind = 'list' | 'new'

/** The folder of a page, relative to the site root (`''`, `zh`, `new`, `zh/new`). */
export function pageDir(model: ListModel, locale: Locale, kind: PageKind): string {
  const base = locale.id === model.locales[0]?.id ? '' : locale.id
  return kind === 'list' ? base : path.posix.join(base, 'new')
}

/** The HTML file of a page, relative to the site root. */
export function pageFile(model: ListModel, locale: Locale, kind: PageKind): string {
  return path.posix.join(pageDir(model, locale, kind), 'index.html')
}

/** The Atom feed of a locale, relative to the site root. */
export function feedFile(model: ListModel, locale: Locale): string {
  return path.posix.join(pageDir(model, locale, 'list'), 'feed.xml')
}

/** A relative link from the folder `fromDir` to the file or folder `to` (folders end in `/`). */
export function relativeHref(fromDir: string, to: string): string {
  const isDir = to === '' || to.endsWith('/')
  const relative = path.posix.relative(fromDir || '.', to.replace(/\/$/, '') || '.')
  if (isDir) return relative === '' ? './' : `${relative}/`
  return relative
}

/** Static assets shared by every page. */
export const assets = {
  css: 'assets/site.css',
  script: 'assets/site.js',
  searchIndex: 'assets/search.json'
} as const
