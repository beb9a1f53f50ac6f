import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {fileStart, hasErrors, sortDiagnostics} from '../diagnostics/diagnostic.js'
import {didYouMean} from '../diagnostics/suggest.js'
import {primeInline, splitCellLines} from '../markdown/parse.js'
import {buildModel} from '../model/build.js'
import {isRealDate} from '../model/date.js'
import {isSlug} from '../model/slug.js'
import {
  type Column,
  type ColumnId,
  type Entry,
  type ListModel,
  type Locale,
  type LocalizedText,
  type NamedLink,
  type PagePlacement,
  type Section,
  type SortOrder,
  type SourcePosition,
  type TextField,
  type TranslationStamps,
  textFields
} from '../model/types.js'
import {checkDuplicateProjects} from './duplicates.js'
import {checkEncoding} from './encoding.js'
import {outputPathProblem} from './output-path.js'
import {checkProse, entryProseValues, sectionProseValues} from './prose.js'
import {checkSpoofing} from './spoofing.js'
import {validateAgainstSchema} from './schema.js'
import {checkStaleTranslations} from './stale-translations.js'
import {type ListSources, localesPath, type SourceFile, stringsPath} from './sources.js'
import {checkText, textVariants} from './text-rules.js'
import {checkEntriesShown, checkFileName} from './placement.js'
import {checkCommentCutTexts, textPaths} from './yaml-hints.js'
import {parseYamlFile, positionAt, topLevelPositions, type YamlFile} from './yaml-file.js'

/** Text fields of entries and sections, where unquoted YAML can cut a text at ` #`. */
const entryTextFields = ['name', ...textFields]

/** How many entry files are read before their texts' Markdown is parsed in one run. */
const entryChunkSize = 256
const sectionTextFields = ['title', 'intro', 'outro']

/** The name of the file that makes a folder of `entries/` a section. */
export const sectionFileName = '_section.yaml'

/** Result of reading the list: a model only when there is no error. */
export interface ParseResult {
  model: ListModel | undefined
  diagnostics: Diagnostic[]
}

/**
 * Validate every source and build the model. Pure: all file contents come in
 * `sources`. Every problem is collected; none stops the others from being found.
 */
