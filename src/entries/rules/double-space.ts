import {maskCode} from './text-scan.js'
import type {ProseRule} from './types.js'

/**
 * Two or more spaces between words. Leading indentation (lists in prose)
 * and trailing spaces are not between words and are left alone.
 */
export const doubleSpace: ProseRule = {
  id: 'double-space',
  severity: 'error',
  check({text, kind}) {
    if (kind === 'url') return []
    const masked = maskCode(text)
    return [...masked.matchAll(/(?<=[^\s]) {2,}(?=[^\s])/g)].map(match => ({
      index: match.index,
      excerpt: text.slice(Math.max(0, match.index - 4), match.index + match[0].length + 4),
      message: `Doubled space in \`${text.slice(Math.max(0, match.index - 8), match.index + match[0].length + 8).replace(/\n/g, ' ')}\`; expected one space between words`,
      edit: {index: match.index, length: match[0].length, insert: ' '}
    }))
  }
}
