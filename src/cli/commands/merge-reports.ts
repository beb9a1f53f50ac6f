import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {parseCheckResult} from '../../check/json.js'
import {mergeResults} from '../../check/merge.js'
import {entryFilesOf, writeOutcome} from '../../check/outcome.js'
import type {CheckResult} from '../../check/result.js'
import {loadList} from '../../entries/load.js'
import {type CliContext, type Command, UsageError} from '../context.js'
import {defineCommand} from '../define.js'
import {printDiagnostics} from '../report.js'
import {githubFileUrl} from './check-links.js'

export const command = defineCommand({
  name: 'merge-reports',
  summary: 'Merge the JSON reports of sharded check-links runs',
  positionals: '<shard.json>…',
  options: {
    apply: {type: 'boolean', description: 'write the fixes of every shard into the entries'},
    'report-md': {
      type: 'string',
      value: 'file',
      description: 'Markdown report (default reports/links.md)'
    },
    'report-json': {
      type: 'string',
      value: 'file',
      description: 'JSON result (default reports/links.json)'
    }
  },
  epilog: `Combines the JSON results of \`check-links --shard k/n\` runs into one report, one
status.json update and (with --apply) one set of fixes to the entries.
Exit code: 0 nothing dead, 1 something dead, 2 usage error or unreadable shard,
3 the result cannot be trusted: nothing was written.`,
  run: ({values, positionals}, context) => mergeReports(values, positionals, context)
})
export const run: Command = command.run

/** `merge-reports`: read N shard results → merge → writeOutcome, as one unsharded run would. */
async function mergeReports(
  values: {apply?: boolean; 'report-md'?: string; 'report-json'?: string},
  positionals: string[],
  context: CliContext
): Promise<number> {
  if (positionals.length === 0) throw new UsageError('no shard report given')
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
