/**
 * A reader for the plain YAML our entry and section files are written in:
 * block mappings and sequences, one-line plain and quoted scalars, and `|` /
 * `|-` block scalars. The `yaml` library reads every file as well, but it is
 * a general parser and most of a large build's time went there; the files
 * themselves use a small, regular part of YAML.
 *
 * Anything outside that part (flow collections, anchors, tags, multi-line
 * plain or quoted scalars, escapes, floats, tabs, CRLF, duplicate keys, empty
 * values, odd indentation…) makes the reader decline with `undefined`, and
 * the file goes to the `yaml` library, which also words every error. A test
 * checks that whatever is read here gives the same data and positions.
 */

/** Where a value is in the source, and where its children are. */
export interface SubsetNode {
  offset: number
  /** Of a mapping: each key's offset and value. */
  pairs?: Map<string, {key: number; value: SubsetNode}>
  /** Of a sequence: each item. */
  items?: SubsetNode[]
}

export interface SubsetDocument {
  data: Record<string, unknown>
  root: SubsetNode
  lineStarts: number[]
}

interface Line {
  /** Offset of the line's first character. */
  start: number
  indent: number
  /** The line without its indentation. */
  text: string
}

/** Declining: the caller falls back to the full parser. */
class Decline extends Error {}

const decline = (): never => {
  throw new Decline()
}

export function parseYamlSubset(source: string): SubsetDocument | undefined {
  if (/[\t\r\uFEFF]/.test(source)) return undefined
  const lines: Line[] = []
  const lineStarts: number[] = []
  let start = 0
  for (const raw of source.split('\n')) {
    lineStarts.push(start)
    // Only spaces indent YAML; other white space (no-break, ideographic…) is content.
    const text = raw.replace(/^ +/, '')
    lines.push({start, indent: raw.length - text.length, text})
    start += raw.length + 1
  }
  try {
    const reader = new Reader(lines)
    const first = reader.peek()
    if (first?.indent !== 0) return undefined
    const {value, node} = reader.mapping(0)
    return {data: value, root: node, lineStarts}
  } catch (error) {
    if (error instanceof Decline) return undefined
    throw error
  }
}

/**
 * Keys as our files spell them; anything else (quoted, `<<`, `__proto__`, keys
 * YAML reads as null or booleans, keys longer than YAML allows) goes to the full parser.
 */
const keyLine = /^([A-Za-z_][A-Za-z0-9_-]{0,1023}):(?: +|$)/
const nonStringKey = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/

class Reader {
  private index = 0

  constructor(private readonly lines: readonly Line[]) {}

