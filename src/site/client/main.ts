/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The list page's script: search, filters and sort over the server-rendered
 * entries, with the view kept in the URL. Without it the page shows the whole
 * list; with it, entries and sections are hidden or reordered, never built.
 */
import {
  compareEntries,
  type EntryView,
  isFiltered,
  matchesView,
  queryTerms,
  searchFromView,
  sortKeys,
  type SortKey,
  type ViewState,
  viewFromSearch
} from './view.js'

interface Item {
  element: HTMLElement
  list: HTMLElement
  section: Element | null
  order: number
  name: string
  view: EntryView
}

const form = document.querySelector<HTMLFormElement>('#filters')
const count = document.querySelector<HTMLElement>('#count')
if (form && count) start(form, count)

function start(form: HTMLFormElement, count: HTMLElement): void {
  const items: Item[] = [...document.querySelectorAll<HTMLElement>('li.entry')].map(
    (element, order) => {
      const data = element.dataset
      return {
        element,
        list: element.parentElement as HTMLElement,
        section: element.closest('section'),
        order,
        name: data['name'] ?? '',
        view: {
          sections: (data['sections'] ?? '').split(' '),
          license: data['license'] ?? '',
          languages: (data['languages'] ?? '').split(' ').filter(Boolean),
          status: data['status'] ?? '',
          added: data['added'] ?? '',
          stars: data['stars'] === undefined ? undefined : Number(data['stars']),
          // Filled from the search index; until it arrives only the page's own language is searched.
          text: (element.textContent ?? '').normalize('NFKC').toLowerCase()
        }
      }
    }
  )
  const byId = new Map(items.map(item => [item.element.id, item]))
  const sections = [...document.querySelectorAll<HTMLElement>('section.section')]
  let sorted: SortKey = 'list'
  let firstResults = true

  const indexUrl = new URL(
    form.dataset['index'] ?? 'assets/search.json',
    new URL('../', import.meta.url)
  )
  const indexLoaded = fetch(indexUrl)
    .then(response =>
      response.ok ? (response.json() as Promise<{entries: Array<[string, string]>}>) : undefined
    )
    .then(index => {
      for (const [id, text] of index?.entries ?? []) {
        const item = byId.get(id)
        if (item) item.view.text = text
      }
    })
    .catch(() => undefined)

  const readForm = (): ViewState => {
    const data = new FormData(form)
    const value = (name: string) => String(data.get(name) ?? '')
    return viewFromSearch(
      searchFromView({
        q: value('q'),
        section: value('section'),
        license: value('license'),
        lang: value('lang'),
        since: value('since'),
        hideGone: data.get('hide') === 'gone',
        sort: (sortKeys as readonly string[]).includes(value('sort'))
          ? (value('sort') as SortKey)
          : 'list'
      })
    )
  }

  const fillForm = (view: ViewState): void => {
    const set = (name: string, value: string) => {
      const control = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null
      if (!control) return
      // A value the page has no option for (a shared link from an older list) falls back to "any".
      control.value = value
      if (control.value !== value) control.value = ''
    }
    set('q', view.q)
    set('section', view.section)
    set('license', view.license)
    set('lang', view.lang)
    set('since', view.since)
    set('sort', view.sort)
    const hide = form.elements.namedItem('hide') as HTMLInputElement | null
    if (hide) hide.checked = view.hideGone
  }

  const apply = (view: ViewState): void => {
    const terms = queryTerms(view.q)
    let shown = 0
    const shownIn = new Map<Element | null, number>()
    for (const item of items) {
      const visible = matchesView(item.view, view, terms)
      // Only touch what changes: every write to the DOM costs style work on a long page.
      if (item.element.hidden === visible) item.element.hidden = !visible
      if (visible) {
        shown++
        shownIn.set(item.section, (shownIn.get(item.section) ?? 0) + 1)
      }
    }
    const filtered = isFiltered(view)
    for (const section of sections) {
      const hidden = filtered && !shownIn.has(section)
      if (section.hidden !== hidden) section.hidden = hidden
    }
    if (view.sort !== sorted) {
      const key = (item: Item) => ({
        order: item.order,
        added: item.view.added,
        name: item.name,
        stars: item.view.stars
      })
      const ordered = [...items].sort((a, b) => compareEntries(view.sort, key(a), key(b)))
      for (const item of ordered) item.list.append(item.element)
      sorted = view.sort
    }
    const template = count.dataset['template'] ?? '{shown}'
    count.textContent = template
      .replace('{shown}', String(shown))
      .replace('{total}', count.dataset['total'] ?? String(items.length))
    count.dataset['shown'] = String(shown)
  }

  /** Apply a view; a search waits for the index so that both languages are searched. */
  const update = async (view: ViewState, mark: boolean): Promise<void> => {
    if (view.q.trim() !== '') await indexLoaded
    apply(view)
    if (mark) performance.measure('search', 'input')
    if (firstResults && view.q.trim() !== '') {
      firstResults = false
      performance.mark('first-results')
    }
    form.dataset['ready'] = 'true'
  }

  const onChange = (): void => {
    performance.mark('input')
    const view = readForm()
    const search = searchFromView(view)
    history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`)
    void update(view, true)
  }
  form.addEventListener('input', onChange)
  form.addEventListener('change', onChange)
  form.addEventListener('submit', event => {
    event.preventDefault()
    onChange()
  })
  form.addEventListener('reset', () => setTimeout(onChange))

  const initial = viewFromSearch(location.search)
  fillForm(initial)
  // The filters fold away on a phone, so that the list starts on the first screen; open when in use.
  const more = form.querySelector<HTMLDetailsElement>('#f-more')
  if (more)
    more.open =
      matchMedia('(min-width: 40rem)').matches ||
      isFiltered({...initial, q: ''}) ||
      initial.sort !== 'list'
  form.hidden = false
  void update(initial, false)
}
