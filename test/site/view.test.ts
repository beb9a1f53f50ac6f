import {describe, expect, it} from 'vitest'
import {
  compareEntries,
  defaultView,
  type EntryView,
  isFiltered,
  matchesView,
  normalizeForSearch,
  queryTerms,
  searchFromView,
  viewFromSearch
} from '../../src/site/client/view.js'

const entry: EntryView = {
  sections: ['pretrain-data', 'data'],
  license: 'apache-2.0',
  languages: ['en', 'zh'],
  status: 'archived',
  added: '2023-06-15',
  stars: 1200,
  text: normalizeForSearch(
    'RedPajama-Data ‖ 预训练数据，对齐人类偏好 ‖ An open recipe for LLaMA training data'
  )
}

describe('queryTerms', () => {
  it('splits at spaces and folds case and full-width forms', () => {
    expect(queryTerms('  LLaMA   ＲｅｄPajama ')).toEqual(['llama', 'redpajama'])
  })

  it('splits a run of Chinese into words, so that words apart in the text still match', () => {
    const terms = queryTerms('对齐数据')
    expect(terms.length).toBeGreaterThan(1)
    expect(terms.join('')).toBe('对齐数据')
    expect(matchesView(entry, defaultView, terms)).toBe(true)
  })

  it('keeps Latin and Chinese apart in a mixed query', () => {
    expect(queryTerms('llama中文')).toEqual(['llama', '中文'])
  })
})

describe('matchesView', () => {
  const match = (view: Partial<typeof defaultView>) =>
    matchesView(entry, {...defaultView, ...view}, queryTerms(view.q ?? ''))

  it('matches every term, in any language', () => {
    expect(match({q: 'recipe 对齐'})).toBe(true)
    expect(match({q: 'recipe vicuna'})).toBe(false)
  })

  it('matches a section and the sections above it', () => {
    expect(match({section: 'data'})).toBe(true)
    expect(match({section: 'pretrain-data'})).toBe(true)
    expect(match({section: 'agent'})).toBe(false)
  })

  it('filters by license, language token, month added and status', () => {
    expect(match({license: 'apache-2.0', lang: 'zh', since: '2023-06'})).toBe(true)
    expect(match({license: 'mit'})).toBe(false)
    expect(match({lang: 'multi'})).toBe(false)
    expect(match({since: '2023-07'})).toBe(false)
    expect(match({hideGone: true})).toBe(false)
    expect(matchesView({...entry, status: 'inactive'}, {...defaultView, hideGone: true}, [])).toBe(
      true
    )
  })
})

describe('the view in the URL', () => {
  it('round-trips, leaving defaults out', () => {
    const view = {
      q: '对齐 llama',
      section: 'data',
      license: 'mit',
      lang: 'zh',
      since: '2024-01',
      hideGone: true,
      sort: 'stars' as const
    }
    const search = searchFromView(view)
    expect(search).toBe(
      '?q=%E5%AF%B9%E9%BD%90+llama&section=data&license=mit&lang=zh&since=2024-01&hide=gone&sort=stars'
    )
    expect(viewFromSearch(search)).toEqual(view)
    expect(searchFromView(defaultView)).toBe('')
    expect(isFiltered(defaultView)).toBe(false)
  })

  it('ignores malformed values from a hand-edited link', () => {
    expect(viewFromSearch('?since=2024-13&sort=random&hide=yes')).toEqual(defaultView)
  })
})

describe('compareEntries', () => {
  const a = {order: 0, added: '2023-01-01', name: 'beta', stars: 10}
  const b = {order: 1, added: '2024-01-01', name: 'alpha', stars: undefined}
  it('sorts newest first, by name, by stars (unknown last), or as in the list', () => {
    expect(compareEntries('added', a, b)).toBeGreaterThan(0)
    expect(compareEntries('name', a, b)).toBeGreaterThan(0)
    expect(compareEntries('stars', a, b)).toBeLessThan(0)
    expect(compareEntries('list', a, b)).toBeLessThan(0)
  })
})
