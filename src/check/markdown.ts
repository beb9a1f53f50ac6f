import {markdown as linksMarkdown} from '../links/report/markdown.js'
import {codeText, plainText, urlText} from '../links/report/safe.js'
import type {SourceLocation} from '../links/types.js'
import {findingOrder, type RepoFindingKind} from './findings.js'
import type {CheckResult, RepoSummary} from './result.js'

export interface MarkdownReportOptions {
  /** Link target for a source position; default a relative path with `#L<line>`. */
  fileUrl?: (file: string, line: number) => string
}

/** The whole report as Markdown, for the pull request body and the job summary. */
export function checkMarkdown(result: CheckResult, options: MarkdownReportOptions = {}): string {
  const parts = [linksMarkdown(result.links, options.fileUrl ? {fileUrl: options.fileUrl} : {})]
  if (result.repos !== undefined) parts.push(reposMarkdown(result.repos, options.fileUrl))
  if (result.refusedFixes.length > 0) {
    const lines = [
      '## Fixes not applied',
      '',
      'The network proposed these, in a shape that is not safe to write into an entry:',
      ''
    ]
    for (const fix of result.refusedFixes)
      lines.push(`- ${urlText(fix.from)} → ${codeText(fix.to)}: ${plainText(fix.reason)}`)
    parts.push(`${lines.join('\n')}\n`)
  }
  return parts.join('\n')
}

const titles: Record<RepoFindingKind, string> = {
  missing: 'Missing repositories',
  'path-missing': 'Missing paths in repositories',
  'ref-missing': 'Branches or tags that are gone (checked as pages)',
  archived: 'Archived or disabled',
  renamed: 'Renamed or transferred (fixed with --apply)',
  'lookup-failed': 'Lookups that failed (nothing marked)',
  unverified: 'Not verified through the API'
}

/** `## Repositories`: a line of counts, the notices, then the findings grouped by kind. */
function reposMarkdown(
  repos: RepoSummary,
  fileUrl?: (file: string, line: number) => string
): string {
  const {requests} = repos
  const lines = [
    '## Repositories',
    '',
    `${repos.links} links checked through APIs (GitHub GraphQL ${requests.graphql}, REST ${requests.rest}, Hugging Face ${requests.huggingface}, arXiv ${requests.arxiv} requests).`
  ]
  for (const notice of repos.notices) lines.push('', `> ${plainText(notice)}`)
  for (const kind of findingOrder) {
    const group = repos.findings.filter(finding => finding.kind === kind)
    if (group.length === 0) continue
    lines.push('', `### ${titles[kind]} (${group.length})`, '')
    for (const finding of group) {
      const where = finding.sources.map(source => sourceLink(source, fileUrl))
      lines.push(
        `- ${urlText(finding.url)}: ${finding.detail}${where.length > 0 ? ` (${where.join(', ')})` : ''}`
      )
    }
  }
  return `${lines.join('\n')}\n`
}

function sourceLink(source: SourceLocation, fileUrl?: (file: string, line: number) => string) {
  const label = `${source.file}:${source.line}`
  return fileUrl ? `[${label}](${fileUrl(source.file, source.line)})` : label
}
