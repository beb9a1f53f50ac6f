import {appendFile, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {loadList} from '../../entries/load.js'
import {type ClientOptions, createHttpClient} from '../../links/client.js'
import {
  ConfigError,
  hostPolicy,
  type LinkCheckConfig,
  loadConfig,
  matchesFilter
} from '../../links/config.js'
import {extractLinks} from '../../links/extract.js'
import {createProgress} from '../../links/progress.js'
import {createReporter, formatForFile} from '../../links/report/index.js'
import {formatSummaryLine, implausibleFailure, summarize} from '../../links/report/summary.js'
import {runLinkCheck} from '../../links/run.js'
import {describeVerdict, type Verdict} from '../../links/verdict.js'
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import {applyRenamesToFile} from '../../apply/renames.js'
import type {UrlRename} from '../../apply/rename-url.js'
import {repoFindings, repoMarkdown} from '../../repos/report.js'
import {type RepoStep, runRepoStep} from '../../repos/step.js'
import {allSections} from '../../model/build.js'
import {readStatus, StatusFileError, writeStatus} from '../../status/file.js'
import type {StatusFile} from '../../status/types.js'
import {printDiagnostics} from '../report.js'
import {type CliContext, type Command, UsageError} from '../context.js'

const execFileAsync = promisify(execFile)

/** What tests replace: the network client's options (name resolution, trusted CAs) and the clock. */
export interface CheckLinksDependencies {
  clientOptions?: ClientOptions
  /** Options for the API lookups (endpoints, clock, dispatcher); the token comes from the environment. */
  repoOptions?: Record<string, unknown>
  now?: () => Date
  random?: () => number
}

/** Options of `check-links`; later ones (`--changed-since`, `--apply`, `--repos-only`) join this table. */
const options = {
  'no-cache': {type: 'boolean'},
  'report-md': {type: 'string'},
  'report-json': {type: 'string'},
  config: {type: 'string'},
  only: {type: 'string', multiple: true},
  shard: {type: 'string'},
  'changed-since': {type: 'string'},
  'repos-only': {type: 'boolean'},
  'no-repos': {type: 'boolean'},
  apply: {type: 'boolean'},
  help: {type: 'boolean'}
} as const

const usage = `Usage: check-links [options]
  --no-cache             check every URL, even ones found ok within the cache age
  --report-md <file>     Markdown report (default reports/links.md)
  --report-json <file>   JSON result, one record per URL (default reports/links.json)
  --config <file>        configuration (default link-check.config.yaml)
  --only <glob|host>     check only matching URLs (repeatable); other statuses are kept
  --shard <k>/<n>        check the k-th of n disjoint shards, split by host
  --changed-since <ref>  check only links on lines added since the git ref (pull requests)
  --repos-only           only the GitHub, Hugging Face and arXiv API lookups
  --no-repos             only plain HTTP checks (no API lookups)
  --apply                write renamed repositories and permanent redirects into the entries
Environment: GITHUB_TOKEN (GITHUB_GRAPHQL_URL, GITHUB_API_URL), HF_TOKEN.
Exit code: 0 nothing dead, 1 something dead, 2 usage or configuration error,
3 an implausible share of links failed at once (nothing was written).
`

/** `check-links` with its network edge replaceable. */
export function createCheckLinks(dependencies: CheckLinksDependencies = {}): Command {
  return async (argv, context) => {
    const flags = parseFlags(argv)
    if (flags.help) {
      context.stdout(usage)
      return 0
    }
    const root = context.cwd

    let config: LinkCheckConfig
    try {
      config = await loadConfig(root, flags.config)
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      printDiagnostics(context, error.diagnostics)
      return 2
    }
    const {model, diagnostics} = await loadList(root)
    if (!model) {
      // Links of a list that does not validate cannot be collected; `validate` explains.
      printDiagnostics(context, diagnostics)
      context.stderr('check-links: the list does not validate; run `npm run validate`\n')
      return 2
    }
    let status
    try {
      status = await readStatus(root)
    } catch (error) {
      if (!(error instanceof StatusFileError)) throw error
      context.stderr(`check-links: ${error.message}\n`)
      return 2
    }

    const sources = extractLinks(model)
    let changed: ((url: string) => boolean) | undefined
    if (flags.changedSince !== undefined) {
      const added = await addedLines(root, flags.changedSince)
      if (added === undefined) {
        context.stderr(
          `check-links: cannot diff against \`${flags.changedSince}\` (is it a git ref of this repository?)\n`
        )
        return 2
      }
      changed = url => added.some(line => line.includes(url))
    }
    const baseFilter = buildFilter(flags.only, flags.shard)
    const selected = (url: string) =>
      (baseFilter === undefined || baseFilter(url)) && (changed === undefined || changed(url))
    const now = dependencies.now ?? (() => new Date())

    // API lookups first: what they settle, the HTTP check leaves alone (github.com throttles page fetches).
    let repoStep: RepoStep | undefined
    if (!flags.noRepos) {
      const urls = [...new Set(sources.map(source => source.url))].filter(selected)
      const apiOptions = {env: context.env, ...(dependencies.repoOptions ?? {})}
      repoStep = await runRepoStep(urls, status, {
        github: apiOptions,
        huggingFace: apiOptions,
        arxiv: apiOptions,
        now: now()
      })
      status = repoStep.status
      for (const notice of repoStep.run.notices) context.stderr(`check-links: ${notice.message}\n`)
    }

    const client = createHttpClient({
      connectionsFor: origin => hostPolicy(config, origin.hostname).connections,
      ...dependencies.clientOptions
    })
    const progress = createProgress({isTTY: context.isTTY, write: context.stdout})
    const settled = repoStep?.settled ?? new Set<string>()
    const filter = flags.reposOnly
      ? () => false
      : baseFilter === undefined && changed === undefined && settled.size === 0
        ? undefined
        : (url: string) => selected(url) && !settled.has(url)
    let outcome
    try {
      outcome = await runLinkCheck({
        sources,
        anchors: allSections(model.sections).map(node => node.section.id),
        root,
        config,
        status,
        client,
        useCache: !flags.noCache,
        onResult: (result, counts) => progress.update(result, counts),
        ...(filter ? {filter} : {}),
        ...(dependencies.now ? {now: dependencies.now} : {}),
        ...(dependencies.random ? {random: dependencies.random} : {})
      })
    } finally {
      progress.finish()
      await client.close()
    }
    const {run} = outcome

    const unbelievable = implausibleFailure(run.results)
    if (unbelievable !== undefined) {
      context.stderr(`check-links: ${unbelievable}\n`)
      return 3
    }

    await writeStatus(root, outcome.status)
    if (flags.apply) {
      const renames = [...(repoStep?.renames ?? []), ...redirectRenames(run)]
      const changedFiles: string[] = []
      for (const file of [...new Set(sources.map(source => source.file))].filter(f =>
        f.startsWith('entries/')
      )) {
        if (await applyRenamesToFile(path.join(root, file), renames)) changedFiles.push(file)
      }
      context.stdout(
        `applied ${renames.length} rename${renames.length === 1 ? '' : 's'}: ${changedFiles.length} entry file${changedFiles.length === 1 ? '' : 's'} changed${changedFiles.length > 0 ? ` (${changedFiles.join(', ')})` : ''}\n`
      )
    }
    const fileUrl = githubFileUrl(context)
    const reportOptions = fileUrl ? {fileUrl} : {}
    const findings = repoStep === undefined ? [] : repoFindings(repoStep, sources)
    const markdown = () =>
      createReporter('markdown', reportOptions)(run) +
      (repoStep === undefined ? '' : `\n${repoMarkdown(repoStep, findings, fileUrl)}`)
    for (const file of [flags.reportMd, flags.reportJson]) {
      const target = path.resolve(root, file)
      await mkdir(path.dirname(target), {recursive: true})
      const format = formatForFile(file)
      const text =
        format === 'markdown'
          ? markdown()
          : `${JSON.stringify(
              {
                ...(JSON.parse(createReporter('json', reportOptions)(run)) as object),
                repos: findings.map(({sources: s, ...rest}) => ({
                  ...rest,
                  sources: s.map(x => `${x.file}:${x.line}`)
                })),
                // What this run changed, so that shards can be merged into one status and one set of fixes.
                statusUpdates: statusUpdates(outcome.status, run, repoStep),
                renames: [...(repoStep?.renames ?? []), ...redirectRenames(run)]
              },
              null,
              2
            )}\n`
      await writeFile(target, text)
    }
    const stepSummary = context.env['GITHUB_STEP_SUMMARY']
    if (stepSummary) await appendFile(stepSummary, markdown())

    const summary = summarize(run)
    const dead = run.results.filter(result => result.dead)
    const lines = dead.map(
      result =>
        `dead: ${result.url} (${describeVerdict(result.verdict)}) in ${result.sources.map(s => `${s.file}:${s.line}:${s.column}`).join(', ')}`
    )
    const missing = findings.filter(
      finding => finding.kind === 'missing' || finding.kind === 'path-missing'
    )
    for (const finding of missing)
      lines.push(
        `dead: ${finding.url} (${finding.detail}) in ${finding.sources.map(s => `${s.file}:${s.line}:${s.column}`).join(', ')}`
      )
    const repoLine =
      repoStep === undefined
        ? []
        : [
            `${repoStep.run.refs.size} repository links: ${missing.length} missing, ${findings.filter(f => f.kind === 'archived').length} archived, ${findings.filter(f => f.kind === 'renamed').length} renamed, ${findings.filter(f => f.kind === 'lookup-failed').length} lookups failed`
          ]
    context.stdout(
      `${[...lines, formatSummaryLine(summary), ...repoLine, `Reports: ${flags.reportMd}, ${flags.reportJson}`].join('\n')}\n`
    )
    return summary.dead > 0 || missing.length > 0 ? 1 : 0
  }
}

export const run: Command = createCheckLinks()

/** Permanent redirects to write back: only an https upgrade or a move within the same site is the same resource. */
function redirectRenames(run: {
  results: ReadonlyArray<{url: string; verdict: Verdict}>
}): UrlRename[] {
  const renames: UrlRename[] = []
  for (const {url, verdict} of run.results) {
    if (verdict.kind !== 'redirected') continue
    try {
      const from = new URL(url)
      const to = new URL(verdict.to)
      const site = (host: string) => host.replace(/^www\./, '')
      if (site(from.hostname) === site(to.hostname)) renames.push({from: url, to: verdict.to})
    } catch {
      // Not a URL; nothing to write.
    }
  }
  return renames
}

/** The status records this run wrote: its links, and the repositories it looked up. */
function statusUpdates(
  status: StatusFile,
  run: {results: ReadonlyArray<{url: string}>},
  repoStep: RepoStep | undefined
): Pick<StatusFile, 'links' | 'repos'> {
  const links: StatusFile['links'] = {}
  for (const {url} of run.results) {
    const record = status.links[url]
    if (record !== undefined) links[url] = record
  }
  const repos: StatusFile['repos'] = {}
  for (const key of repoStep?.run.results.keys() ?? []) {
    const record = status.repos[key]
    if (record !== undefined) repos[key] = record
  }
  return {links, repos}
}

/**
 * Lines added since `ref` in entries/ and templates/, or undefined when git cannot diff.
 * The ref comes from a workflow, which may take it from a pull request: one
 * that starts with `-` is refused (git would read `--output=…` as an option and
 * write a file, `--ext-diff` as one that hides every added line), and
 * `--end-of-options` makes git read whatever follows as a revision.
 */
async function addedLines(root: string, ref: string): Promise<string[] | undefined> {
  if (ref.startsWith('-') || ref === '')
    throw new UsageError(
      `\`--changed-since\` expects a git ref such as \`origin/main\`, got \`${ref}\`: a ref cannot start with \`-\` or be empty`
    )
  try {
    const {stdout} = await execFileAsync(
      'git',
      [
        'diff',
        '--unified=0',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--end-of-options',
        ref,
        '--',
        'entries',
        'templates'
      ],
      {cwd: root, maxBuffer: 64 * 1024 * 1024}
    )
    return stdout.split('\n').filter(line => line.startsWith('+') && !line.startsWith('+++'))
  } catch {
    return undefined
  }
}

interface Flags {
  changedSince?: string
  reposOnly: boolean
  noRepos: boolean
  apply: boolean
  noCache: boolean
  reportMd: string
  reportJson: string
  config?: string
  only: string[]
  shard?: {index: number; count: number}
  help: boolean
}

function parseFlags(argv: string[]): Flags {
  let values
  try {
    ;({values} = parseArgs({args: argv, options, allowPositionals: false, strict: true}))
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`)
  }
  const flags: Flags = {
    noCache: values['no-cache'] ?? false,
    reportMd: values['report-md'] ?? 'reports/links.md',
    reportJson: values['report-json'] ?? 'reports/links.json',
    only: values.only ?? [],
    reposOnly: values['repos-only'] ?? false,
    noRepos: values['no-repos'] ?? false,
    apply: values.apply ?? false,
    help: values.help ?? false
  }
  if (values['changed-since'] !== undefined) flags.changedSince = values['changed-since']
  if (flags.reposOnly && flags.noRepos)
    throw new UsageError('`--repos-only` and `--no-repos` exclude each other')
  if (values.config !== undefined) flags.config = values.config
  if (values.shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(values.shard)
    const index = Number(match?.[1])
    const count = Number(match?.[2])
    if (!match || count < 1 || index < 1 || index > count)
      throw new UsageError(`Expected \`--shard k/n\` with 1 ≤ k ≤ n, got \`${values.shard}\``)
    flags.shard = {index, count}
  }
  return flags
}

function buildFilter(
  only: string[],
  shard: Flags['shard']
): ((url: string) => boolean) | undefined {
  if (only.length === 0 && shard === undefined) return undefined
  return url =>
    (only.length === 0 || only.some(filter => matchesFilter(url, filter))) &&
    (shard === undefined || hash(hostOf(url)) % shard.count === shard.index - 1)
}

/** Shards split by host, so that per-host politeness still holds within a shard. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return url
  }
}

/** FNV-1a: a stable hash, so a URL stays in its shard from run to run. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193) >>> 0
  }
  return value
}

/** Links to the exact lines on GitHub when running in Actions; else relative paths. */
function githubFileUrl(context: CliContext): ((file: string, line: number) => string) | undefined {
  const {GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha} = context.env
  if (!server || !repository || !sha) return undefined
  return (file, line) =>
    `${server}/${repository}/blob/${sha}/${file.split(path.sep).join('/')}#L${line}`
}
