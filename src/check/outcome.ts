import {appendFile, mkdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {applyRenamesToFile} from '../apply/renames.js'
import {loadList} from '../entries/load.js'
import {extractLinks} from '../links/extract.js'
import {formatSummaryLine, summarize} from '../links/report/summary.js'
import {describeVerdict} from '../links/verdict.js'
import type {ListModel} from '../model/types.js'
import {
  mergeStatus,
  readStatus,
  withStatusLock,
  writeCheckedCache,
  writeStatus
} from '../status/file.js'
import {writeFileAtomic} from '../write/atomic.js'
import {isMissing} from './findings.js'
import {untrustedReason} from './guard.js'
import {serializeCheckResult} from './json.js'
import {checkMarkdown} from './markdown.js'
import {type CheckResult, deadCount, exitCodes} from './result.js'

export interface OutcomeOptions {
  /** Write the fixes into these entry files (`--apply`); root-relative paths. */
  applyTo?: readonly string[]
  /** Markdown report path, root-relative. */
  reportMd: string
  /** JSON report path, root-relative. */
  reportJson: string
  /** File to append the Markdown report to (`$GITHUB_STEP_SUMMARY`). */
  stepSummary?: string | undefined
  /** Link target for a source position in reports (GitHub blob links in Actions). */
  fileUrl?: ((file: string, line: number) => string) | undefined
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Name to prefix messages with (`check-links`, `merge-reports`). */
  command: string
  /** One shard of a sharded run (`--shard k/n`): the merge judges whether the run can be trusted. */
  shard?: boolean
}

/**
 * Turn a check's result into files and an exit code: refuse a run that
 * cannot be trusted (exit 3, nothing written); else merge its updates into
 * the status file as it is now, apply the fixes, write the reports and the
 * job summary, print the dead links, and give 1 when something is dead.
 */
export async function writeOutcome(
  result: CheckResult,
  root: string,
  options: OutcomeOptions
): Promise<number> {
  const untrusted = untrustedReason(result, {shard: options.shard ?? false})
  if (untrusted !== undefined) {
    options.stderr(`${options.command}: ${untrusted}\n`)
    return exitCodes.untrusted
  }

  // Read the status again under the lock: another run may have written it meanwhile, and
  // merging keeps its records.
  const {statusUpdates: updates} = result
  await withStatusLock(root, async () => {
    await writeStatus(
      root,
      mergeStatus(await readStatus(root), {
        links: updates.links,
        repos: updates.repos,
        removeLinks: updates.removeLinks,
        removeRepos: updates.removeRepos
      })
    )
    await writeCheckedCache(root, result.checkedAt)
  })

  if (options.applyTo !== undefined) await applyFixes(result, root, options.applyTo, options)

  const markdown = checkMarkdown(result, options.fileUrl ? {fileUrl: options.fileUrl} : {})
  await writeReport(root, options.reportMd, markdown)
  await writeReport(root, options.reportJson, serializeCheckResult(result))
  if (options.stepSummary) await appendFile(options.stepSummary, markdown)

  options.stdout(`${summaryLines(result).join('\n')}\n`)
  return deadCount(result) > 0 ? exitCodes.dead : exitCodes.ok
}

/**
 * Write the fixes into the entry files, then validate the list again: a file
 * that no longer validates is put back as it was (whatever got past the shape
 * check cannot make the list invalid), and the run says so.
 */
async function applyFixes(
  result: CheckResult,
  root: string,
  files: readonly string[],
  options: Pick<OutcomeOptions, 'stdout' | 'stderr' | 'command'>
): Promise<void> {
  const originals = new Map<string, string>()
  for (const file of files) {
    const target = path.join(root, file)
    const before = await readFile(target, 'utf8')
    if (await applyRenamesToFile(target, result.fixes)) originals.set(file, before)
  }
  const {diagnostics} = await loadList(root)
  const broken = new Set(
    diagnostics.filter(d => d.severity === 'error' && originals.has(d.file)).map(d => d.file)
  )
  for (const file of broken) await writeFileAtomic(path.join(root, file), originals.get(file)!)
  const changed = [...originals.keys()].filter(file => !broken.has(file))
  const count = result.fixes.length
  options.stdout(
    `applied ${count} rename${count === 1 ? '' : 's'}: ${changed.length} entry file${changed.length === 1 ? '' : 's'} changed${changed.length > 0 ? ` (${changed.join(', ')})` : ''}\n`
  )
  if (broken.size > 0)
    options.stderr(
      `${options.command}: put back ${[...broken].join(', ')}: the fix made ${broken.size === 1 ? 'it' : 'them'} fail validation\n`
    )
  for (const fix of result.refusedFixes)
    options.stderr(
      `${options.command}: not applied: ${fix.from} → ${JSON.stringify(fix.to)}: ${fix.reason}\n`
    )
}

/** The entry files `--apply` may edit: those that hold a checked link. */
export function entryFilesOf(model: ListModel): string[] {
  return [...new Set(extractLinks(model).map(source => source.file))].filter(file =>
    file.startsWith('entries/')
  )
}

/** What the terminal shows at the end: each dead link with its places, then the counts. */
function summaryLines(result: CheckResult): string[] {
  const where = (sources: ReadonlyArray<{file: string; line: number; column: number}>) =>
    sources.map(s => `${s.file}:${s.line}:${s.column}`).join(', ')
  const lines = result.links.results
    .filter(link => link.dead)
    .map(link => `dead: ${link.url} (${describeVerdict(link.verdict)}) in ${where(link.sources)}`)
  const findings = result.repos?.findings ?? []
  for (const finding of findings.filter(isMissing))
    lines.push(`dead: ${finding.url} (${finding.detail}) in ${where(finding.sources)}`)
  lines.push(formatSummaryLine(summarize(result.links)))
  if (result.repos !== undefined) {
    const count = (kind: string) => findings.filter(finding => finding.kind === kind).length
    lines.push(
      `${result.repos.links} repository links: ${findings.filter(isMissing).length} missing, ${count('archived')} archived, ${count('renamed')} renamed, ${count('lookup-failed')} lookups failed`
    )
  }
  return lines
}

async function writeReport(root: string, file: string, text: string): Promise<void> {
  const target = path.resolve(root, file)
  await mkdir(path.dirname(target), {recursive: true})
  await writeFileAtomic(target, text)
}
