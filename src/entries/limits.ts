import {type Document, isAlias, isCollection, isPair, Lexer, LineCounter, Parser} from 'yaml'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {fileStart} from '../diagnostics/diagnostic.js'
import {linePosition} from './encoding.js'

/**
 * Resource limits for files that strangers write. Each is far above what a
 * real file needs (the largest entry is under 2 KB, the longest text about
 * 1,100 characters, the deepest nesting 4 levels) and far below what would
 * slow the build, exhaust memory or overflow a stack.
 */
export const limits = {
  /** Bytes in one YAML file of the list. */
  fileBytes: 64 * 1024,
  /** Collections inside collections (an entry's `links[0].name.en` is 4). */
  nestingDepth: 16,
  /** Values a document holds once its aliases are expanded (an entry holds about 30). */
  expandedValues: 10_000,
  /** Characters in one text. */
  textLength: 5_000,
  /** Characters in one URL (what browsers and sitemaps agree on). */
  urlLength: 2_048
} as const

/** A file too large to read further: reported at its start, nothing else is checked. */
export function checkFileSize(file: string, source: string): Diagnostic[] {
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit: short strings need no count.
  if (source.length * 3 <= limits.fileBytes) return []
  const bytes = Buffer.byteLength(source, 'utf8')
  if (bytes <= limits.fileBytes) return []
  return [
    {
      file,
      ...fileStart,
      severity: 'error',
      ruleId: 'file-too-large',
      message: `File is ${formatKilobytes(bytes)}; the limit is ${formatKilobytes(limits.fileBytes)} per file: an entry needs a few lines, so split it or shorten its texts`
    }
  ]
}

/**
 * Deepest nesting of collections, measured on the `yaml` library's concrete
 * syntax tree, which it builds without recursion. Its document composer does
 * recurse, so a file of 60,000 `[` would overflow the stack or exhaust memory
 * there; this runs first and stops such a file.
 */
export function checkNesting(file: string, source: string): Diagnostic[] {
  const early = flowOrCompactNesting(source)
  if (early !== undefined) return [nestingTooDeep({file, ...linePosition(source, early)})]
  type Token = {type?: string; offset?: number; value?: unknown; items?: unknown}
  const lines = new LineCounter()
  const stack: Array<{token: Token; depth: number}> = []
  for (const token of new Parser(lines.addNewLine).parse(source))
    stack.push({token: token as Token, depth: 0})
  while (stack.length > 0) {
    const {token, depth: parentDepth} = stack.pop()!
    const isCollectionToken =
      token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection'
    const depth = parentDepth + (isCollectionToken ? 1 : 0)
    if (depth > limits.nestingDepth) {
      const {line, col} = lines.linePos(token.offset ?? 0)
      return [nestingTooDeep({file, line, column: col})]
    }
    const children: unknown[] = []
    if (token.value && typeof token.value === 'object') children.push(token.value)
    if (Array.isArray(token.items)) {
      for (const item of token.items as Array<{key?: unknown; value?: unknown}>) {
        if (item.key && typeof item.key === 'object') children.push(item.key)
        if (item.value && typeof item.value === 'object') children.push(item.value)
      }
    }
    for (const child of children) stack.push({token: child as Token, depth})
  }
  return []
}

/** Tokens of the `yaml` lexer that mark a place and take no characters of the source. */
const markerTokens = new Set(['\u0002', '\u0018', '\u001F'])

/**
 * Offset where nesting certainly passes the limit, read from the lexer's
 * tokens, which it yields one at a time: so a file of 60,000 `[` stops after
 * 16 of them instead of building a tree of all of them. Counts open flow
 * brackets plus the `-` and `?` indicators earlier on the same line (each
 * opens a collection inside the one before), plus the root mapping; indented
 * nesting is left to the syntax tree, where it costs little.
 */
function flowOrCompactNesting(source: string): number | undefined {
  let offset = 0
  let flow = 0
  let onLine = 0
  // A `:` outside brackets means the document is a block mapping, one more level.
  let root = 0
  let scalarNext = false
  for (const token of new Lexer().lex(source)) {
    if (scalarNext) scalarNext = false
    else if (token === '\u001F') scalarNext = true
    else if (token === '[' || token === '{') flow++
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1)
    else if (token === '-' || token === '?') onLine++
    else if (token === ':' && flow === 0) root = 1
    else if (token === '\n' || token === '\r\n') onLine = 0
    if (root + flow + onLine > limits.nestingDepth) return offset
    if (!markerTokens.has(token)) offset += token.length
  }
  return undefined
}

/**
 * How many values the document holds once every alias is expanded, stopping
 * at the alias that takes it past the limit ("billion laughs", and merge-key
 * bombs such as `<<: [*a, *a, *a]`, whose `<<` is an ordinary key here).
 * Runs on the composed document, after `checkNesting` bounded its depth.
 */
