import type {RuleId} from './rules.js'

/** How bad a finding is: errors fail the command, warnings are only shown. */
export type Severity = 'error' | 'warning'

/**
 * One finding about one place in one file.
 * Line and column are 1-based, as editors and GitHub annotations count them.
 */
export interface Diagnostic {
  file: string
  line: number
  column: number
  severity: Severity
  /** Stable id of the rule that produced it, e.g. `unknown-field`; code branches on this, never on `message`. */
  ruleId: RuleId
  message: string
}

/** Position of a diagnostic that concerns a whole file. */
export const fileStart = {line: 1, column: 1} as const

/** Sort diagnostics by file, then position, then rule, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.message, b.message)
  )
}

/** Whether any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some(d => d.severity === 'error')
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
