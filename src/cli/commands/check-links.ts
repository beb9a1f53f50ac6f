import {appendFile, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {loadList} from '../../entries/load.js'
import {type ClientOptions, createHttpClient} from '../../links/client.js'
import {ConfigError, hostPolicy, type LinkCheckConfig, loadConfig, matchesFilter} from '../../links/config.js'
import {extractLinks} from '../../links/extract.js'
import {createProgress} from '../../links/progress.js'
import {createReporter, formatForFile} from '../../links/report/index.js'
import {formatSummaryLine, summarize} from '../../links/report/summary.js'
import {runLinkCheck} from '../../links/run.js'
import {describeVerdict} from '../../links/verdict.js'
import {allSections} from '../../model/build.js'
import {readStatus, StatusFileError, writeStatus} from '../../status/file.js'
import {printDiagnostics} from '../report.js'
import {type CliContext, type Command, UsageError} from '../context.js'

/** What tests replace: the network client's options (name resolution, trusted CAs) and the clock. */
export interface CheckLinksDependencies {
  clientOptions?: ClientOptions
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
  help: {type: 'boolean'}
} as const

const usage = `Usage: check-links [options]
  --no-cache             check every URL, even ones found ok within the cache age
  --report-md <file>     Markdown report (default reports/links.md)
  --report-json <file>   JSON result, one record per URL (default reports/links.json)
  --config <file>        configuration (default link-check.config.yaml)
  --only <glob|host>     check only matching URLs (repeatable); other statuses are kept
  --shard <k>/<n>        check the k-th of n disjoint shards of the URLs
Exit code: 0 nothing dead, 1 something dead, 2 usage or configuration error.
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

    const client = createHttpClient({
      connectionsFor: (origin) => hostPolicy(config, origin.hostname).connections,
      ...dependencies.clientOptions
    })
    const progress = createProgress({isTTY: context.isTTY, write: context.stdout})
    const filter = buildFilter(flags.only, flags.shard)
    let outcome
    try {
      outcome = await runLinkCheck({
        sources: extractLinks(model),
        anchors: allSections(model.sections).map((node) => node.section.id),
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

    await writeStatus(root, outcome.status)
    const fileUrl = githubFileUrl(context)
    const reportOptions = fileUrl ? {fileUrl} : {}
    for (const file of [flags.reportMd, flags.reportJson]) {
      const target = path.resolve(root, file)
      await mkdir(path.dirname(target), {recursive: true})
      await writeFile(target, createReporter(formatForFile(file), reportOptions)(run))
    }
    const stepSummary = context.env['GITHUB_STEP_SUMMARY']
    if (stepSummary) await appendFile(stepSummary, createReporter('markdown', reportOptions)(run))

    const summary = summarize(run)
    const dead = run.results.filter((result) => result.dead)
    const lines = dead.map((result) => `dead: ${result.url} (${describeVerdict(result.verdict)}) in ${result.sources.map((s) => `${s.file}:${s.line}:${s.column}`).join(', ')}`)
    context.stdout(`${[...lines, formatSummaryLine(summary), `Reports: ${flags.reportMd}, ${flags.reportJson}`].join('\n')}\n`)
    return summary.dead > 0 ? 1 : 0
  }
}

export const run: Command = createCheckLinks()

interface Flags {
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
    help: values.help ?? false
  }
  if (values.config !== undefined) flags.config = values.config
  if (values.shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(values.shard)
    const index = Number(match?.[1])
    const count = Number(match?.[2])
    if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`Expected \`--shard k/n\` with 1 ≤ k ≤ n, got \`${values.shard}\``)
    flags.shard = {index, count}
  }
  return flags
}

function buildFilter(only: string[], shard: Flags['shard']): ((url: string) => boolean) | undefined {
  if (only.length === 0 && shard === undefined) return undefined
  return (url) =>
    (only.length === 0 || only.some((filter) => matchesFilter(url, filter))) && (shard === undefined || hash(url) % shard.count === shard.index - 1)
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
  return (file, line) => `${server}/${repository}/blob/${sha}/${file.split(path.sep).join('/')}#L${line}`
}
