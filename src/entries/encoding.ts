import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {RuleId} from '../diagnostics/rules.js'

/** A kind of character no file of the list may contain anywhere. */
interface ForbiddenCharacters {
  ruleId: RuleId
  pattern: RegExp
  describe: (character: string) => string
}

/**
 * Files are read as UTF-8, and bytes that are not UTF-8 become U+FFFD; a
 * U+FFFD written on purpose is no more useful in the list, so both are refused.
 * Control characters (C0 but tab and line breaks, DEL, C1, the Unicode line
 * and paragraph separators) have no place in YAML or Markdown and can rewrite
 * a terminal. Bidirectional embedding, override and isolate controls reorder
 * what a reader sees ("Trojan Source"); neither language of the list needs them.
 */
const forbidden: readonly ForbiddenCharacters[] = [
  {
    ruleId: 'invalid-utf8',
    pattern: /\uFFFD/g,
    describe: () =>
      'Invalid UTF-8: these bytes are not text (or the file holds U+FFFD, the mark of text that was not); save the file as UTF-8'
  },
  {
    ruleId: 'control-character',
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    pattern: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g,
    describe: character =>
      `Control character ${codePoint(character)}${controlNames[character] ? ` (${controlNames[character]})` : ''} is not allowed; delete it (only tabs and line breaks may appear)`
  },
  {
    ruleId: 'bidi-control',
    pattern: /[\u202A-\u202E\u2066-\u2069]/g,
    describe: character =>
      `Bidirectional control ${codePoint(character)} is not allowed: it reorders how the text is shown, so a reader sees something other than what is written; delete it`
  }
]

const controlNames: Record<string, string> = {
  '\u0000': 'NUL',
  '\u0007': 'BEL',
  '\u0008': 'BS',
  '\u001B': 'ESC',
  '\u007F': 'DEL',
  '\u2028': 'LINE SEPARATOR',
  '\u2029': 'PARAGRAPH SEPARATOR'
}

/**
 * Characters refused anywhere in a file, before it is parsed: the first of
 * each kind at its line and column, with a count of the others.
 */
export function checkEncoding(file: string, source: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const {ruleId, pattern, describe} of forbidden) {
    const matches = [...source.matchAll(pattern)]
    const first = matches[0]
    if (!first) continue
    const more = matches.length - 1
    diagnostics.push({
      file,
      ...linePosition(source, first.index),
      severity: 'error',
      ruleId,
      message: `${describe(first[0])}${more > 0 ? ` (${more} more in this file)` : ''}`
    })
  }
  return diagnostics
}

/**
 * The same characters written as escapes in a quoted YAML string (`"\u202E"`,
 * `"\0"`, `"\n"` is fine): the source is clean, the value is not. Checked on
 * the parsed value; the first kind found, or undefined.
 */
export function forbiddenInValue(text: string): {ruleId: RuleId; message: string} | undefined {
  for (const {ruleId, pattern, describe} of forbidden) {
    const match = text.match(new RegExp(pattern.source))
    if (match) return {ruleId, message: `${describe(match[0])} (written as an escape)`}
  }
  return undefined
}

/** `U+202E`: how a character that cannot be shown is named in messages. */
export function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}

/** 1-based line and column (in UTF-16 units, as the YAML library counts) of an offset. */
export function linePosition(source: string, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let index = source.indexOf('\n'); index !== -1 && index < offset; ) {
    line++
    lineStart = index + 1
    index = source.indexOf('\n', lineStart)
  }
  return {line, column: offset - lineStart + 1}
}
