/**
 * The view a reader asks for (search, filters, sort) and how an entry is
 * matched against it. Pure and shared: the page script runs it in the
 * browser, the build uses the same normalisation for the search index, and
 * tests run it in Node.
 */

export type SortKey = 'list' | 'added' | 'name' | 'stars'
export const sortKeys: readonly SortKey[] = ['list', 'added', 'name', 'stars']

export interface ViewState {
  /** Free text; every term must occur in the entry's names or descriptions (any language). */
  q: string
  /** A section id: the entry is in it or in one of its subsections. */
  section: string
  /** A license key (see `licenseKey`). */
  license: string
  /** A language token of the language column (`en`, `zh`, `multi`). */
  lang: string
  /** `YYYY-MM`: added in that month or later. */
  since: string
  /** Hide dead and archived projects. */
  hideGone: boolean
  sort: SortKey
}

export const defaultView: ViewState = {
  q: '',
  section: '',
  license: '',
  lang: '',
  since: '',
  hideGone: false,
  sort: 'list'
}

/** The facts of one entry the view filters and sorts on (the page keeps them as `data-*`). */
export interface EntryView {
  sections: readonly string[]
  license: string
  languages: readonly string[]
  status: string
  added: string
  stars: number | undefined
  /** Normalised names and descriptions in every language (`normalizeForSearch`). */
  text: string
}

/** Text as the search compares it: compatibility forms folded (full-width letters), lower case. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** A license as a filter value: its text, normalised, so `MIT` and `mit` are one option. */
export function licenseKey(license: string): string {
  return normalizeForSearch(license)
}

const han = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/**
 * The terms of a query. Words are split at spaces; a run of Chinese (which has
 * no spaces) is split into words with `Intl.Segmenter` when the runtime has it,
 * so `中文对齐` finds text containing 中文 and 对齐 apart. Matching is by
 * substring, so a term also matches inside a longer word.
 */
export function queryTerms(query: string): string[] {
  const terms: string[] = []
  for (const token of normalizeForSearch(query).split(' ')) {
    if (token === '') continue
    if (han.test(token) && typeof Intl.Segmenter === 'function') {
      const segmenter = new Intl.Segmenter('zh', {granularity: 'word'})
      for (const {segment, isWordLike} of segmenter.segment(token))
        if (isWordLike && segment.trim() !== '') terms.push(segment)
    } else terms.push(token)
  }
  return [...new Set(terms)]
}

/** Whether an entry is shown in the view (`terms` from `queryTerms(view.q)`). */
export function matchesView(entry: EntryView, view: ViewState, terms: readonly string[]): boolean {
  if (view.section !== '' && !entry.sections.includes(view.section)) return false
  if (view.license !== '' && entry.license !== view.license) return false
  if (view.lang !== '' && !entry.languages.includes(view.lang)) return false
  if (view.since !== '' && entry.added < `${view.since}-01`) return false
  if (view.hideGone && (entry.status === 'dead' || entry.status === 'archived')) return false
  return terms.every(term => entry.text.includes(term))
}

/** Whether the view shows less than everything (then empty sections are hidden too). */
export function isFiltered(view: ViewState): boolean {
  return (
    view.q.trim() !== '' ||
    view.section !== '' ||
    view.license !== '' ||
    view.lang !== '' ||
    view.since !== '' ||
    view.hideGone
  )
}

const month = /^\d{4}-(0[1-9]|1[0-2])$/

/** The view in a URL's query (`?q=…&lang=zh&hide=gone&sort=stars`); unknown or malformed values are ignored. */
export function viewFromSearch(search: string): ViewState {
  const params = new URLSearchParams(search)
  const sort = params.get('sort') ?? ''
  const since = params.get('since') ?? ''
  return {
    q: params.get('q') ?? '',
    section: params.get('section') ?? '',
    license: params.get('license') ?? '',
    lang: params.get('lang') ?? '',
    since: month.test(since) ? since : '',
    hideGone: params.get('hide') === 'gone',
    sort: (sortKeys as readonly string[]).includes(sort) ? (sort as SortKey) : 'list'
  }
}

/** The URL query for a view, without defaults, in a fixed order (empty for the default view). */
export function searchFromView(view: ViewState): string {
  const params = new URLSearchParams()
  if (view.q.trim() !== '') params.set('q', view.q.trim())
  if (view.section !== '') params.set('section', view.section)
  if (view.license !== '') params.set('license', view.license)
  if (view.lang !== '') params.set('lang', view.lang)
  if (view.since !== '') params.set('since', view.since)
  if (view.hideGone) params.set('hide', 'gone')
  if (view.sort !== 'list') params.set('sort', view.sort)
  const query = params.toString()
  return query === '' ? '' : `?${query}`
}

/** Comparator for a sort key; `list` keeps document order (`order`). */
export function compareEntries(
  sort: SortKey,
  a: {order: number; added: string; name: string; stars: number | undefined},
  b: {order: number; added: string; name: string; stars: number | undefined}
): number {
  const byOrder = a.order - b.order
  if (sort === 'added') return b.added.localeCompare(a.added) || byOrder
  if (sort === 'name') return a.name.localeCompare(b.name) || byOrder
  if (sort === 'stars') return (b.stars ?? -1) - (a.stars ?? -1) || byOrder
  return byOrder
}
