import path from 'node:path'
import {hasErrors} from '../../diagnostics/diagnostic.js'
import {loadList} from '../../entries/load.js'
import type {ListModel} from '../../model/types.js'
import {applyTranslation} from '../../translations/apply.js'
import {readSheet, SheetError, type SheetRow, writeSheet} from '../../translations/csv.js'
import {
  type StatusCounts,
  summarize,
  type TrackedText,
  translationInventory
} from '../../translations/inventory.js'
import {readIfExists, writeFileAtomic} from '../../write/atomic.js'
import {type CliContext, UsageError} from '../context.js'
import {defineCommand} from '../define.js'
import {printDiagnostics} from '../report.js'

export const command = defineCommand({
  name: 'translations',
  summary: 'Per section, the prose texts each language is missing or has stale; a sheet to fill in',
  options: {
    list: {type: 'boolean', description: 'name each text to translate with its file and line'},
    export: {
      type: 'string',
      value: 'file.csv',
      description: 'write the texts to translate as a sheet a translator fills in'
    },
    import: {
      type: 'string',
      value: 'file.csv',
      description: 'write the filled sheet back into the entry files'
    }
  },
  epilog:
    'Give at most one option. Exit code: 0 done, 1 the list or the sheet has errors, 2 usage error.',
  run: ({values}, context) => {
    const given = (['list', 'export', 'import'] as const).filter(name => values[name] !== undefined)
    if (given.length > 1)
      throw new UsageError(
        `give one of \`--list\`, \`--export\` and \`--import\`, not ${given.map(name => `\`--${name}\``).join(' and ')}`
      )
    return translations(values, context)
  }
})
export const run = command.run

/**
 * `translations [--list | --export <file.csv> | --import <file.csv>]`: per
 * section, the prose texts each locale is missing, or has stale or
 * unchecked; `--list` names each one with its file and line; `--export`
 * writes them as a sheet a translator fills in; `--import` writes the filled
 * sheet back into the entry files, each translation with the hash of the
 * source text it translates.
 */
async function translations(
  options: {list?: boolean; export?: string; import?: string},
  context: CliContext
): Promise<number> {
  const {model, diagnostics} = await loadList(context.cwd)
  if (!model || hasErrors(diagnostics)) {
    printDiagnostics(context, diagnostics)
    context.stderr('The list has errors; fix them, then run `npm run translations` again.\n')
    return 1
  }
  const texts = translationInventory(model)
  if (options.import !== undefined) return importSheet(context, model, options.import)
  if (options.export !== undefined) {
    const file = options.export
    const rows = texts.filter(text => text.status !== 'translated').map(toRow)
    await writeFileAtomic(path.resolve(context.cwd, file), writeSheet(rows))
    context.stdout(
      `wrote ${rows.length} texts to ${file}: fill in the \`translation\` column, then run \`npm run translations -- --import ${file}\`\n`
    )
    return 0
  }
  context.stdout(report(model, texts, options.list === true))
  return 0
}

/** The table a translator works through: one block per target locale, one row per section. */
export function report(model: ListModel, texts: readonly TrackedText[], list: boolean): string {
  const titles = new Map(
    model.locales.map(locale => [locale.id, `${locale.name} (${locale.id})`] as const)
  )
  const out: string[] = []
  for (const locale of model.locales.slice(1)) {
    const {sections, total} = summarize(texts, locale.id)
    out.push(
      `Translations into ${titles.get(locale.id)}: ${total.translated + total.unchecked} of ${total.texts} texts translated (${total.stale} stale, ${total.unchecked} not yet checked against their source), ${total.missing} missing`,
      ''
    )
    const header = ['section', 'texts', 'translated', 'unchecked', 'stale', 'missing']
    const rows = [
      ...sections.map(({section, counts}) => [section, ...numbers(counts)]),
      ['total', ...numbers(total)]
    ]
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i]!.length)))
    const line = (cells: readonly string[]) =>
      cells
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd()
    out.push(line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line), '')
    if (list) {
      for (const text of texts) {
        if (text.locale !== locale.id || text.status === 'translated') continue
        out.push(`${text.position.file}:${text.position.line}: ${text.field} (${text.status})`)
      }
      out.push('')
    }
  }
  out.push(
    'To help: `npm run translations -- --export todo.csv`, fill in the `translation` column, then `npm run translations -- --import todo.csv`.'
  )
  return `${out.join('\n')}\n`
}

function numbers(counts: StatusCounts): string[] {
  return [counts.texts, counts.translated, counts.unchecked, counts.stale, counts.missing].map(
    String
  )
}

function toRow(text: TrackedText): SheetRow {
  return {
    file: text.file,
    field: text.field,
    locale: text.locale,
    status: text.status,
    source_hash: text.sourceHash,
    source: text.source,
    // An unchecked translation is offered for review: imported as it is, it gets its hash.
    translation: text.translation ?? ''
  }
}

async function importSheet(context: CliContext, model: ListModel, file: string): Promise<number> {
  const text = await readIfExists(path.resolve(context.cwd, file))
  if (text === undefined) {
    context.stderr(`translations: cannot find \`${file}\`\n`)
    return 1
  }
  let rows: SheetRow[]
  try {
    rows = readSheet(text)
  } catch (error) {
    if (!(error instanceof SheetError)) throw error
    context.stderr(`${file}:${error.message}\n`)
    return 1
  }
  const sourceLocale = model.locales[0]!.id
  const locales = new Set(model.locales.slice(1).map(locale => locale.id))
  const known = new Set(translationInventory(model).map(t => `${t.file} ${t.field} ${t.locale}`))
  // Files change one row at a time, and are written once at the end, all or nothing.
  const changed = new Map<string, string>()
  const problems: string[] = []
  let applied = 0
  for (const [index, row] of rows.entries()) {
    const where = `${file}: row ${index + 2} (${row.file} ${row.field})`
    if (row.translation.trim() === '') continue
    if (!locales.has(row.locale) || !known.has(`${row.file} ${row.field} ${row.locale}`)) {
      problems.push(
        `${where}: not a translatable text of the list; expected a file, field and locale from \`--export\``
      )
      continue
    }
    const source =
      changed.get(row.file) ?? (await readIfExists(path.join(context.cwd, row.file))) ?? ''
    const outcome = applyTranslation(source, {
      field: row.field,
      sourceLocale,
      locale: row.locale,
      sourceHash: row.source_hash,
      translation: row.translation.trim()
    })
    if (outcome.kind === 'applied') {
      changed.set(row.file, outcome.source)
      applied++
    } else if (outcome.kind === 'source-changed')
      problems.push(
        `${where}: the ${sourceLocale} text changed since the sheet was made (hash ${outcome.expected}, now ${outcome.actual}); export again and translate the new text`
      )
    else if (outcome.kind !== 'unchanged')
      problems.push(`${where}: cannot write it (${outcome.kind}); is the file still valid YAML?`)
  }
  if (problems.length > 0) {
    context.stderr(`${problems.join('\n')}\nNo file was changed.\n`)
    return 1
  }
  for (const [relative, source] of changed)
    await writeFileAtomic(path.join(context.cwd, relative), source)
  context.stdout(
    `imported ${applied} translations into ${changed.size} files; run \`npm run validate\` to check them\n`
  )
  return 0
}
