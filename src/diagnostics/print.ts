import type {Diagnostic} from './diagnostic.js'

/** `path:line:col: severity message (rule-id)`: the format editors and terminals link. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message} (${d.ruleId})`
}

/**
 * A GitHub Actions workflow command that shows the diagnostic inline on the pull request.
 * Data is escaped as the runner expects (`%`, CR, LF; and `,` `:` in properties).
 */
export function formatAnnotation(d: Diagnostic): string {
  const properties = [
    `file=${escapeProperty(d.file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `title=${escapeProperty(d.ruleId)}`
  ].join(',')
  return `::${d.severity} ${properties}::${escapeData(d.message)}`
}

/** A one-line count such as `3 errors, 1 warning`. */
export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter(d => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
