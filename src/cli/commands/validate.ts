import {hasErrors} from '../../diagnostics/diagnostic.js'
import {loadList} from '../../entries/load.js'
import type {CliContext} from '../context.js'
import {defineCommand} from '../define.js'
import {printDiagnostics} from '../report.js'

export const command = defineCommand({
  name: 'validate',
  summary: 'Check every entry, section and template file; each problem with its file:line:col',
  options: {},
  epilog: 'Exit code: 0 valid (warnings may be printed), 1 errors found, 2 usage error.',
  run: (_args, context) => validate(context)
})
export const run = command.run

/** `validate`: check every entry, section and template file; exit 1 on any error. */
async function validate(context: CliContext): Promise<number> {
  const {model, diagnostics} = await loadList(context.cwd)
  printDiagnostics(context, diagnostics)
  if (hasErrors(diagnostics) || !model) return 1
  context.stdout(
    `${model.entries.length} entries in ${countSections(model.sections)} sections are valid\n`
  )
  return 0
}

function countSections(nodes: ReadonlyArray<{children: readonly unknown[]}>): number {
  return nodes.reduce(
    (sum, node) =>
      sum + 1 + countSections(node.children as ReadonlyArray<{children: readonly unknown[]}>),
    0
  )
}
