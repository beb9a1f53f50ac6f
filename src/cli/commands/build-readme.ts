import path from 'node:path'
import {hasErrors} from '../../diagnostics/diagnostic.js'
import {loadList} from '../../entries/load.js'
import {withFoundLicenses} from '../../render/facts.js'
import {renderReadmes} from '../../render/readme.js'
import {readStatus, StatusFileError} from '../../status/file.js'
import {healthFromStatus} from '../../status/repos.js'
import {readIfExists, writeFileAtomic} from '../../write/atomic.js'
import {type Command, UsageError} from '../context.js'
import {printDiagnostics} from '../report.js'

/**
 * `build-readme [--check]`: render every locale's README from the entries.
 * Nothing is written unless every locale rendered without error; with
 * `--check` nothing is written at all and stale files are named.
 */
export const run: Command = async (argv, context) => {
  const check = argv.includes('--check')
  const unknown = argv.find(arg => arg !== '--check')
  if (unknown !== undefined)
    throw new UsageError(`unknown option \`${unknown}\`; expected \`--check\` or nothing`)

  const {model, diagnostics} = await loadList(context.cwd)
  if (!model || hasErrors(diagnostics)) {
    printDiagnostics(context, diagnostics)
    context.stderr(
      'No README was written: fix the errors above, then run `npm run build-readme` again.\n'
    )
    return 1
  }
  // Machine facts (archived, dead, stars) come from the status file; the build itself stays offline.
  let status
  try {
    status = await readStatus(context.cwd)
  } catch (error) {
    if (!(error instanceof StatusFileError)) throw error
    context.stderr(`build-readme: ${error.message}\nNo README was written.\n`)
    return 1
  }
  const health = withFoundLicenses(model, status, healthFromStatus(model, status))
  const rendered = renderReadmes(model, health)
  const all = [...diagnostics, ...rendered.diagnostics]
  printDiagnostics(context, all)
  if (hasErrors(all)) {
    context.stderr(
      'No README was written: fix the errors above, then run `npm run build-readme` again.\n'
    )
    return 1
  }

  const stale: string[] = []
  for (const readme of rendered.readmes) {
    const file = path.join(context.cwd, readme.output)
    if ((await readIfExists(file)) !== readme.content) stale.push(readme.output)
  }
  if (check) {
    if (stale.length === 0) {
      context.stdout(`${rendered.readmes.map(r => r.output).join(', ')} up to date\n`)
      return 0
    }
    for (const output of stale)
      context.stderr(`${output} is out of date with entries/ and templates/\n`)
    context.stderr('Run `npm run build-readme` and commit the result.\n')
    return 1
  }
  for (const readme of rendered.readmes) {
    if (stale.includes(readme.output))
      await writeFileAtomic(path.join(context.cwd, readme.output), readme.content)
    const {translated, total} = readme.coverage
    const share = total === 0 ? 100 : Math.floor((translated / total) * 1000) / 10
    context.stdout(
      `${stale.includes(readme.output) ? 'wrote' : 'unchanged'} ${readme.output} (${readme.locale.id}: ${Buffer.byteLength(readme.content)} bytes, ${model.entries.length} entries; prose in this language: ${translated}/${total} texts, ${share}%)\n`
    )
  }
  return 0
}