export function parseList(sources: ListSources): ParseResult {
  const diagnostics: Diagnostic[] = []
  const report = (d: Diagnostic) => diagnostics.push(d)

  const locales = parseLocales(sources, report)
  const localeIds = locales.map(l => l.id)
  const strings = parseStrings(sources, report)
  const templates: Record<string, {file: string; source: string}> = {}
  for (const locale of locales) {
    const template = sources.templates.find(t => t.path === locale.template)
    if (template) templates[locale.id] = {file: template.path, source: template.source}
    else
      report({
        file: localesPath,
        ...fileStart,
        severity: 'error',
        ruleId: 'missing-template',
        message: `Cannot find template \`${locale.template}\` for locale \`${locale.id}\``
      })
  }

  // YAML files are checked as they are parsed (yaml-file.ts); Markdown templates here.
  for (const template of sources.templates)
    if (!template.path.endsWith('.yaml'))
      diagnostics.push(...checkEncoding(template.path, template.source))

  // Sort files into section files and entry files by where they are; parse sections first,
  // entries one at a time afterwards, so no entry's YAML document outlives its checks.
  const sectionFiles = new Map<string, YamlFile>()
  const entryFiles: Array<{file: SourceFile; section: string; slug: string}> = []
  for (const file of sources.entries) {
    const parts = file.path.split('/')
    const name = parts.at(-1)!
    if (!name.endsWith('.yaml')) {
      report({
        file: file.path,
        ...fileStart,
        severity: 'error',
        ruleId: 'unexpected-file',
        message: `Unexpected file \`${name}\` in \`entries/\`; expected \`.yaml\` files only (entries and \`${sectionFileName}\`)`
      })
      continue
    }
    if (parts.length !== 3) {
      report({
        file: file.path,
        ...fileStart,
        severity: 'error',
        ruleId: 'entry-outside-section',
        message: `File is not in a section folder; expected \`entries/<section>/${name}\` (one folder level below \`entries/\`)`
      })
      continue
    }
    const section = parts[1]!
    if (name === sectionFileName) {
      const {yaml, diagnostics: yamlErrors} = parseYamlFile(file.path, file.source)
      diagnostics.push(...yamlErrors)
      diagnostics.push(...checkCommentCutTexts(yaml, textPaths(yaml.data, sectionTextFields)))
      sectionFiles.set(section, yaml)
    } else {
      entryFiles.push({file, section, slug: name.slice(0, -'.yaml'.length)})
    }
  }

  const sections = new Map<string, Section>()
  for (const [id, yaml] of sectionFiles) {
    if (yaml.data === undefined) continue
    diagnostics.push(...checkSpoofing(yaml))
    const schemaErrors = validateAgainstSchema(yaml, 'section')
    diagnostics.push(...schemaErrors)
    if (!isSlug(id)) {
      report({
        file: yaml.file,
        ...fileStart,
        severity: 'error',
        ruleId: 'bad-section-id',
        message: `Invalid section folder name \`${id}\`; expected lowercase words joined by hyphens (it is the section's anchor)`
      })
    }
    if (schemaErrors.length > 0) continue
    const section = toSection(id, yaml)
    diagnostics.push(...checkSectionText(yaml, section))
    diagnostics.push(...checkProse(yaml, sectionProseValues(section)))
    const {title, intro, outro} = section
    diagnostics.push(
      ...checkStaleTranslations(yaml, {title, intro, outro}, section.translations, localeIds[0])
    )
    const seen = new Set<ColumnId>()
    for (const [index, column] of section.columns.entries()) {
      if (seen.has(column.id))
        report({
          ...positionAt(yaml, ['columns', index]),
          severity: 'error',
          ruleId: 'duplicate-column',
          message: `Column \`${column.id}\` is listed twice`
        })
      seen.add(column.id)
    }
    sections.set(id, section)
  }
  checkSectionTree(sections, report)

  const entries: Entry[] = []
  // Entries go in chunks: read and shape-check a chunk, parse all its texts' Markdown in one
  // run (see primeInline), then check the texts and let go of the chunk's YAML.
  for (let start = 0; start < entryFiles.length; start += entryChunkSize) {
    const chunk: Array<{yaml: YamlFile; entry: Entry}> = []
    for (const {file, section, slug} of entryFiles.slice(start, start + entryChunkSize)) {
      const badName = checkFileName(file.path, slug)
      if (badName) diagnostics.push(badName)
      const {yaml, diagnostics: yamlErrors} = parseYamlFile(file.path, file.source)
      diagnostics.push(...yamlErrors)
      if (yamlErrors.length > 0) continue
      diagnostics.push(...checkSpoofing(yaml))
      diagnostics.push(...checkCommentCutTexts(yaml, textPaths(yaml.data, entryTextFields)))
      if (!sectionFiles.has(section)) {
        report({
          file: file.path,
          ...fileStart,
          severity: 'error',
          ruleId: 'unknown-section',
          message: `Unknown section \`${section}\`: \`entries/${section}/${sectionFileName}\` does not exist${didYouMean(section, sectionFiles.keys())}`
        })
      }
      const schemaErrors = validateAgainstSchema(yaml, 'entry')
      diagnostics.push(...schemaErrors)
      if (schemaErrors.length > 0) {
        // The shape is wrong, but the texts that are well-formed can still be checked.
        diagnostics.push(...checkWellFormedTexts(yaml))
        continue
      }
      chunk.push({yaml, entry: toEntry(yaml, section, slug)})
    }
    primeInline(
      chunk.flatMap(({entry}) => entryTexts(entry).flatMap(({text}) => splitCellLines(text)))
    )
    for (const {yaml, entry} of chunk) {
      const checked = checkEntry(yaml, entry, sections.get(entry.section))
      diagnostics.push(...checked.diagnostics)
      diagnostics.push(...checkProse(yaml, entryProseValues(entry)))
      diagnostics.push(
        ...checkStaleTranslations(yaml, entry.fields, entry.translations, localeIds[0])
      )
      entries.push({...entry, textLinks: checked.textLinks})
    }
  }
  diagnostics.push(...checkEntriesShown(entries, sections))
  diagnostics.push(...checkDuplicateProjects(entries))
  checkLocaleKeys(entries, [...sections.values()], localeIds, report)

  const sorted = sortDiagnostics(diagnostics)
  if (hasErrors(sorted)) return {model: undefined, diagnostics: sorted}
  return {
    model: buildModel({locales, strings, templates, sections: [...sections.values()], entries}),
    diagnostics: sorted
  }
}

