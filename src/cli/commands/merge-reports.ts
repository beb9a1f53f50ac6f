import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {parseCheckResult} from '../../check/json.js'
import {mergeResults} from '../../check/merge.js'
import {entryFilesOf, writeOutcome} from '../../check/outcome.js'
import type {CheckResult} from '../../check/result.js'
import {loadList} from '../../entries/load.js'
import {type Command, UsageError} from '../context.js'
import {printDiagnostics} from '../report.js'
import {githubFileUrl} from './check-links.js'

const usage = `Usage: merge-reports [--apply] [--report-md <file>] [--report-json <file>] <shard.json>...
Combine the JSON results of \`check-links --shard k/n\` runs into one report,
one status.json update and (with --apply) one set of fixes to the entries.
Exit code: 0 nothing dead, 1 something dead, 2 usage error or unreadable shard,
3 an implausible share of links failed at once (nothing was written).
`

/** `merge-reports`: read N shard results → merge → writeOutcome, as one unsharded run would. */
export const run: Command = async (argv, context) => {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        apply: {type: 'boolean'},
        'report-md': {type: 'string'},
        'report-json': {type: 'string'},
        help: {type: 'boolean'}
      }
    })
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`)
  }
  const {values, positionals} = parsed
  if (values.help) {
    context.stdout(usage)
    return 0
  }
  if (positionals.length === 0) throw new UsageError(`no shard report given\n${usage}`)
  const root = context.cwd
  const shards: CheckResult[] = []
  for (const file of positionals) {
    try {
      shards.push(parseCheckResult(await readFile(path.resolve(root, file), 'utf8')))
    } catch (error) {
      context.stderr(`merge-reports: cannot use \`${file}\`: ${(error as Error).message}\n`)
      return 2
    }
  }

  let applyTo: string[] | undefined
  if (values.apply) {
    const {model, diagnostics} = await loadList(root)
    if (!model) {
      printDiagnostics(context, diagnostics)
      context.stderr('merge-reports: the list does not validate; run `npm run validate`\n')
      return 2
    }
    applyTo = entryFilesOf(model)
  }
  return writeOutcome(mergeResults(shards), root, {
    command: 'merge-reports',
    reportMd: values['report-md'] ?? 'reports/links.md',
    reportJson: values['report-json'] ?? 'reports/links.json',
    stepSummary: context.env['GITHUB_STEP_SUMMARY'],
    fileUrl: githubFileUrl(context),
    stdout: context.stdout,
    stderr: context.stderr,
    ...(applyTo ? {applyTo} : {})
  })
}