export function checkAliasExpansion(
  file: string,
  document: Document,
  lines: LineCounter
): Diagnostic[] {
  const sizes = new Map<unknown, number>()
  let total = 0
  let excess: {offset: number} | undefined
  // Size of a node with its aliases expanded; memoised, so a bomb costs one visit per node.
  const sizeOf = (node: unknown, resolving: Set<unknown>): number => {
    if (node === null || node === undefined) return 1
    const known = sizes.get(node)
    if (known !== undefined) return known
    let size = 1
    if (isAlias(node)) {
      const target = node.resolve(document)
      // An alias to an unknown or enclosing anchor is the library's error to report.
      size = target === undefined || resolving.has(target) ? 1 : sizeOf(target, resolving)
    } else if (isCollection(node)) {
      resolving.add(node)
      for (const item of node.items) {
        size += isPair(item)
          ? sizeOf(item.key, resolving) + sizeOf(item.value, resolving)
          : sizeOf(item, resolving)
        if (size > limits.expandedValues) break
      }
      resolving.delete(node)
    }
    sizes.set(node, size)
    return size
  }
  // Walk in document order and stop at the first alias that takes the count past the limit.
  const visit = (node: unknown): void => {
    if (excess || node === null || node === undefined) return
    if (isAlias(node)) {
      total += sizeOf(node, new Set())
      if (total > limits.expandedValues) excess = {offset: node.range?.[0] ?? 0}
      return
    }
    total += 1
    if (isCollection(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          visit(item.key)
          visit(item.value)
        } else visit(item)
      }
    }
  }
  visit(document.contents)
  if (!excess) return []
  const {line, col} = lines.linePos(excess.offset)
  return [
    {
      file,
      line,
      column: col,
      severity: 'error',
      ruleId: 'alias-expansion',
      message: `Aliases here expand the file to more than ${limits.expandedValues.toLocaleString('en')} values; write the values out instead of repeating anchors (\`*name\`, \`<<: [*name, …]\`)`
    }
  ]
}

/**
 * The same limit on parsed data: the fast reader (yaml-subset.ts) reads
 * block mappings however deeply they are indented.
 */
export function checkDataDepth(
  data: unknown,
  at: (path: readonly (string | number)[]) => {file: string; line: number; column: number}
): Diagnostic[] {
  // Recursion is safe: the fast reader built this data recursing as deep, and
  // the library's data passed checkNesting first.
  const path: Array<string | number> = []
  const tooDeep = (value: unknown): boolean => {
    if (!value || typeof value !== 'object') return false
    if (path.length >= limits.nestingDepth) return true
    const isList = Array.isArray(value)
    for (const key of Object.keys(value)) {
      path.push(isList ? Number(key) : key)
      if (tooDeep((value as Record<string, unknown>)[key])) return true
      path.pop()
    }
    return false
  }
  return tooDeep(data) ? [nestingTooDeep(at(path))] : []
}

function nestingTooDeep(position: {file: string; line: number; column: number}): Diagnostic {
  return {
    ...position,
    severity: 'error',
    ruleId: 'nesting-too-deep',
    message: `Collections are nested more than ${limits.nestingDepth} levels deep here; an entry needs at most 4 (\`links\` → item → \`name\` → language)`
  }
}

/**
 * Call `visit` with every string in parsed data (values, not keys) and its
 * path. The path array is shared and changes as the walk goes on: copy it to
 * keep it. Recursive: depth is bounded before this runs (checkNesting, and
 * the fast reader's indentation within the size limit).
 */
export function forEachString(
  data: unknown,
  visit: (text: string, path: readonly (string | number)[]) => void
): void {
  const path: Array<string | number> = []
  const walk = (value: unknown) => {
    if (typeof value === 'string') visit(value, path)
    else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index)
        walk(value[index])
        path.pop()
      }
    } else if (value && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        path.push(key)
        walk((value as Record<string, unknown>)[key])
        path.pop()
      }
    }
  }
  walk(data)
}

/** Whether a data path holds a URL: `url`, or a language of a localised `url`. */
export function isUrlPath(path: readonly (string | number)[]): boolean {
  return path.at(-1) === 'url' || path.at(-2) === 'url'
}

/** Texts and URLs over their length limits, each at its place. */
export function checkTextLengths(
  data: unknown,
  at: (path: readonly (string | number)[]) => {file: string; line: number; column: number}
): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  forEachString(data, (text, path) => {
    if (text.length <= limits.urlLength) return
    const url = isUrlPath(path)
    const limit = url ? limits.urlLength : limits.textLength
    if (text.length <= limit) return
    diagnostics.push({
      ...at(path),
      severity: 'error',
      ruleId: 'text-too-long',
      message: url
        ? `URL is ${text.length.toLocaleString('en')} characters long; the limit is ${limit.toLocaleString('en')}`
        : `Text is ${text.length.toLocaleString('en')} characters long; the limit is ${limit.toLocaleString('en')}: a cell or a paragraph of prose needs far less, so shorten it and link to the details`
    })
  })
  return diagnostics
}

function formatKilobytes(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en', {maximumFractionDigits: 1})} KB`
}
