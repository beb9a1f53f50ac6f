import path from 'node:path'
import {entryFilesOf, writeOutcome} from '../../check/outcome.js'
import {runCheck} from '../../check/run.js'
import {addedLinesSince, buildScope, unmatchedFilter, urlsOnLines} from '../../check/scope.js'
import {loadList} from '../../entries/load.js'
import type {ClientOptions} from '../../links/client.js'
import {extractLinks} from '../../links/extract.js'
import {ConfigError, type LinkCheckConfig, loadConfig} from '../../links/config.js'
import {createProgress} from '../../links/progress.js'
import type {RepoCheckOptions} from '../../repos/check.js'
import {readCheckedCache, readStatus, StatusFileError} from '../../status/file.js'
import {type CliContext, type Command, UsageError} from '../context.js'
import {defineCommand, type OptionSpec, type OptionValues} from '../define.js'
import {printDiagnostics} from '../report.js'

/** What tests replace: the network edge (name resolution, trusted CAs, API endpoints) and the clock. */
export interface CheckLinksDependencies {
  clientOptions?: ClientOptions
  /** Options per API client; the token and endpoints still come from the environment unless set here. */
  repoOptions?: RepoCheckOptions
  now?: () => Date
  random?: () => number
}

const options = {
  'no-cache': {
    type: 'boolean',
    description: 'check every URL, even ones found ok within the cache age'
  },
  'report-md': {
    type: 'string',
    value: 'file',
    description: 'Markdown report (default reports/links.md)'
  },
  'report-json': {
    type: 'string',
    value: 'file',
    description: 'JSON result, one record per URL (default reports/links.json)'
  },
  config: {
    type: 'string',
    value: 'file',
    description: 'configuration (default link-check.config.yaml)'
  },
  only: {
    type: 'string',
    value: 'glob|host',
    multiple: true,
    description: 'check only matching URLs; other statuses are kept'
  },
  shard: {
    type: 'string',
    value: 'k/n',
    description: 'check the k-th of n disjoint shards, split by host'
  },
  'changed-since': {
    type: 'string',
    value: 'ref',
    description: 'check only links on lines added since the git ref (pull requests)'
  },
  'repos-only': {
    type: 'boolean',
    description: 'only the GitHub, Hugging Face and arXiv API lookups'
  },
  'no-repos': {type: 'boolean', description: 'only plain HTTP checks (no API lookups)'},
  apply: {
    type: 'boolean',
    description: 'write renamed repositories and permanent redirects into the entries'
  }
} as const satisfies Record<string, OptionSpec>

const epilog = `Environment: GITHUB_TOKEN (GITHUB_GRAPHQL_URL, GITHUB_API_URL), HF_TOKEN.
Exit code: 0 nothing dead, 1 something dead, 2 usage, configuration or file-system error,
3 the result cannot be trusted (network or an API down): nothing was written.`

/** `check-links`: parse flags → runCheck → writeOutcome, with the network edge replaceable. */
function defineCheckLinks(dependencies: CheckLinksDependencies) {
  return defineCommand({
    name: 'check-links',
    summary: 'Check the links and repositories of the list, and report or apply what changed',
    options,
    epilog,
    run: ({values}, context) => checkLinks(flagsFrom(values), context, dependencies)
  })
}

/** The command with its network edge replaced (tests, benchmarks). */
export function createCheckLinks(dependencies: CheckLinksDependencies = {}): Command {
  return defineCheckLinks(dependencies).run
}

export const command = defineCheckLinks({})
export const run: Command = command.run

async function checkLinks(
  flags: Flags,
  context: CliContext,
  dependencies: CheckLinksDependencies
): Promise<number> {
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

  // A scope that selects nothing is a mistake to say, not an empty success.
  const listUrls = [...new Set(extractLinks(model).map(source => source.url))]
  for (const filter of flags.only) {
    const problem = unmatchedFilter(filter, listUrls)
    if (problem !== undefined) throw new UsageError(problem)
  }
  let addedLines: string[] | undefined
  if (flags.changedSince !== undefined) {
    // The ref may come from a pull request: `--output=…` would make git write a file.
    if (flags.changedSince.startsWith('-') || flags.changedSince === '')
      throw new UsageError(
        `\`--changed-since\` expects a git ref such as \`origin/main\`, got \`${flags.changedSince}\`: a ref cannot start with \`-\` or be empty`
      )
    const added = await addedLinesSince(root, flags.changedSince)
    if (added === undefined) {
      context.stderr(
        `check-links: cannot diff against \`${flags.changedSince}\` (is it a git ref of this repository?)\n`
      )
      return 2
    }
    addedLines = added.lines
    const links = listUrls.filter(url => urlsOnLines(added.lines).has(url)).length
    context.stderr(
      `check-links: --changed-since ${flags.changedSince}: ${added.files} changed file${added.files === 1 ? '' : 's'} in entries/ and templates/ (untracked ones included), ${links} link${links === 1 ? '' : 's'} on added lines\n`
    )
  }

  const progress = createProgress({isTTY: context.isTTY, write: context.stdout})
  // The API lookups end while the HTTP checks still run: their notices wait for the progress display to finish.
  const notices: string[] = []
  let result
  try {
    result = await runCheck(model, status, {
      root,
      config,
      scope: buildScope({
        only: flags.only,
        ...(flags.shard ? {shard: flags.shard} : {}),
        ...(addedLines ? {addedLines} : {})
      }),
      repos: flags.reposOnly ? 'only' : flags.noRepos ? 'skip' : 'with',
      useCache: !flags.noCache,
      checkedAt: await readCheckedCache(root),
      repoOptions: withEnvironment(dependencies.repoOptions, context.env),
      onResult: (link, counts) => progress.update(link, counts),
      onSettled: counts => progress.settled(counts),
      onNotice: message => notices.push(message),
      ...(dependencies.clientOptions ? {clientOptions: dependencies.clientOptions} : {}),
      ...(dependencies.now ? {now: dependencies.now} : {}),
      ...(dependencies.random ? {random: dependencies.random} : {})
    })
  } finally {
    progress.finish()
    for (const message of notices) context.stderr(`check-links: ${message}\n`)
  }

  return writeOutcome(result, root, {
    command: 'check-links',
    shard: flags.shard !== undefined,
    reportMd: flags.reportMd,
    reportJson: flags.reportJson,
    stepSummary: context.env['GITHUB_STEP_SUMMARY'],
    fileUrl: githubFileUrl(context),
    stdout: context.stdout,
    stderr: context.stderr,
    ...(flags.apply ? {applyTo: entryFilesOf(model)} : {})
  })
}

/** Each API client reads its token and endpoint from the command's environment. */
function withEnvironment(options: RepoCheckOptions = {}, env: CliContext['env']): RepoCheckOptions {
  return {...options, common: {env, ...options.common}}
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
}

function flagsFrom(values: OptionValues<typeof options>): Flags {
  const flags: Flags = {
    noCache: values['no-cache'] ?? false,
    reportMd: values['report-md'] ?? 'reports/links.md',
    reportJson: values['report-json'] ?? 'reports/links.json',
    only: values.only ?? [],
    reposOnly: values['repos-only'] ?? false,
    noRepos: values['no-repos'] ?? false,
    apply: values.apply ?? false
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

/** Links to the exact lines on GitHub when running in Actions; else relative paths. */
export function githubFileUrl(
  context: CliContext
): ((file: string, line: number) => string) | undefined {
  const {GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha} = context.env
  if (!server || !repository || !sha) return undefined
  return (file, line) =>
    `${server}/${repository}/blob/${sha}/${file.split(path.sep).join('/')}#L${line}`
}
