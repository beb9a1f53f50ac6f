import path from 'node:path'
import {buildSite} from '../../site/build.js'
import {clientScript} from '../../site/client-script.js'
import {healthFromStatus} from '../../status/repos.js'
import {writeSiteAtomic} from '../../site/write.js'
import {loadBuildInput} from '../build-input.js'
import {type CliContext, UsageError} from '../context.js'
import {defineCommand} from '../define.js'
import {printDiagnostics} from '../report.js'

export const command = defineCommand({
  name: 'build-site',
  summary: 'Build the static bilingual website into site/',
  options: {
    out: {type: 'string', value: 'dir', default: 'site', description: 'where to write the site'},
    'base-url': {
      type: 'string',
      value: 'url',
      description: 'the absolute URL the site is served from (for the feed and canonical links)'
    }
  },
  epilog: 'Exit code: 0 written, 1 the list has errors (nothing written), 2 usage or I/O error.',
  run: ({values}, context) =>
    buildSiteCommand(
      values.out ?? 'site',
      values['base-url'] === undefined ? undefined : checkBaseUrl(values['base-url']),
      context
    )
})
export const run = command.run

/**
 * `build-site [--out <dir>] [--base-url <url>]`: the static website, from the
 * same entries and status file as the READMEs. The folder is replaced whole,
 * and only when everything rendered.
 */
async function buildSiteCommand(
  outDir: string,
  baseUrl: string | undefined,
  context: CliContext
): Promise<number> {
  const input = await loadBuildInput(context, {command: 'build-site', product: 'site'})
  if ('exitCode' in input) return input.exitCode
  const {model, diagnostics, status} = input
  printDiagnostics(context, diagnostics)
  const files = buildSite(model, healthFromStatus(model, status), status, {
    script: await clientScript(),
    ...(baseUrl === undefined ? {} : {baseUrl})
  })
  const out = path.resolve(context.cwd, outDir)
  await writeSiteAtomic(out, files)
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0)
  context.stdout(
    `wrote ${path.relative(context.cwd, out) || '.'}/ (${files.length} files, ${bytes} bytes; ${model.entries.length} entries, ${model.locales.length} locales)\n`
  )
  return 0
}

function checkBaseUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(`\`--base-url\` must be an absolute http(s) URL, got \`${value}\``)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`\`--base-url\` must be an absolute http(s) URL, got \`${value}\``)
  // The root of the site: a folder, so that relative paths resolve inside it.
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}