function parseLocales(sources: ListSources, report: (d: Diagnostic) => void): Locale[] {
  if (!sources.locales) {
    report({
      file: localesPath,
      ...fileStart,
      severity: 'error',
      ruleId: 'missing-file',
      message: `Cannot find \`${localesPath}\`; it lists the languages and the README each one writes`
    })
    return []
  }
  const {yaml, diagnostics} = parseYamlFile(sources.locales.path, sources.locales.source)
  diagnostics.forEach(report)
  checkSpoofing(yaml).forEach(report)
  const list = (yaml.data as {locales?: unknown} | undefined)?.locales
  if (!Array.isArray(list) || list.length === 0) {
    if (diagnostics.length === 0)
      report({
        ...positionAt(yaml, ['locales']),
        severity: 'error',
        ruleId: 'wrong-type',
        message: 'Expected `locales` to be a non-empty list of `{id, name, output, template}`'
      })
    return []
  }
  const locales: Locale[] = []
  for (const [index, item] of list.entries()) {
    const value = item as Record<string, unknown>
    const missing = ['id', 'name', 'output', 'template'].filter(
      key => typeof value?.[key] !== 'string'
    )
    if (missing.length > 0) {
      report({
        ...positionAt(yaml, ['locales', index]),
        severity: 'error',
        ruleId: 'missing-field',
        message: `Locale needs string fields ${missing.map(m => `\`${m}\``).join(', ')}`
      })
      continue
    }
    const outputProblem = outputPathProblem(value['output'] as string)
    if (outputProblem !== undefined) {
      report({
        ...positionAt(yaml, ['locales', index, 'output']),
        severity: 'error',
        ruleId: 'bad-output-path',
        message: `Invalid \`output\` \`${value['output']}\`: ${outputProblem}; expected a Markdown file inside the repository, such as \`README.md\``
      })
      continue
    }
    locales.push({
      id: value['id'] as string,
      name: value['name'] as string,
      output: value['output'] as string,
      template: value['template'] as string
    })
  }
  return locales
}

function parseStrings(
  sources: ListSources,
  report: (d: Diagnostic) => void
): Record<string, LocalizedText> {
  if (!sources.strings) {
    report({
      file: stringsPath,
      ...fileStart,
      severity: 'error',
      ruleId: 'missing-file',
      message: `Cannot find \`${stringsPath}\`; it holds the UI strings (column headers, legend)`
    })
    return {}
  }
  const {yaml, diagnostics} = parseYamlFile(sources.strings.path, sources.strings.source)
  diagnostics.forEach(report)
  checkSpoofing(yaml).forEach(report)
  const strings: Record<string, LocalizedText> = {}
  const flatten = (value: unknown, prefix: string) => {
    if (typeof value === 'string') strings[prefix] = value
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>
      // A map whose values are all strings keyed by locale-like ids is a localised text.
      if (
        Object.keys(record).every(key => /^[a-z]{2}(-[A-Za-z]+)?$/.test(key)) &&
        Object.values(record).every(v => typeof v === 'string')
      ) {
        strings[prefix] = record as Record<string, string>
      } else {
        for (const [key, child] of Object.entries(record))
          flatten(child, prefix ? `${prefix}.${key}` : key)
      }
    }
  }
  flatten(yaml.data, '')
  return strings
}

