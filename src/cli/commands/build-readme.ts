import {mkdir, readdir, rm} from 'node:fs/promises'
import path from 'node:path'
import {hasErrors} from '../../diagnostics/diagnostic.js'
import {defaultBudget, formatKiB} from '../../render/budget.js'
import {withFoundLicenses} from '../../render/facts.js'
import {renderReadmes} from '../../render/readme.js'
import {healthFromStatus} from '../../status/repos.js'
import {readIfExists, writeFileAtomic} from '../../write/atomic.js'
import {writeTargetInside} from '../../write/inside.js'
import {loadBuildInput} from '../build-input.js'
import type {CliContext} from '../context.js'
import {defineCommand} from '../define.js'
import {printDiagnostics} from '../report.js'

export const command = defineCommand({
  name: 'build-readme',
  summary: "Render every language's README from entries/, templates/ and the status file",
  options: {
    check: {
      type: 'boolean',
      description: 'write nothing; exit 1 naming each README that is out of date'
    }
  },
  epilog:
    'Exit code: 0 written (or up to date), 1 errors in the list or stale READMEs, 2 usage error.',
  run: ({values}, context) => buildReadme(values.check === true, context)
})
export const run = command.run

/**
 * `build-readme [--check]`: render every locale's README from the entries.
 * Nothing is written unless every locale rendered without error; with
 * `--check` nothing is written at all and stale files are named.
 */
async function buildReadme(check: boolean, context: CliContext): Promise<number> {
  // Machine facts (archived, dead, stars) come from the status file; the build itself stays offline.
  const input = await loadBuildInput(context, {command: 'build-readme', product: 'README'})
  if ('exitCode' in input) return input.exitCode
  const {model, diagnostics, status} = input
  const health = withFoundLicenses(model, status, healthFromStatus(model, status))
  const rendered = renderReadmes(model, health)
  const all = [...diagnostics, ...rendered.diagnostics]
  printDiagnostics(context, all)
  if (hasErrors(all)) {
    context.stderr(
      'No README was written: fix the errors above, then run `npm run build-readme` again.\n'
    )
    return 1
  }

  const outputs = [...rendered.readmes, ...rendered.pages].map(({output, content}) => ({
    output,
    content
  }))
  const oversized = outputs.filter(
    ({content}) => Buffer.byteLength(content) > defaultBudget.maxBytes
  )
  if (oversized.length > 0) {
    for (const {output, content} of oversized)
      context.stderr(
        `${output}: error ${formatKiB(Buffer.byteLength(content))} is past the size budget of ${formatKiB(defaultBudget.maxBytes)} (GitHub stops rendering a Markdown file at 512 KiB)${output.includes('/lists/') || output.startsWith('lists/') ? '; split the section into subsections' : '; set `page: own` in the `_section.yaml` of its largest sections, or `page: auto` where a section says `page: readme`'}\n`
      )
    context.stderr('No README was written.\n')
    return 1
  }

  // Pages of sections that have come back into the README are removed.
  const produced = new Set(outputs.map(o => o.output))
  const orphans = (
    await listPages(
      context.cwd,
      rendered.readmes.map(r => r.output)
    )
  ).filter(page => !produced.has(page))

  // Symbolic links could send a README (or the comparison's read) outside the repository.
  for (const readme of [...rendered.readmes, ...rendered.pages]) {
    const target = await writeTargetInside(context.cwd, readme.output)
    if (!target.ok) {
      context.stderr(
        `build-readme: cannot write \`${readme.output}\`: ${target.reason}\nNo README was written.\n`
      )
      return 1
    }
  }
  const stale: string[] = []
  for (const {output, content} of outputs) {
    const file = path.join(context.cwd, output)
    if ((await readIfExists(file)) !== content) stale.push(output)
  }
  if (check) {
    if (stale.length === 0 && orphans.length === 0) {
      context.stdout(`${rendered.readmes.map(r => r.output).join(', ')} up to date\n`)
      return 0
    }
    for (const output of stale)
      context.stderr(`${output} is out of date with entries/ and templates/\n`)
    for (const output of orphans)
      context.stderr(`${output} is no longer generated (its section is back in the README)\n`)
    context.stderr('Run `npm run build-readme` and commit the result.\n')
    return 1
  }
  for (const {output, content} of outputs) {
    if (!stale.includes(output)) continue
    await mkdir(path.dirname(path.join(context.cwd, output)), {recursive: true})
    await writeFileAtomic(path.join(context.cwd, output), content)
  }
  for (const output of orphans) await rm(path.join(context.cwd, output), {force: true})
  for (const readme of rendered.readmes) {
    const {translated, total} = readme.coverage
    const share = total === 0 ? 100 : Math.floor((translated / total) * 1000) / 10
    context.stdout(
      `${stale.includes(readme.output) ? 'wrote' : 'unchanged'} ${readme.output} (${readme.locale.id}: ${Buffer.byteLength(readme.content)} bytes, ${model.entries.length} entries; prose in this language: ${translated}/${total} texts, ${share}%)\n`
    )
  }
  const pagesWritten = rendered.pages.filter(page => stale.includes(page.output)).length
  const moved = [...new Set(rendered.pages.map(page => page.section))]
  if (rendered.pages.length > 0 || orphans.length > 0)
    context.stdout(
      `${moved.length} section${moved.length === 1 ? '' : 's'} on ${moved.length === 1 ? 'its' : 'their'} own page${moved.length === 1 ? '' : 's'} (${pagesWritten} of ${rendered.pages.length} page files written, ${orphans.length} removed)${moved.length > 0 ? `: ${moved.join(', ')}` : ''}\n`
    )
  context.stdout(
    `size budget: ${rendered.readmes.map(r => `${r.output} ${formatKiB(Buffer.byteLength(r.content))}`).join(', ')}${rendered.pages.length > 0 ? `, largest page ${formatKiB(Math.max(0, ...rendered.pages.map(p => Buffer.byteLength(p.content))))}` : ''} of ${formatKiB(defaultBudget.maxBytes)} each (warning from ${formatKiB(defaultBudget.warnBytes)})\n`
  )
  for (const {output, content} of outputs) {
    const bytes = Buffer.byteLength(content)
    if (bytes > defaultBudget.warnBytes)
      context.stderr(
        `${output}: warning ${formatKiB(bytes)} is past ${formatKiB(defaultBudget.warnBytes)}, close to the ${formatKiB(defaultBudget.maxBytes)} budget; give a large section \`page: own\`, or split it\n`
      )
  }
  return 0
}

/** The generated section pages now on disk: `lists/*.md` beside each README. */
async function listPages(root: string, readmes: readonly string[]): Promise<string[]> {
  const pages: string[] = []
  for (const dir of new Set(
    readmes.map(output => path.posix.join(path.posix.dirname(output), 'lists'))
  )) {
    let names: string[]
    try {
      names = await readdir(path.join(root, dir))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    for (const name of names.sort())
      if (name.endsWith('.md')) pages.push(path.posix.join(dir, name))
  }
  return pages
}
