import path from 'node:path'
import {buildSite} from '../../site/build.js'
import {clientScript} from '../../site/client-script.js'
import {healthFromStatus} from '../../status/repos.js'
import {writeSiteAtomic} from '../../site/write.js'
import {loadBuildInput} from '../build-input.js'
import {type Command, UsageError} from '../context.js'
import {printDiagnostics} from '../report.js'

/**
 * `build-site [--out <dir>] [--base-url <url>]`: the static website, from the
 * same entries and status file as the READMEs, into `site/` by default. The
 * folder is replaced whole, and only when everything rendered.
 */
export const run: Command = async (argv, context) => {
  const options = parseOptions(argv)
  const input = await loadBuildInput(context, {command: 'build-site', product: 'site'})
  if ('exitCode' in input) return input.exitCode
  const {model, diagnostics, status} = input
  printDiagnostics(context, diagnostics)
  const files = buildSite(model, healthFromStatus(model, status), status, {
    script: await clientScript(),
    ...(options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl})
  })
  const out = path.resolve(context.cwd, options.out)
  await writeSiteAtomic(out, files)
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0)
  context.stdout(
    `wrote ${path.relative(context.cwd, out) || '.'}/ (${files.length} files, ${bytes} bytes; ${model.entries.length} entries, ${model.locales.length} locales)\n`
  )
  return 0
}

function parseOptions(argv: string[]): {out: string; baseUrl: string | undefined} {
  let out = 'site'
  let baseUrl: string | undefined
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    const value = argv[index + 1]
    if (arg === '--out' || arg === '--base-url') {
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`\`${arg}\` needs a value`)
      index++
      if (arg === '--out') out = value
      else baseUrl = checkBaseUrl(value)
    } else
      throw new UsageError(
        `unknown option \`${arg}\`; expected \`--out <dir>\` or \`--base-url <url>\``
      )
  }
  return {out, baseUrl}
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
