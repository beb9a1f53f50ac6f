import {hasErrors} from '../diagnostics/diagnostic.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {loadList} from '../entries/load.js'
import type {ListModel} from '../model/types.js'
import {readStatus, StatusFileError} from '../status/file.js'
import type {StatusFile} from '../status/types.js'
import type {CliContext} from './context.js'
import {printDiagnostics} from './report.js'

/** What a build renders: the validated list, its warnings, and the machine facts. */
export interface BuildInput {
  model: ListModel
  /** Warnings only (errors stop the build). */
  diagnostics: Diagnostic[]
  status: StatusFile
}

/**
 * Load what `build-readme` and `build-site` render: the list (its errors
 * printed, and exit 1, when it does not validate) and the status file (the
 * build stays offline; machine facts come from there). Nothing is written.
 * @param names How the command and what it writes are called in messages.
 */
export async function loadBuildInput(
  context: CliContext,
  names: {command: string; product: string}
): Promise<BuildInput | {exitCode: number}> {
  const {model, diagnostics} = await loadList(context.cwd)
  if (!model || hasErrors(diagnostics)) {
    printDiagnostics(context, diagnostics)
    context.stderr(
      `No ${names.product} was written: fix the errors above, then run \`npm run ${names.command}\` again.\n`
    )
    return {exitCode: 1}
  }
  try {
    return {model, diagnostics, status: await readStatus(context.cwd)}
  } catch (error) {
    if (!(error instanceof StatusFileError)) throw error
    context.stderr(`${names.command}: ${error.message}\nNo ${names.product} was written.\n`)
    return {exitCode: 1}
  }
}