function toSection(id: string, yaml: YamlFile): Section {
  const data = yaml.data as Record<string, unknown>
  const columns: Column[] = ((data['columns'] as unknown[] | undefined) ?? []).map(column =>
    typeof column === 'string'
      ? {id: column as ColumnId}
      : {
          id: (column as {field: ColumnId}).field,
          ...((column as {title?: LocalizedText}).title === undefined
            ? {}
            : {title: (column as {title: LocalizedText}).title})
        }
  )
  return {
    id,
    file: yaml.file,
    title: data['title'] as LocalizedText,
    ...(data['parent'] === undefined ? {} : {parent: data['parent'] as string}),
    order: data['order'] as number,
    ...(data['intro'] === undefined ? {} : {intro: data['intro'] as LocalizedText}),
    ...(data['outro'] === undefined ? {} : {outro: data['outro'] as LocalizedText}),
    columns,
    sort: (data['sort'] as SortOrder | undefined) ?? 'added',
    page: (data['page'] as PagePlacement | undefined) ?? 'auto',
    ...(data['translations'] === undefined
      ? {}
      : {translations: data['translations'] as TranslationStamps}),
    positions: topLevelPositions(yaml)
  }
}

function toEntry(yaml: YamlFile, section: string, slug: string): Entry {
  const data = yaml.data as Record<string, unknown>
  const fields: Partial<Record<TextField, LocalizedText>> = {}
  for (const field of textFields) {
    if (data[field] !== undefined) fields[field] = data[field] as LocalizedText
  }
  const links: NamedLink[] = (
    (data['links'] as Array<{name: LocalizedText; url: string}> | undefined) ?? []
  ).map((link, index) => ({
    name: link.name,
    url: link.url,
    position: positionAt(yaml, ['links', index, 'url'])
  }))
  return {
    slug,
    section,
    file: yaml.file,
    name: data['name'] as LocalizedText,
    ...(data['url'] === undefined ? {} : {url: data['url'] as LocalizedText}),
    links,
    fields,
    added: data['added'] as string,
    ...(data['maintained'] === undefined
      ? {}
      : {maintained: data['maintained'] as Entry['maintained'] & string}),
    ...(data['see_also'] === undefined ? {} : {seeAlso: data['see_also'] as string}),
    ...(data['translations'] === undefined
      ? {}
      : {translations: data['translations'] as TranslationStamps}),
    positions: topLevelPositions(yaml),
    textLinks: []
  }
}

function checkWellFormedTexts(yaml: YamlFile): Diagnostic[] {
  const data = yaml.data
  if (!data || typeof data !== 'object' || Array.isArray(data)) return []
  const diagnostics: Diagnostic[] = []
  for (const field of ['name', ...textFields]) {
    const value = (data as Record<string, unknown>)[field]
    const isText =
      typeof value === 'string' ||
      (value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.values(value).every(v => typeof v === 'string'))
    if (!isText) continue
    for (const {text, path} of textVariants(value as LocalizedText, [field]))
      diagnostics.push(...checkText(yaml, path, text, false))
  }
  return diagnostics
}

function checkSectionText(yaml: YamlFile, section: Section): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const key of ['intro', 'outro'] as const) {
    const value = section[key]
    if (value === undefined) continue
    for (const {text, path} of textVariants(value, [key]))
      diagnostics.push(...checkText(yaml, path, text, true))
  }
  for (const {text, path} of textVariants(section.title, ['title']))
    diagnostics.push(...checkText(yaml, path, text, false))
  return diagnostics
}

