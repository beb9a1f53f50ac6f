import type {Diagnostic} from './diagnostic.js'

/**
 * `path:line:col: severity message (rule-id)`: the format editors and terminals link.
 * Always one line: file names and messages can carry what a stranger wrote.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return `${visible(d.file)}:${d.line}:${d.column}: ${d.severity} ${visible(d.message)} (${visible(d.ruleId)})`
}

/**
 * A plain output line made safe for a GitHub Actions log: the runner runs any
 * line that starts (after white space) with `::` as a workflow command, so
 * that first colon is written the way GitHub escapes it (`%3A`). Line breaks
 * cannot occur: `formatDiagnostic` shows them as `\u000A`.
 */
export function escapeLogLine(line: string): string {
  return line.replace(/^(\s*):(?=:)/, '$1%3A')
}

/**
 * A GitHub Actions workflow command that shows the diagnostic inline on the pull request.
 * Data is escaped as the runner expects (`%`, CR, LF; and `,` `:` in properties).
 */
export function formatAnnotation(d: Diagnostic): string {
  const properties = [
    `file=${escapeProperty(visible(d.file))}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `title=${escapeProperty(visible(d.ruleId))}`
  ].join(',')
  return `::${d.severity} ${properties}::${escapeData(visible(d.message))}`
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

/**
 * Control characters (line breaks, escape sequences that drive a terminal) and
 * bidirectional controls written as `\u001B`, so they show instead of acting.
 */
function visible(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: showing them is the point
    /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
    character => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  )
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
