import type {LinkSource} from '../links/types.js'
import type {RepoStep} from './step.js'

/** One repository finding for the reports. */
export interface RepoFinding {
  kind: 'missing' | 'archived' | 'renamed' | 'lookup-failed' | 'unverified' | 'path-missing'
  url: string
  detail: string
  sources: LinkSource[]
}

/** What needs a human (or was fixed) among the repository results, with the files that link each one. */
export function repoFindings(step: RepoStep, sources: readonly LinkSource[]): RepoFinding[] {
  const byUrl = new Map<string, LinkSource[]>()
  for (const source of sources) byUrl.set(source.url, [...(byUrl.get(source.url) ?? []), source])
  const findings: RepoFinding[] = []
  for (const [url, ref] of step.run.refs) {
    const result = step.run.results.get(ref.key)
    if (result === undefined) continue
    const add = (kind: RepoFinding['kind'], detail: string) =>
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
        add('path-missing', `\`${result.path}\` does not exist at \`${result.ref}\``)
        break
      case 'renamed':
      case 'transferred':
        add('renamed', `${result.kind} to \`${result.to}\``)
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
  const order: RepoFinding['kind'][] = [
    'missing',
    'path-missing',
    'archived',
    'renamed',
    'lookup-failed',
    'unverified'
  ]
  return findings.sort(
    (a, b) =>
      order.indexOf(a.kind) - order.indexOf(b.kind) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)
  )
}

const titles: Record<RepoFinding['kind'], string> = {
  missing: 'Missing repositories',
  'path-missing': 'Missing paths in repositories',
  archived: 'Archived or disabled',
  renamed: 'Renamed or transferred (fixed with --apply)',
  'lookup-failed': 'Lookups that failed (nothing marked)',
  unverified: 'Not verified through the API'
}

/** A finding as reports store it: sources already formatted (`file:line`, or a Markdown link). */
export interface StoredFinding {
  kind: RepoFinding['kind']
  url: string
  detail: string
  sources: string[]
}

/** The repository part of the Markdown report. */
export function repoMarkdown(
  step: RepoStep,
  findings: readonly RepoFinding[],
  fileUrl?: (file: string, line: number) => string
): string {
  const {requests} = step.run
  const header = `${step.run.refs.size} links checked through APIs (GitHub GraphQL ${requests.graphql}, REST ${requests.rest}, Hugging Face ${requests.huggingface}, arXiv ${requests.arxiv} requests).`
  const stored = findings.map(finding => ({
    ...finding,
    sources: finding.sources.map(s =>
      fileUrl ? `[${s.file}:${s.line}](${fileUrl(s.file, s.line)})` : `${s.file}:${s.line}`
    )
  }))
  return findingsMarkdown(
    header,
    step.run.notices.map(notice => notice.message),
    stored
  )
}

/** `## Repositories`: a line of counts, the notices, then the findings grouped by kind. */
export function findingsMarkdown(
  header: string,
  notices: readonly string[],
  findings: readonly StoredFinding[]
): string {
  const lines = ['## Repositories', '', header]
  for (const notice of notices) lines.push('', `> ${notice}`)
  for (const kind of Object.keys(titles) as Array<RepoFinding['kind']>) {
    const group = findings.filter(finding => finding.kind === kind)
    if (group.length === 0) continue
    lines.push('', `### ${titles[kind]} (${group.length})`, '')
    for (const finding of group)
      lines.push(
        `- <${finding.url}>: ${finding.detail}${finding.sources.length > 0 ? ` (${finding.sources.join(', ')})` : ''}`
      )
  }
  return `${lines.join('\n')}\n`
}
