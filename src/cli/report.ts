import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {
  escapeLogLine,
  formatAnnotation,
  formatDiagnostic,
  formatSummary
} from '../diagnostics/print.js'
import type {CliContext} from './context.js'

/**
 * Print diagnostics together, then a count. In GitHub Actions each one is also
 * a workflow annotation, so it shows inline on the pull request.
 */
export function printDiagnostics(context: CliContext, diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length === 0) return
  const inActions = context.env['GITHUB_ACTIONS'] === 'true'
  const lines = diagnostics.map(d =>
    inActions
      ? `${escapeLogLine(formatDiagnostic(d))}\n${formatAnnotation(d)}`
      : formatDiagnostic(d)
  )
  context.stderr(`${lines.join('\n')}\n${formatSummary(diagnostics)}\n`)
}
