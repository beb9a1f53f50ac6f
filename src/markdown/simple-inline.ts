import type {Emphasis, InlineCode, Link, PhrasingContent, Strong, Text} from 'mdast'

/**
 * A recogniser for the few shapes most cell texts take (plain text, `[text](url)`,
 * `**strong**`, `*emphasis*`, `` `code` ``) that builds the same nodes micromark
 * would, without running it: micromark's cost per line dominates a large build.
 *
 * It accepts a line only when no CommonMark or GFM rule could read it another
 * way: every delimiter is unambiguously an opener or a closer, link texts and
 * emphasis hold plain text only, and nothing could start an escape, a
 * character reference, raw HTML, an image, strikethrough or an autolink
 * literal. Anything else returns `undefined` and goes to micromark. A test
 * compares both on every line of the list and on many generated lines.
 */
export function parseSimpleInline(line: string): PhrasingContent[] | undefined {
  // micromark trims a paragraph's edges; leave such lines (and autolink literals) to it.
  if (line === '' || /^\s|\s$/.test(line) || autolinkTrigger.test(maskDestinations(line)))
    return undefined
  const nodes: PhrasingContent[] = []
  let text = ''
  let index = 0
  const flush = () => {
    if (text !== '') nodes.push({type: 'text', value: text})
    text = ''
  }
  while (index < line.length) {
    const char = line[index]!
    const reader = constructs[char]
    if (reader) {
      const read = reader(line, index)
      if (!read) return undefined
      flush()
      nodes.push(read.node)
      index = read.end
    } else if (isPlain(line, index)) {
      text += char
      index++
    } else {
      return undefined
    }
  }
  flush()
  return nodes
}

type Reader = (line: string, start: number) => {node: PhrasingContent; end: number} | undefined

/** The constructs read here, by the character that opens them. */
const constructs: Record<string, Reader> = {'[': readLink, '*': readEmphasis, '`': readCode}

/**
 * What may start a GFM autolink literal (a URL, `www.`, an e-mail address).
 * Tested on the whole line with link destinations masked, so a trigger that
 * spans a delimiter is caught as well.
 */
const autolinkTrigger = /https?:|mailto:|xmpp:|www\.|[\w.+-]@/i

/**
 * Replace each `](destination)` with `]()`: a URL there is not text. A `](`
 * inside a code span is masked only up to the span's end, never past it.
 */
function maskDestinations(line: string): string {
  return line.includes('](') ? line.replace(/\]\([^\s()`]*\)/g, ']()') : line
}

/**
 * Characters that stand for themselves in plain text. Backslash (escape), `_`
 * (emphasis), `~` (strikethrough), `<` (HTML, autolinks) and `]` never do;
 * `&` does unless it may start a character reference; `!` unless it starts an image.
 */
function isPlain(line: string, index: number): boolean {
  const char = line[index]!
  // Control characters: line endings, and NUL, which the parser replaces.
  if (char < ' ' && char !== '\t') return false
  switch (char) {
    case '\\':
    case '_':
    case '~':
    case '<':
    case ']':
      return false
    case '&':
      return !/[A-Za-z#]/.test(line[index + 1] ?? '')
    case '!':
      return line[index + 1] !== '['
    default:
      return true
  }
}

/** A run of plain characters, as link text or emphasis content: none of the delimiters above either. */
function isPlainRun(line: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const char = line[index]!
    if (char === '[' || char === '*' || char === '`' || !isPlain(line, index)) return false
  }
  return true
}

/** `[text](destination)` with plain text and a destination that needs no decoding. */
function readLink(line: string, start: number): {node: Link; end: number} | undefined {
  const close = line.indexOf(']', start + 1)
  if (close <= start + 1 || line[close + 1] !== '(') return undefined
  if (!isPlainRun(line, start + 1, close)) return undefined
  const destinationEnd = line.indexOf(')', close + 2)
  if (destinationEnd <= close + 2) return undefined
  const url = line.slice(close + 2, destinationEnd)
  if (!simpleDestination.test(url) || characterReference.test(url)) return undefined
  return {
    node: {
      type: 'link',
      title: null,
      url,
      children: [{type: 'text', value: line.slice(start + 1, close)}]
    },
    end: destinationEnd + 1
  }
}

/** A destination without spaces, parentheses, escapes or anything outside printable ASCII. */
const simpleDestination = /^[!"#$%&'*+,\-./0-9:;=?@A-Z[\]^_a-z{|}~]+$/
/** What the parser would decode in a destination (`&amp;`); a bare `&` in a query string stays. */
const characterReference = /&[#A-Za-z0-9]+;/

/**
 * `*emphasis*` or `**strong**` around plain text, where the opening run can
 * only open (after a space, punctuation or the line start; before a letter or
 * digit) and the closing run can only close (the mirror image), so the
 * delimiter rules leave no choice.
 */
function readEmphasis(
  line: string,
  start: number
): {node: Emphasis | Strong; end: number} | undefined {
  let size = 1
  while (line[start + size] === '*') size++
  if (size > 2 || !isOuterEdge(before(line, start)) || !isInnerEdge(after(line, start + size)))
    return undefined
  const close = line.indexOf('*', start + size)
  if (close === -1 || !isPlainRun(line, start + size, close)) return undefined
  for (let index = 0; index < size; index++) if (line[close + index] !== '*') return undefined
  const end = close + size
  if (!isInnerEdge(before(line, close)) || !isOuterEdge(after(line, end))) return undefined
  const children: Text[] = [{type: 'text', value: line.slice(start + size, close)}]
  return {node: size === 2 ? {type: 'strong', children} : {type: 'emphasis', children}, end}
}

/** `` `code` `` with one backtick each side and content that is not trimmed. */
function readCode(line: string, start: number): {node: InlineCode; end: number} | undefined {
  const close = line.indexOf('`', start + 1)
  if (close <= start + 1 || line[start + 1] === '`' || line[close + 1] === '`') return undefined
  const value = line.slice(start + 1, close)
  if (value.startsWith(' ') || value.endsWith(' ')) return undefined
  return {node: {type: 'inlineCode', value}, end: close + 1}
}

/** The character before `index` (a whole code point), or '' at the start. */
function before(line: string, index: number): string {
  if (index === 0) return ''
  const low = line.charCodeAt(index - 1)
  return low >= 0xdc00 && low <= 0xdfff && index >= 2
    ? line.slice(index - 2, index)
    : line[index - 1]!
}

/** The character at `index` (a whole code point), or '' at the end. */
function after(line: string, index: number): string {
  const code = line.codePointAt(index)
  return code === undefined ? '' : String.fromCodePoint(code)
}

/** Whitespace and punctuation as CommonMark (and micromark) define them for delimiter runs. */
const whitespaceOrPunctuation = /^[\s\p{P}\p{S}]$/u

/** The line's edge, whitespace or punctuation: what lets a run open (before it) or close (after it). */
function isOuterEdge(char: string): boolean {
  return char === '' || (char !== '*' && whitespaceOrPunctuation.test(char))
}

/** Neither whitespace nor punctuation: what must follow an opener and precede a closer. */
function isInnerEdge(char: string): boolean {
  return char !== '' && !whitespaceOrPunctuation.test(char)
}
