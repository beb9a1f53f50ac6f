import {codeText} from '../links/report/safe.js'
import type {LinkSource, SourceLocation} from '../links/types.js'
import type {RepoStep} from './repos.js'

/** What the reports say about a repository link. */
export type RepoFindingKind =
  | 'missing'
  | 'path-missing'
  /** A deep link's branch or tag is gone: informational, the page check gives the verdict. */
  | 'ref-missing'
  | 'archived'
  | 'renamed'
  | 'lookup-failed'
  | 'unverified'

/** One repository finding for the reports. */
export interface RepoFinding {
  kind: RepoFindingKind
  url: string
  detail: string
  sources: SourceLocation[]
}

/** Findings that make the run fail: the repository, or the path a deep link names, is gone. */
export function isMissing(finding: RepoFinding): boolean {
  return finding.kind === 'missing' || finding.kind === 'path-missing'
}

/** Report order: what needs a human first. */
export const findingOrder: readonly RepoFindingKind[] = [
  'missing',
  'path-missing',
  'ref-missing',
  'archived',
  'renamed',
  'lookup-failed',
  'unverified'
]

/** What needs a human (or was fixed) among the repository results, with the files that link each one. */
export function repoFindings(step: RepoStep, sources: readonly LinkSource[]): RepoFinding[] {
  const byUrl = new Map<string, SourceLocation[]>()
  for (const {url, ...location} of sources) byUrl.set(url, [...(byUrl.get(url) ?? []), location])
  const findings: RepoFinding[] = []
  for (const [url, ref] of step.run.refs) {
    const result = step.run.results.get(ref.key)
    if (result === undefined) continue
    const add = (kind: RepoFindingKind, detail: string) =>
      findings.push({kind, url, detail, sources: byUrl.get(url) ?? []})
    switch (result.kind) {
      case 'missing':
      case 'account-missing':
        add('missing', 'the API says it does not exist')
        break
      case 'blocked':
        add('missing', `access blocked (HTTP ${result.status})`)
        break
      case 'deep-path-missing':
        add('path-missing', `${codeText(result.path)} does not exist at ${codeText(result.ref)}`)
        break
      case 'deep-ref-missing': {
        const branch = result.facts.defaultBranch
        const onIt = result.pathOnDefaultBranch && result.path !== ''
        add(
          'ref-missing',
          `${codeText(result.ref)} does not exist${branch === undefined ? '' : ` (the default branch is ${codeText(branch)}${onIt ? `, which has ${codeText(result.path)}` : ''})`}`
        )
        break
      }
      case 'renamed':
      case 'transferred':
        add('renamed', `${result.kind} to ${codeText(result.to)}`)
        break
      case 'lookup-failed':
        add('lookup-failed', `${result.reason}: kept the last known facts`)
        break
      case 'unverified':
        add('unverified', `${result.reason}: checked as a plain link instead`)
        break
      case 'ok':
      case 'deep-ok':
        if (
          'facts' in result &&
          'archived' in result.facts &&
          (result.facts.archived || result.facts.disabled)
        )
          add('archived', result.facts.disabled ? 'disabled' : 'archived')
        break
      default:
        break
    }
  }
  return sortFindings(findings)
}

/** Findings in report order, then by URL. */
export function sortFindings(findings: RepoFinding[]): RepoFinding[] {
  return findings.sort(
    (a, b) =>
      findingOrder.indexOf(a.kind) - findingOrder.indexOf(b.kind) ||
      (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)
  )
}
