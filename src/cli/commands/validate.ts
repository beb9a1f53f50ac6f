import path from 'node:path'
import {hasErrors} from '../../diagnostics/diagnostic.js'
import {fixFileSource} from '../../entries/fix.js'
import {loadList} from '../../entries/load.js'
import {readListSources} from '../../entries/sources.js'
import {writeFileAtomic} from '../../write/atomic.js'
import type {CliContext} from '../context.js'
import {defineCommand} from '../define.js'
import {printDiagnostics} from '../report.js'

export const command = defineCommand({
  name: 'validate',
  summary: 'Check every entry, section and template file; each problem with its file:line:col',
  options: {
    fix: {
      type: 'boolean',
      description: "write the prose rules' safe fixes into the files first (formatting kept)"
    }
  },
  epilog: 'Exit code: 0 valid (warnings may be printed), 1 errors found, 2 usage error.',
  run: ({values}, context) => validate(values.fix === true, context)
})
export const run = command.run

/**
 * `validate [--fix]`: check every entry, section and template file; exit 1
 * on any error. With `--fix`, the prose rules' safe fixes are written into
 * the entry and section files first (keeping their formatting), then what
 * is left is reported.
 */
async function validate(fix: boolean, context: CliContext): Promise<number> {
  if (fix) await fixFiles(context)
  const {model, diagnostics} = await loadList(context.cwd)
  printDiagnostics(context, diagnostics)
  if (hasErrors(diagnostics) || !model) return 1
  context.stdout(
    `${model.entries.length} entries in ${countSections(model.sections)} sections are valid\n`
  )
  return 0
}

async function fixFiles(context: CliContext): Promise<void> {
  const sources = await readListSources(context.cwd)
  const total = new Map<string, number>()
  let files = 0
  for (const file of sources.entries) {
    if (!file.path.endsWith('.yaml')) continue
    const {source, counts} = fixFileSource(file.source)
    if (source === file.source) continue
    await writeFileAtomic(path.join(context.cwd, file.path), source)
    files++
    for (const [rule, count] of counts) total.set(rule, (total.get(rule) ?? 0) + count)
  }
  const summary = [...total]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([rule, count]) => `${count} ${rule}`)
    .join(', ')
  context.stdout(`fixed ${files} file${files === 1 ? '' : 's'}${summary ? ` (${summary})` : ''}\n`)
}

function countSections(nodes: ReadonlyArray<{children: readonly unknown[]}>): number {
  return nodes.reduce(
    (sum, node) =>
      sum + 1 + countSections(node.children as ReadonlyArray<{children: readonly unknown[]}>),
    0
  )
}