/** The entry's problems, and the links its texts hold (in Markdown), which the link checker needs. */
function checkEntry(
  yaml: YamlFile,
  entry: Entry,
  section: Section | undefined
): {diagnostics: Diagnostic[]; textLinks: Entry['textLinks']} {
  const diagnostics: Diagnostic[] = []
  if (!isRealDate(entry.added)) {
    diagnostics.push({
      ...positionAt(yaml, ['added']),
      severity: 'error',
      ruleId: 'bad-date',
      message: `Invalid date "${entry.added}" for \`added\`; expected a real calendar date as YYYY-MM-DD`
    })
  }
  const textLinks: Array<{url: string; position: SourcePosition}> = []
  for (const {text, path} of entryTexts(entry)) {
    diagnostics.push(
      ...checkText(yaml, path, text, false, (url, position) => textLinks.push({url, position}))
    )
  }
  // A section without columns is reported as a whole (section-without-table), not field by field.
  if (section && section.columns.length > 0) {
    const shown = new Set(section.columns.map(c => c.id))
    for (const field of Object.keys(entry.fields) as TextField[]) {
      if (!shown.has(field)) {
        diagnostics.push({
          ...positionAt(yaml, [field], true),
          severity: 'warning',
          ruleId: 'field-not-shown',
          message: `Field \`${field}\` is not shown: section \`${section.id}\` has no \`${field}\` column (columns: ${section.columns.map(c => `\`${c.id}\``).join(', ')})`
        })
      }
    }
  }
  return {diagnostics, textLinks}
}

/** Every inline text of an entry in every language, with its YAML path. */
function entryTexts(entry: Entry): Array<{text: string; path: Array<string | number>}> {
  const texts = [...textVariants(entry.name, ['name'])]
  for (const [field, value] of Object.entries(entry.fields) as Array<[string, LocalizedText]>)
    texts.push(...textVariants(value, [field]))
  for (const [index, link] of entry.links.entries())
    texts.push(...textVariants(link.name, ['links', index, 'name']))
  return texts
}

function checkSectionTree(sections: Map<string, Section>, report: (d: Diagnostic) => void): void {
  for (const section of sections.values()) {
    if (section.parent === undefined) continue
    const at = section.positions['parent'] ?? {file: section.file, ...fileStart}
    if (!sections.has(section.parent)) {
      report({
        ...at,
        severity: 'error',
        ruleId: 'unknown-section',
        message: `Unknown parent section \`${section.parent}\`${didYouMean(section.parent, sections.keys())}`
      })
      continue
    }
    // Walk up the parents; coming back to the start means a cycle.
    const seen = new Set([section.id])
    let current = sections.get(section.parent)
    while (current) {
      if (seen.has(current.id)) {
        report({
          ...at,
          severity: 'error',
          ruleId: 'section-cycle',
          message: `Section \`${section.id}\` is its own ancestor (through \`${current.id}\`); a parent must not be a subsection of it`
        })
        break
      }
      seen.add(current.id)
      current = current.parent === undefined ? undefined : sections.get(current.parent)
    }
  }
}

function checkLocaleKeys(
  entries: readonly Entry[],
  sections: readonly Section[],
  localeIds: readonly string[],
  report: (d: Diagnostic) => void
): void {
  if (localeIds.length === 0) return
  const known = new Set(localeIds)
  const check = (
    value: LocalizedText | undefined,
    file: string,
    key: string,
    position: {line: number; column: number} | undefined
  ) => {
    if (value === undefined || typeof value === 'string') return
    for (const locale of Object.keys(value)) {
      if (!known.has(locale)) {
        report({
          file,
          ...(position ?? fileStart),
          severity: 'error',
          ruleId: 'unknown-locale',
          message: `Unknown language \`${locale}\` in \`${key}\`; expected one of: ${localeIds.map(l => `\`${l}\``).join(', ')}`
        })
      }
    }
  }
  for (const entry of entries) {
    check(entry.name, entry.file, 'name', entry.positions['name'])
    for (const [field, value] of Object.entries(entry.fields))
      check(value, entry.file, field, entry.positions[field])
  }
  for (const section of sections) {
    for (const key of ['title', 'intro', 'outro'] as const)
      check(section[key], section.file, key, section.positions[key])
  }
}
