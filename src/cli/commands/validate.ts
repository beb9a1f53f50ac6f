import {hasErrors} from '../../diagnostics/diagnostic.js'
import {loadList} from '../../entries/load.js'
import {type Command, UsageError} from '../context.js'
import {printDiagnostics} from '../report.js'

/** `validate`: check every entry, section and template file; exit 1 on any error. */
export const run: Command = async (argv, context) => {
  if (argv.length > 0)
    throw new UsageError(`unexpected argument \`${argv[0]}\`; \`validate\` takes no arguments`)
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
