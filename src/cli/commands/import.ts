import {mkdir, readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {hasErrors, sortDiagnostics} from '../../diagnostics/diagnostic.js'
import {parseAddedTsv} from '../../import/added.js'
import {importList} from '../../import/import-list.js'
import {entryToYaml, sectionToYaml} from '../../import/to-yaml.js'
import {sectionFileName} from '../../entries/parse.js'
import {writeFileAtomic} from '../../write/atomic.js'
import {type CliContext, UsageError} from '../context.js'
import {defineCommand} from '../define.js'
import {printDiagnostics} from '../report.js'

export const command = defineCommand({
  name: 'import',
  summary: 'Turn the hand-made English and Chinese READMEs into entry and section files',
  options: {
    en: {type: 'string', value: 'README_EN.md', description: 'the English list (required)'},
    zh: {type: 'string', value: 'README.md', description: 'the Chinese list (required)'},
    added: {
      type: 'string',
      value: 'added.tsv',
      description: 'URL and the date it first appeared, per line (required)'
    },
    out: {type: 'string', value: 'dir', description: 'where to write (default: entries)'},
    force: {type: 'boolean', description: 'write over a folder that is not empty'}
  },
  run: ({values}, context) => {
    const {en, zh, added} = values
    if (en === undefined || zh === undefined || added === undefined)
      throw new UsageError(
        `missing ${[en === undefined && '--en', zh === undefined && '--zh', added === undefined && '--added'].filter(Boolean).join(', ')}`
      )
    return importReadmes(
      {en, zh, added, out: values.out ?? 'entries', force: values.force === true},
      context
    )
  }
})
export const run = command.run

/**
 * `import`: turn the hand-made English and Chinese READMEs into entry and
 * section files. Refuses to overwrite a non-empty `entries/` unless `--force`.
 */
async function importReadmes(
  options: {en: string; zh: string; added: string; out: string; force: boolean},
  context: CliContext
): Promise<number> {
  const read = (file: string) => readFile(path.resolve(context.cwd, file), 'utf8')
  const result = importList({
    documents: [
      {locale: 'en', file: options.en, source: await read(options.en)},
      {locale: 'zh', file: options.zh, source: await read(options.zh)}
    ],
    added: parseAddedTsv(await read(options.added))
  })
  const diagnostics = sortDiagnostics(result.diagnostics)
  printDiagnostics(context, diagnostics)
  if (hasErrors(diagnostics)) {
    context.stderr('Nothing was written.\n')
    return 1
  }
  const out = path.resolve(context.cwd, options.out)
  const existing = await readdir(out).catch(() => [] as string[])
  if (existing.length > 0 && !options.force) {
    context.stderr(`${options.out}/ is not empty; pass --force to write the import over it.\n`)
    return 1
  }
  for (const section of result.sections) {
    await mkdir(path.join(out, section.id), {recursive: true})
    await writeFileAtomic(path.join(out, section.id, sectionFileName), sectionToYaml(section))
  }
  for (const entry of result.entries)
    await writeFileAtomic(path.join(out, entry.section, `${entry.slug}.yaml`), entryToYaml(entry))
  context.stdout(
    `imported ${result.entries.length} entries in ${result.sections.length} sections into ${options.out}/\n`
  )
  return 0
}
