import {appendFile, mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {applyRenamesToFile} from '../../apply/renames.js'
import type {UrlRename} from '../../apply/rename-url.js'
import {loadList} from '../../entries/load.js'
import {createReporter} from '../../links/report/index.js'
import {formatSummaryLine, implausibleFailure, summarize} from '../../links/report/summary.js'
import type {LinkCheckRun, LinkResult, SkippedLink} from '../../links/types.js'
import type {Verdict} from '../../links/verdict.js'
import {findingsMarkdown, type StoredFinding} from '../../repos/report.js'
import {mergeStatus, readStatus, StatusFileError, writeStatus} from '../../status/file.js'
import type {StatusFile} from '../../status/types.js'
import {type Command, UsageError} from '../context.js'

const usage = `Usage: merge-reports [--apply] [--report-md <file>] [--report-json <file>] <shard.json>...
Combine the JSON results of \`check-links --shard k/n\` runs into one report,
one status.json update and (with --apply) one set of fixes to the entries.
Exit code: 0 nothing dead, 1 something dead, 2 usage error or unreadable shard,
3 an implausible share of links failed at once (nothing was written).
`

/** What `check-links --report-json` writes, as far as merging needs it. */
interface ShardReport {
  version: 1
  startedAt: string
  durationMs: number
  requests: number
  slowedHosts: string[]
  links: Array<
    Record<string, unknown> & {
      url: string
      verdict: Verdict['kind']
      dead: boolean
      consecutiveFailures: number
      evidence: Verdict['evidence']
      sources: LinkResult['sources']
    }
  >
  skipped: SkippedLink[]
  repos?: StoredFinding[]
  statusUpdates?: Pick<StatusFile, 'links' | 'repos'>
  renames?: UrlRename[]
}

/**
 * `merge-reports`: shards check disjoint sets of hosts against the same
 * status file, so their updates never overlap; merged, they are what one
 * unsharded run would have written.
 */
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
  const shards: ShardReport[] = []
  for (const file of positionals) {
    try {
      const shard = JSON.parse(await readFile(path.resolve(root, file), 'utf8')) as ShardReport
      if (shard.version !== 1 || !Array.isArray(shard.links) || shard.statusUpdates === undefined)
        throw new Error('not a check-links --report-json result of this version')
      shards.push(shard)
    } catch (error) {
      context.stderr(`merge-reports: cannot use \`${file}\`: ${(error as Error).message}\n`)
      return 2
    }
  }

  const results: LinkResult[] = shards
    .flatMap(shard => shard.links)
    .map(
      ({
        url,
        verdict,
        dead,
        consecutiveFailures,
        evidence,
        sources,
        firstFailedAt,
        ...details
      }) => ({
        url,
        sources,
        verdict: {kind: verdict, ...details, evidence} as Verdict,
        dead,
        consecutiveFailures,
        ...(typeof firstFailedAt === 'string' ? {firstFailedAt} : {})
      })
    )
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  const merged: LinkCheckRun = {
    results,
    skipped: uniqueBy(
      shards.flatMap(shard => shard.skipped),
      link => link.url
    ),
    requests: shards.reduce((sum, shard) => sum + shard.requests, 0),
    slowedHosts: [...new Set(shards.flatMap(shard => shard.slowedHosts))].sort(),
    startedAt: shards.map(shard => shard.startedAt).sort()[0]!,
    durationMs: Math.max(...shards.map(shard => shard.durationMs))
  }

  const unbelievable = implausibleFailure(results)
  if (unbelievable !== undefined) {
    context.stderr(`merge-reports: ${unbelievable}\n`)
    return 3
  }

  let status
  try {
    status = await readStatus(root)
  } catch (error) {
    if (!(error instanceof StatusFileError)) throw error
    context.stderr(`merge-reports: ${error.message}\n`)
    return 2
  }
  const updates = shards.map(shard => shard.statusUpdates!)
  await writeStatus(
    root,
    mergeStatus(status, {
      links: Object.assign({}, ...updates.map(u => u.links)),
      repos: Object.assign({}, ...updates.map(u => u.repos))
    })
  )

  if (values.apply) {
    const renames = uniqueBy(
      shards.flatMap(shard => shard.renames ?? []),
      rename => rename.from
    )
    const {model} = await loadList(root)
    const changed: string[] = []
    for (const entry of model?.entries ?? [])
      if (await applyRenamesToFile(path.join(root, entry.file), renames)) changed.push(entry.file)
    context.stdout(
      `applied ${renames.length} rename${renames.length === 1 ? '' : 's'}: ${changed.length} entry file${changed.length === 1 ? '' : 's'} changed\n`
    )
  }

  const findings = shards.flatMap(shard => shard.repos ?? [])
  const markdown = `${createReporter('markdown')(merged)}\n${findingsMarkdown(`${shards.length} shards merged.`, [], findings)}`
  const json = `${JSON.stringify({...(JSON.parse(createReporter('json')(merged)) as object), repos: findings, shards: shards.length}, null, 2)}\n`
  for (const [file, text] of [
    [values['report-md'] ?? 'reports/links.md', markdown],
    [values['report-json'] ?? 'reports/links.json', json]
  ] as const) {
    const target = path.resolve(root, file)
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(target, text)
  }
  const stepSummary = context.env['GITHUB_STEP_SUMMARY']
  if (stepSummary) await appendFile(stepSummary, markdown)

  const summary = summarize(merged)
  const missing = findings.filter(
    finding => finding.kind === 'missing' || finding.kind === 'path-missing'
  ).length
  context.stdout(
    `${formatSummaryLine(summary)}; ${missing} repositories missing (${shards.length} shards)\n`
  )
  return summary.dead > 0 || missing > 0 ? 1 : 0
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>()
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item)
  return [...seen.values()]
}
