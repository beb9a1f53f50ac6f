import {pickText} from '../model/text.js'
import type {LocalizedText} from '../model/types.js'

/**
 * The website's own UI strings, per locale. A key may be overridden in
 * `templates/strings.yaml` as `site.<key>`; a locale without a translation
 * falls back like any other text (to the list's default locale).
 * `{name}` placeholders are filled by `siteString`.
 */
const siteStrings = {
  title: {en: 'Open Source ChatGPT and Beyond', zh: 'ChatGPT：开源与超越'},
  tagline: {
    en: 'A curated list of open-source large language models, data, tools and research.',
    zh: '开源大语言模型、数据、工具与研究的精选列表。'
  },
  'nav.list': {en: 'The list', zh: '列表'},
  'nav.new': {en: "What's new", zh: '最近更新'},
  'nav.feed': {en: 'Atom feed', zh: 'Atom 订阅'},
  'nav.language': {en: 'Language', zh: '语言'},
  'nav.sections': {en: 'Sections', zh: '分区'},
  'nav.skip': {en: 'Skip to the list', zh: '跳到列表'},
  'filters.label': {en: 'Search and filter', zh: '搜索与筛选'},
  'filters.search': {en: 'Search', zh: '搜索'},
  'filters.searchHint': {
    en: 'Names, descriptions and sections, in English or Chinese',
    zh: '名称、描述与分区，中文或英文均可'
  },
  'filters.more': {en: 'Filters and sort', zh: '筛选与排序'},
  'filters.section': {en: 'Section', zh: '分区'},
  'filters.license': {en: 'License', zh: '许可证'},
  'filters.language': {en: 'Language', zh: '语言'},
  'filters.since': {en: 'Added since', zh: '收录时间不早于'},
  'filters.hideGone': {en: 'Hide dead and archived', zh: '隐藏失效与已归档'},
  'filters.sort': {en: 'Sort', zh: '排序'},
  'filters.any': {en: 'Any', zh: '全部'},
  'filters.reset': {en: 'Reset', zh: '重置'},
  'sort.list': {en: 'As in the list', zh: '列表顺序'},
  'sort.added': {en: 'Newest first', zh: '最新收录'},
  'sort.name': {en: 'Name', zh: '名称'},
  'sort.stars': {en: 'Stars', zh: '星标'},
  'language.en': {en: 'English', zh: '英文'},
  'language.zh': {en: 'Chinese', zh: '中文'},
  'language.multi': {en: 'Multilingual', zh: '多语言'},
  count: {en: '{shown} of {total} projects', zh: '{total} 个项目中的 {shown} 个'},
  total: {en: '{total} projects', zh: '共 {total} 个项目'},
  'fact.added': {en: 'added', zh: '收录于'},
  'fact.renamed': {en: 'moved to', zh: '已迁移至'},
  'new.title': {en: "What's new", zh: '最近更新'},
  'new.intro': {
    en: 'Projects by the month they joined the list, newest first.',
    zh: '按收录月份列出的项目，最新的在前。'
  },
  'new.in': {en: 'in', zh: '分区：'},
  'feed.title': {
    en: 'Open Source ChatGPT and Beyond: new projects',
    zh: 'ChatGPT：开源与超越 · 新收录项目'
  },
  'feed.author': {en: 'Open Source ChatGPT and Beyond', zh: 'ChatGPT：开源与超越'},
  'noscript.note': {
    en: 'Search and filters need JavaScript; the whole list is below.',
    zh: '搜索与筛选需要 JavaScript；完整列表见下。'
  }
} satisfies Record<string, LocalizedText>

export type SiteStringKey = keyof typeof siteStrings

/** A site UI string in `locale` (overridable as `site.<key>` in the list's strings), with `{name}` filled from `values`. */
export function siteString(
  strings: Readonly<Record<string, LocalizedText>>,
  key: SiteStringKey,
  order: readonly string[],
  values: Record<string, string | number> = {}
): string {
  const value = strings[`site.${key}`] ?? siteStrings[key]
  const text = pickText(value, order[0] ?? 'en', order).text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  )
}
