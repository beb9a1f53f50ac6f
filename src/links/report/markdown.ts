import type {LinkCheckRun, LinkResult, SourceLocation} from '../types.js'
import {describeVerdict, type Evidence, type VerdictKind} from '../verdict.js'
import {codeText, plainText, urlText} from './safe.js'
import {formatSummaryLine, summarize} from './summary.js'

export interface MarkdownOptions {
  /**
   * Link target for a source position; default a path relative to the
   * repository root with a `#L<line>` fragment (GitHub's line links).
   */
  fileUrl?: (file: string, line: number) => string
  /** Title of the report; default `Link check`. */
  title?: string
}

const headings: Record<VerdictKind, string> = {
  broken: 'Broken',
  unreachable: 'Unreachable',
  redirected: 'Permanently redirected',
  unverifiable: 'Unverifiable (the site blocks automated clients)',
  ok: 'Working, with a warning'
}

/**
 * The run as Markdown for a pull request body or a job summary: a summary,
 * then one section per verdict (dead links first within each), each line
 * naming the URL, its evidence and the entry files that use it.
 */
export function markdown(run: LinkCheckRun, options: MarkdownOptions = {}): string {
  const fileUrl = options.fileUrl ?? ((file: string, line: number) => `${file}#L${line}`)
  const summary = summarize(run)
  const lines: string[] = [`# ${options.title ?? 'Link check'}`, '']
  lines.push(
    `${formatSummaryLine(summary)} (${run.requests} requests in ${(run.durationMs / 1000).toFixed(1)} s).`,
    '',
    summary.dead > 0
      ? `**${summary.dead} dead** link${summary.dead === 1 ? '' : 's'}: failing ${'`'}deadAfter${'`'} runs in a row, or definitively (no such host, a confirmed 404/410, a missing anchor).`
      : 'Nothing is dead. Links failing for the first time are listed, but are only reported dead once the failure repeats or is definitive.',
    ''
  )
  for (const kind of ['broken', 'unreachable', 'redirected', 'unverifiable', 'ok'] as const) {
    const group = run.results
      .filter(
        result =>
          result.verdict.kind === kind &&
          (result.verdict.kind !== 'ok' || result.verdict.warning !== undefined)
      )
      .sort(
        (a, b) => Number(b.dead) - Number(a.dead) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)
      )
    if (group.length === 0) continue
    lines.push(`## ${headings[kind]} (${group.length})`, '')
    for (const result of group) lines.push(`- ${line(result, fileUrl)}`)
    lines.push('')
  }
  if (run.skipped.length > 0) {
    lines.push(`<details><summary>Not checked (${run.skipped.length})</summary>`, '')
    for (const item of run.skipped)
      lines.push(
        `- ${urlText(item.url)}: ${plainText(item.reason)}; ${sources(item.sources, fileUrl)}`
      )
    lines.push('', '</details>', '')
  }
  if (run.slowedHosts.length > 0)
    lines.push(
      `Hosts that asked us to slow down (429): ${run.slowedHosts.map(codeText).join(', ')}.`,
      ''
    )
  return `${lines.join('\n').trimEnd()}\n`
}

function line(result: LinkResult, fileUrl: (file: string, line: number) => string): string {
  const {verdict} = result
  const state = result.dead
    ? '**dead** '
    : verdict.kind === 'broken' || verdict.kind === 'unreachable'
      ? `failing (${result.consecutiveFailures} run${result.consecutiveFailures === 1 ? '' : 's'}${result.firstFailedAt ? ` since ${result.firstFailedAt.slice(0, 10)}` : ''}) `
      : ''
  const what =
    verdict.kind === 'redirected' ? `→ ${urlText(verdict.to)}` : plainText(describeVerdict(verdict))
  return `${state}${urlText(result.url)} ${what} (${evidence(verdict.evidence)}); ${sources(result.sources, fileUrl)}`
}

function evidence(value: Evidence): string {
  if (value.cached) return 'cached'
  const parts: string[] = []
  if (value.hops.length > 0)
    parts.push(
      value.hops.map(hop => `${hop.method} ${hop.status ?? hop.errorCode ?? '?'}`).join(' → ')
    )
  if (value.hops.length > 1)
    parts.push(
      `via ${value.hops
        .slice(1)
        .map(hop => urlText(hop.url))
        .join(', ')}`
    )
  if (value.attempts > 0) parts.push(`${value.attempts} request${value.attempts === 1 ? '' : 's'}`)
  return parts.length === 0 ? 'checked offline' : parts.join('; ')
}

function sources(
  locations: readonly SourceLocation[],
  fileUrl: (file: string, line: number) => string
): string {
  const shown = locations
    .slice(0, 5)
    .map(l => `[${plainText(l.file)}:${l.line}](${fileUrl(l.file, l.line)})`)
  if (locations.length > 5) shown.push(`and ${locations.length - 5} more`)
  return `in ${shown.join(', ')}`
}
