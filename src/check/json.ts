import {summarize} from '../links/report/summary.js'
import type {LinkResult} from '../links/types.js'
import {type Verdict, verdictKinds} from '../links/verdict.js'
import {findingOrder} from './findings.js'
import type {CheckResult, RepoSummary} from './result.js'

/** Version of the JSON report; `merge-reports` refuses others. */
const version = 2

/**
 * The result as JSON for machines (and for `merge-reports`): a summary, one
 * record per URL with its verdict fields flattened (`verdict` is the kind),
 * the repository findings, the status updates and the fixes. Keys in a fixed order.
 */
export function serializeCheckResult(result: CheckResult): string {
  const {links} = result
  return `${JSON.stringify(
    {
      version,
      startedAt: links.startedAt,
      durationMs: links.durationMs,
      requests: links.requests,
      slowedHosts: links.slowedHosts,
      summary: summarize(links),
      links: links.results.map(linkRecord),
      skipped: links.skipped,
      ...(result.repos === undefined ? {} : {repos: result.repos}),
      statusUpdates: result.statusUpdates,
      fixes: result.fixes,
      refusedFixes: result.refusedFixes,
      checkedAt: result.checkedAt,
      ...(result.aborted === undefined ? {} : {aborted: result.aborted})
    },
    undefined,
    2
  )}\n`
}

function linkRecord(result: LinkResult): Record<string, unknown> {
  const {kind, evidence, ...details} = result.verdict
  return {
    url: result.url,
    verdict: kind,
    ...details,
    dead: result.dead,
    consecutiveFailures: result.consecutiveFailures,
    ...(result.firstFailedAt === undefined ? {} : {firstFailedAt: result.firstFailedAt}),
    evidence,
    sources: result.sources
  }
}

/** Thrown when a JSON report cannot be read back; the message says what is wrong. */
export class CheckResultError extends Error {
  override name = 'CheckResultError'
}

/** Read back what `serializeCheckResult` wrote, checking its shape. */
export function parseCheckResult(text: string): CheckResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CheckResultError(`not JSON: ${(error as Error).message}`)
  }
  const report = record(value, 'the report')
  if (report['version'] !== version)
    throw new CheckResultError(
      `expected a \`check-links --report-json\` result of version ${version}, got version ${JSON.stringify(report['version'])}`
    )
  const updates = record(report['statusUpdates'], '`statusUpdates`')
  const repos = report['repos'] === undefined ? undefined : record(report['repos'], '`repos`')
  const result: CheckResult = {
    links: {
      results: list(report['links'], '`links`').map(fromLinkRecord),
      skipped: list(report['skipped'], '`skipped`') as CheckResult['links']['skipped'],
      requests: number(report['requests'], '`requests`'),
      slowedHosts: list(report['slowedHosts'], '`slowedHosts`').map(host =>
        string(host, 'a slowed host')
      ),
      startedAt: string(report['startedAt'], '`startedAt`'),
      durationMs: number(report['durationMs'], '`durationMs`')
    },
    statusUpdates: {
      links: record(updates['links'], '`statusUpdates.links`') as never,
      repos: record(updates['repos'], '`statusUpdates.repos`') as never,
      removeLinks: list(updates['removeLinks'], '`statusUpdates.removeLinks`').map(url =>
        string(url, 'a removed link')
      ),
      removeRepos: list(updates['removeRepos'], '`statusUpdates.removeRepos`').map(key =>
        string(key, 'a removed repository')
      )
    },
    fixes: list(report['fixes'], '`fixes`').map(item => {
      const fix = record(item, 'a fix')
      return {from: string(fix['from'], '`fixes[].from`'), to: string(fix['to'], '`fixes[].to`')}
    }),
    refusedFixes: list(report['refusedFixes'], '`refusedFixes`').map(item => {
      const fix = record(item, 'a refused fix')
      return {
        from: string(fix['from'], '`refusedFixes[].from`'),
        to: string(fix['to'], '`refusedFixes[].to`'),
        reason: string(fix['reason'], '`refusedFixes[].reason`')
      }
    }),
    checkedAt: Object.fromEntries(
      Object.entries(record(report['checkedAt'], '`checkedAt`')).map(([url, time]) => [
        url,
        string(time, '`checkedAt` times')
      ])
    )
  }
  if (typeof report['aborted'] === 'string') result.aborted = report['aborted']
  if (repos !== undefined) {
    result.repos = {
      links: number(repos['links'], '`repos.links`'),
      requests: record(repos['requests'], '`repos.requests`') as never,
      notices: list(repos['notices'], '`repos.notices`').map(n => string(n, 'a notice')),
      findings: list(repos['findings'], '`repos.findings`').map(item => {
        const finding = record(item, 'a finding')
        const kind = finding['kind']
        if (!findingOrder.includes(kind as never))
          throw new CheckResultError(`unknown finding kind ${JSON.stringify(kind)}`)
        return {
          kind: kind as (typeof findingOrder)[number],
          url: string(finding['url'], '`findings[].url`'),
          detail: string(finding['detail'], '`findings[].detail`'),
          sources: list(finding['sources'], '`findings[].sources`') as never
        }
      }),
      apis: record(repos['apis'], '`repos.apis`') as RepoSummary['apis']
    }
  }
  return result
}