  /** The next line that is neither blank nor a comment. */
  peek(): Line | undefined {
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!
      if (line.text !== '' && !line.text.startsWith('#')) {
        return line
      }
      this.index++
    }
    return undefined
  }

  /**
   * A block mapping whose keys are at `indent`. In a sequence item
   * (`- name: …`) the first key shares the line with the `- `.
   */
  mapping(indent: number, inItem = false): {value: Record<string, unknown>; node: SubsetNode} {
    const value: Record<string, unknown> = {}
    const pairs = new Map<string, {key: number; value: SubsetNode}>()
    let node: SubsetNode | undefined
    for (let line = this.peek(); line; line = this.peek()) {
      const first = node === undefined
      if (!(first && inItem)) {
        if (line.indent < indent) break
        if (line.indent > indent) decline()
      }
      const text = first && inItem ? line.text.slice(2) : line.text
      const match = keyLine.exec(text) ?? decline()
      const key = match[1]!
      if (key === '__proto__' || nonStringKey.test(key) || pairs.has(key)) decline()
      const keyOffset = line.start + indent
      node ??= {offset: keyOffset, pairs}
      this.index++
      const rest = text.slice(match[0].length)
      const child =
        rest === ''
          ? this.nested(indent)
          : this.inlineValue(rest, keyOffset + match[0].length, indent)
      value[key] = child.value
      pairs.set(key, {key: keyOffset, value: child.node})
    }
    return {value, node: node ?? decline()}
  }

  /** The value of `key:` with nothing after it: a mapping or sequence on the lines below. */
  private nested(parentIndent: number): {value: unknown; node: SubsetNode} {
    const line = this.peek()
    if (!line || line.indent <= parentIndent) return decline()
    return line.text === '-' || line.text.startsWith('- ')
      ? this.sequence(line.indent)
      : this.mapping(line.indent)
  }

  /** A block sequence whose `-` are at `indent`. */
  private sequence(indent: number): {value: unknown[]; node: SubsetNode} {
    const value: unknown[] = []
    const items: SubsetNode[] = []
    const offset = this.peek()!.start + indent
    for (
      let line = this.peek();
      line && line.indent === indent && line.text.startsWith('- ');
      line = this.peek()
    ) {
      const text = line.text.slice(2)
      if (text === '' || text.startsWith(' ')) decline()
      if (keyLine.test(text)) {
        const item = this.mapping(indent + 2, true)
        value.push(item.value)
        items.push(item.node)
      } else {
        this.index++
        const item = this.scalar(text, line.start + indent + 2)
        this.expectEnd(indent)
        value.push(item.value)
        items.push(item.node)
      }
    }
    return {value, node: {offset, items}}
  }

  /** A value written after `key: ` on the same line. */
  private inlineValue(
    rest: string,
    offset: number,
    indent: number
  ): {value: unknown; node: SubsetNode} {
    if (rest.startsWith('|')) return this.blockScalar(rest, offset, indent)
    const scalar = this.scalar(rest, offset)
    this.expectEnd(indent)
    return scalar
  }

  /** After a one-line value, nothing may continue it on a deeper line. */
  private expectEnd(indent: number): void {
    const next = this.peek()
    if (next && next.indent > indent) decline()
  }

  private scalar(text: string, offset: number): {value: unknown; node: SubsetNode} {
    const node = {offset}
    const trimmed = text.replace(/ +$/, '')
    if (trimmed.startsWith('"')) {
      const match = /^"([^"\\]*)"$/.exec(trimmed) ?? decline()
      return {value: match[1], node}
    }
    if (trimmed.startsWith("'")) {
      const match = /^'((?:[^']|'')*)'$/.exec(trimmed) ?? decline()
      return {value: match[1]!.replaceAll("''", "'"), node}
    }
    // Indicators that change what a plain scalar is, or make it an error.
    if (/^[[\]{}#&*!|>%@`,]|^[-?:](?: |$)/.test(trimmed) || / #|: |:$/.test(trimmed)) decline()
    return {value: resolvePlain(trimmed), node}
  }

  /** `|` (one final line break) or `|-` (none); other headers go to the full parser. */
  private blockScalar(
    header: string,
    offset: number,
    parentIndent: number
  ): {value: string; node: SubsetNode} {
    const chomp = /^\|(-?) *$/.exec(header)?.[1] ?? decline()
    const content: string[] = []
    let indent: number | undefined
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!
      if (line.text === '') {
        // A blank line inside the scalar; more spaces than the content's indentation would be content.
        if (indent !== undefined ? line.indent > indent : line.indent > parentIndent + 1) decline()
        content.push('')
        this.index++
        continue
      }
      indent ??= line.indent
      if (line.indent < indent) break
      content.push(' '.repeat(line.indent - indent) + line.text)
      this.index++
    }
    if (indent === undefined || indent <= parentIndent) decline()
    // Blank lines read past the end belong to no one; trailing blank lines are not content.
    while (content.at(-1) === '') content.pop()
    const value = content.join('\n')
    return {value: chomp === '-' ? value : `${value}\n`, node: {offset}}
  }
}

/**
 * A plain scalar as YAML 1.2's core schema reads it (what `yaml` uses by
 * default): null, booleans and decimal integers; strings otherwise. Other
 * numbers (floats, hex, octal, infinities) go to the full parser.
 */
function resolvePlain(text: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)$/.test(text)) return null
  if (/^(?:[Tt]rue|TRUE)$/.test(text)) return true
  if (/^(?:[Ff]alse|FALSE)$/.test(text)) return false
  if (/^[-+]?[0-9]+$/.test(text)) {
    const number = Number.parseInt(text, 10)
    return Number.isSafeInteger(number) ? number : decline()
  }
  if (
    /^[-+.0-9]/.test(text) &&
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^0x|^0o|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(
      text
    )
  )
    decline()
  return text
}
