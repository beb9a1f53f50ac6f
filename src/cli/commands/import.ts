import {mkdir, readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {hasErrors, sortDiagnostics} from '../../diagnostics/diagnostic.js'
import {parseAddedTsv} from '../../import/added.js'
import {importList} from '../../import/import-list.js'
import {entryToYaml, sectionToYaml} from '../../import/to-yaml.js'
import {sectionFileName} from '../../entries/parse.js'
import {writeFileAtomic} from '../../write/atomic.js'
import {type Command, UsageError} from '../context.js'
import {printDiagnostics} from '../report.js'

const usage =
  'usage: import --en <README_EN.md> --zh <README.md> --added <added.tsv> [--out <dir>] [--force]'

/**
 * `import`: turn the hand-made English and Chinese READMEs into entry and
 * section files. Refuses to overwrite a non-empty `entries/` unless `--force`.
 */
export const run: Command = async (argv, context) => {
  const options = parseArgs(argv)
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

function parseArgs(argv: string[]): {
  en: string
  zh: string
  added: string
  out: string
  force: boolean
} {
  const values: Record<string, string> = {out: 'entries'}
  let force = false
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    if (arg === '--force') force = true
    else if (['--en', '--zh', '--added', '--out'].includes(arg)) {
      const value = argv[++index]
      if (value === undefined) throw new UsageError(`${arg} needs a value; ${usage}`)
      values[arg.slice(2)] = value
    } else throw new UsageError(`unknown argument \`${arg}\`; ${usage}`)
  }
  for (const key of ['en', 'zh', 'added'])
    if (values[key] === undefined) throw new UsageError(`missing --${key}; ${usage}`)
  return {en: values['en']!, zh: values['zh']!, added: values['added']!, out: values['out']!, force}
}