function fromLinkRecord(item: unknown): LinkResult {
  const {url, verdict, dead, consecutiveFailures, firstFailedAt, evidence, sources, ...details} =
    record(item, 'a link record')
  if (!verdictKinds.includes(verdict as never))
    throw new CheckResultError(`unknown verdict ${JSON.stringify(verdict)} for ${String(url)}`)
  return {
    url: string(url, '`links[].url`'),
    sources: list(sources, '`links[].sources`') as never,
    verdict: verdictFromRecord(verdict as Verdict['kind'], details, record(evidence, '`evidence`')),
    dead: dead === true,
    consecutiveFailures: number(consecutiveFailures, '`links[].consecutiveFailures`'),
    ...(typeof firstFailedAt === 'string' ? {firstFailedAt} : {})
  }
}

/** The verdict whose fields `linkRecord` flattened beside `verdict`, each field checked. */
function verdictFromRecord(
  kind: Verdict['kind'],
  fields: Record<string, unknown>,
  evidenceFields: Record<string, unknown>
): Verdict {
  const evidence = {
    ...(evidenceFields as Partial<Verdict['evidence']>),
    hops: list(evidenceFields['hops'], '`evidence.hops`') as Verdict['evidence']['hops'],
    attempts: number(evidenceFields['attempts'], '`evidence.attempts`')
  }
  const status =
    fields['status'] === undefined ? {} : {status: number(fields['status'], '`status`')}
  const definitive = fields['definitive'] === true
  switch (kind) {
    case 'ok':
      return {
        kind,
        ...status,
        ...(fields['finalUrl'] === undefined
          ? {}
          : {finalUrl: string(fields['finalUrl'], '`finalUrl`')}),
        ...(fields['warning'] === 'login-redirect' ? {warning: 'login-redirect' as const} : {}),
        evidence
      }
    case 'redirected':
      return {
        kind,
        status: number(fields['status'], '`status`'),
        to: string(fields['to'], '`to`'),
        finalUrl: string(fields['finalUrl'], '`finalUrl`'),
        evidence
      }
    case 'broken':
      return {
        kind,
        reason: string(fields['reason'], '`reason`') as never,
        ...status,
        definitive,
        evidence
      }
    case 'unreachable':
      return {kind, cause: string(fields['cause'], '`cause`') as never, definitive, evidence}
    case 'unverifiable':
      return {kind, reason: string(fields['reason'], '`reason`') as never, ...status, evidence}
  }
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>
  throw new CheckResultError(`expected ${what} to be an object`)
}

function list(value: unknown, what: string): unknown[] {
  if (Array.isArray(value)) return value
  throw new CheckResultError(`expected ${what} to be a list`)
}

function string(value: unknown, what: string): string {
  if (typeof value === 'string') return value
  throw new CheckResultError(`expected ${what} to be a string`)
}

function number(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  throw new CheckResultError(`expected ${what} to be a number`)
}
