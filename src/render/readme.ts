import path from 'node:path'
import type {Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {parseBlocks} from '../markdown/parse.js'
import {serialize, serializeBlock} from '../markdown/serialize.js'
import {allSections} from '../model/build.js'
import type {ListModel, Locale, SectionNode} from '../model/types.js'
import type {HealthLookup} from '../model/health.js'
import {createContext, localize, type RenderContext, uiString} from './context.js'
import {cellContent} from './inline.js'
import {choosePages, defaultBudget, pagePath, type SizeBudget} from './budget.js'
import {sectionTable} from './table.js'

/** One rendered README. */
export interface RenderedReadme {
  locale: Locale
  /** Output path relative to the project root. */
  output: string
  content: string
  coverage: {translated: number; total: number}
}

/** Placeholders a template may hold, each alone in its own paragraph: `{{toc}}`. */
const placeholders: Record<string, (context: RenderContext) => RootContent[]> = {
  'language-switcher': context => [languageSwitcher(context)],
  toc: context => [tableOfContents(context, context.model.sections)],
  sections: context => context.model.sections.flatMap(node => sectionBlocks(context, node)),
  legend: context => legend(context),
  'translation-status': context => translationStatus(context)
}

/** Placeholders filled after the others, because they depend on what those rendered. */
const filledLast = new Set(['legend', 'translation-status'])

const placeholderPattern = /^\{\{([a-z-]+)\}\}$/

/** One section's own page in one locale (`lists/<section>.md`), when its table does not go in the README. */
export interface RenderedPage {
  locale: Locale
  section: string
  /** Output path relative to the project root. */
  output: string
  content: string
}

/**
 * Render every locale of the model. Pure and deterministic: the same model
 * gives the same bytes. Template problems come back as diagnostics.
 *
 * Sections set to `page: own` get their own page. When a README would pass
 * the budget's warning size, the largest `page: auto` sections move to their
 * own pages too (the same ones in every locale, so links agree), and the
 * README keeps their headings and anchors with a link to the page.
 */
export function renderReadmes(
  model: ListModel,
  health?: HealthLookup,
  budget: SizeBudget = defaultBudget
): {readmes: RenderedReadme[]; pages: RenderedPage[]; diagnostics: Diagnostic[]} {
  const sections = allSections(model.sections)
  const own = new Set(sections.filter(n => n.section.page === 'own').map(n => n.section.id))
  let rendered = model.locales.flatMap(locale => renderLocale(model, locale, health, own))
  const readmeBytes = new Map(rendered.map(r => [r.readme.locale.id, byteLength(r.readme.content)]))
  if ([...readmeBytes.values()].some(bytes => bytes > budget.warnBytes)) {
    const tableBytes = new Map<string, Map<string, number>>()
    for (const {readme, context} of rendered)
      for (const [id, bytes] of context.tableBytes) {
        const perLocale = tableBytes.get(id) ?? new Map<string, number>()
        perLocale.set(readme.locale.id, bytes)
        tableBytes.set(id, perLocale)
      }
    const movable = new Set(sections.filter(n => n.section.page === 'auto').map(n => n.section.id))
    // Aim a little under the warning size, so an entry or two more does not move sections back and forth.
    const chosen = choosePages(readmeBytes, tableBytes, movable, budget.warnBytes * 0.9)
    rendered = model.locales.flatMap(locale =>
      renderLocale(model, locale, health, new Set([...own, ...chosen]))
    )
  }
  const pages = rendered.flatMap(({context, legendBlocks}) =>
    sections
      .filter(node => context.pageTables.has(node.section.id))
      .map(node => renderPage(context, node, legendBlocks))
  )
  return {
    readmes: rendered.map(r => r.readme),
    pages,
    diagnostics: rendered.flatMap(r => r.diagnostics)
  }
}

function renderLocale(
  model: ListModel,
  locale: Locale,
  health: HealthLookup | undefined,
  ownPages: ReadonlySet<string>
): Array<{
  readme: RenderedReadme
  context: RenderContext
  legendBlocks: RootContent[]
  diagnostics: Diagnostic[]
}> {
  const diagnostics: Diagnostic[] = []
  const template = model.templates[locale.id]
  if (!template) return []
  const context = createContext(model, locale, health, ownPages)
  const tree = parseBlocks(template.source)
  const children: Array<RootContent | (() => RootContent[])> = []
  for (const node of tree.children) {
    const name = placeholderName(node)
    if (name === undefined) {
      children.push(node)
      continue
    }
    const build = placeholders[name]
    if (build && filledLast.has(name)) children.push(() => build(context))
    else if (build) children.push(...build(context))
    else {
      diagnostics.push({
        file: template.file,
        line: node.position?.start.line ?? 1,
        column: node.position?.start.column ?? 1,
        severity: 'error',
        ruleId: 'unknown-placeholder',
        message: `Unknown placeholder \`{{${name}}}\`; expected one of: ${Object.keys(placeholders)
          .map(p => `\`{{${p}}}\``)
          .join(', ')}`
      })
    }
  }
  const root: Root = {
    type: 'root',
    children: children.flatMap(child => (typeof child === 'function' ? child() : [child]))
  }
  return [
    {
      readme: {locale, output: locale.output, content: serialize(root), coverage: context.coverage},
      context,
      legendBlocks: legend(context),
      diagnostics
    }
  ]
}

/**
 * A section's own page: its title with the same anchor as in the README, a
 * link back, its prose, its table and the legend of the marks.
 */
function renderPage(
  context: RenderContext,
  node: SectionNode,
  legendBlocks: readonly RootContent[]
): RenderedPage {
  const {section} = node
  const output = pagePath(context.locale, section.id)
  const here = path.posix.dirname(output)
  const back = `${path.posix.relative(here, context.locale.output)}#${section.id}`
  const children: RootContent[] = [
    {
      type: 'heading',
      depth: 1,
      children: [
        {type: 'html', value: `<a id="${section.id}"></a>`},
        {type: 'text', value: localize(context, section.title)}
      ]
    },
    ...parseBlocks(uiString(context, 'own_page.back').replaceAll('{readme}', back)).children
  ]
  if (section.intro !== undefined)
    children.push(...parseBlocks(localize(context, section.intro)).children)
  children.push(context.pageTables.get(section.id)!)
  if (section.outro !== undefined)
    children.push(...parseBlocks(localize(context, section.outro)).children)
  children.push(...legendBlocks)
  return {
    locale: context.locale,
    section: section.id,
    output,
    content: serialize({type: 'root', children})
  }
}

/** The README's link to a section's own page, relative to the README. */
function pageHref(context: RenderContext, id: string): string {
  const here = path.posix.dirname(context.locale.output)
  return `${path.posix.relative(here, pagePath(context.locale, id))}#${id}`
}

function byteLength(text: string): number {
  return Buffer.byteLength(text)
}

function placeholderName(node: RootContent): string | undefined {
  if (node.type !== 'paragraph' || node.children.length !== 1) return undefined
  const [child] = node.children
  return child?.type === 'text' ? placeholderPattern.exec(child.value.trim())?.[1] : undefined
}

/**
 * One line naming each mark the tables use, in this language, and what an
 * italic license means when the checker filled one in; nothing when no
 * entry is marked.
 */
function legend(context: RenderContext): RootContent[] {
  const marks = (['dead', 'archived', 'inactive'] as const).filter(mark =>
    context.marksUsed.has(mark)
  )
  const items: PhrasingContent[][] = marks.map(mark => [
    {
      type: 'text',
      value: `${uiString(context, `marks.${mark}.symbol`)} ${uiString(context, `marks.${mark}.label`)}`
    }
  ])
  if (context.factsUsed.has('license')) items.push(cellContent(uiString(context, 'facts.license')))
  if (items.length === 0) return []
  const children = items.flatMap((item, index): PhrasingContent[] =>
    index === 0 ? item : [{type: 'text', value: ' · '}, ...item]
  )
  return [{type: 'paragraph', children}]
}

/**
 * How much of this locale's prose is its own, and how to help: the UI string
 * `translation_status` with `{translated}`, `{total}` and `{percent}` filled
 * in. Nothing in the default locale, nor when the string is missing.
 */
function translationStatus(context: RenderContext): RootContent[] {
  const isDefault = context.locale.id === context.model.locales[0]?.id
  if (isDefault || context.model.strings['translation_status'] === undefined) return []
  const {translated, total} = context.coverage
  const percent = total === 0 ? 100 : Math.floor((translated / total) * 100)
  const text = uiString(context, 'translation_status')
    .replaceAll('{translated}', String(translated))
    .replaceAll('{total}', String(total))
    .replaceAll('{percent}', String(percent))
  return parseBlocks(text).children
}

/** `English | [简体中文](README.zh-CN.md)`: the current language as text, the others as links. */
function languageSwitcher(context: RenderContext): Paragraph {
  const children: PhrasingContent[] = []
  const here = path.posix.dirname(context.locale.output)
  for (const [index, locale] of context.model.locales.entries()) {
    if (index > 0) children.push({type: 'text', value: ' | '})
    if (locale.id === context.locale.id)
      children.push({type: 'strong', children: [{type: 'text', value: locale.name}]})
    else
      children.push({
        type: 'link',
        url: path.posix.relative(here, locale.output),
        children: [{type: 'text', value: locale.name}]
      })
  }
  return {type: 'paragraph', children}
}

/** Nested list of links to every section, by their stable anchors. */
function tableOfContents(context: RenderContext, nodes: readonly SectionNode[]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: nodes.map(
      (node): ListItem => ({
        type: 'listItem',
        spread: false,
        children: [
          {
            type: 'paragraph',
            children: [
              {
                type: 'link',
                url: context.ownPages.has(node.section.id)
                  ? pageHref(context, node.section.id)
                  : `#${node.section.id}`,
                children: [{type: 'text', value: localize(context, node.section.title)}]
              }
            ]
          },
          ...(node.children.length > 0 ? [tableOfContents(context, node.children)] : [])
        ]
      })
    )
  }
}

/**
 * A section: heading with its anchor, prose before, table, prose after, then
 * its subsections. The anchor is the section id, the same in every language.
 */
function sectionBlocks(context: RenderContext, node: SectionNode): RootContent[] {
  const {section} = node
  const heading: Heading = {
    type: 'heading',
    depth: Math.min(6, node.depth + 1) as Heading['depth'],
    children: [
      {type: 'html', value: `<a id="${section.id}"></a>`},
      {type: 'text', value: localize(context, section.title, true)}
    ]
  }
  const blocks: RootContent[] = [heading]
  if (section.intro !== undefined)
    blocks.push(...parseBlocks(localize(context, section.intro, true)).children)
  if (node.entries.length > 0 && section.columns.length > 0) {
    const table = serializeBlock(sectionTable(context, node))
    context.tableBytes.set(section.id, byteLength(table.value))
    if (context.ownPages.has(section.id)) {
      context.pageTables.set(section.id, table)
      const text = uiString(context, 'own_page.link')
        .replaceAll('{count}', String(node.entries.length))
        .replaceAll('{page}', pageHref(context, section.id))
      blocks.push(...parseBlocks(text).children)
    } else blocks.push(table)
  }
  if (section.outro !== undefined)
    blocks.push(...parseBlocks(localize(context, section.outro, true)).children)
  blocks.push(...node.children.flatMap(child => sectionBlocks(context, child)))
  return blocks
}
