import {type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument} from 'yaml'
import {type Diagnostic, fileStart} from '../diagnostics/diagnostic.js'
import type {SourcePosition} from '../model/types.js'
import {checkEncoding, forbiddenInValue} from './encoding.js'
import {
  checkAliasExpansion,
  checkDataDepth,
  checkFileSize,
  checkNesting,
  checkTextLengths,
  forEachString
} from './limits.js'
import {quoteHint} from './yaml-hints.js'
import {parseYamlSubset, type SubsetNode} from './yaml-subset.js'

/** A YAML file parsed with everything needed to point at a place in it. */
export interface YamlFile {
  file: string
  source: string
  /** Plain JavaScript value of the document (undefined when it has syntax errors). */
  data: unknown
  /** Where each line starts, to turn offsets into lines and columns. */
  lines: LineCounter
  /** Offset of the value at `path` (or of its key), falling back to the nearest ancestor that exists. */
  offsetAt(path: readonly PathSegment[], key: boolean): number
}

/**
 * Parse YAML keeping positions; syntax errors become diagnostics, all of them.
 * Files in the plain subset our files are written in take a fast reader (see
 * yaml-subset.ts); any other file, and every error, goes to the `yaml` library.
 * A file too large, not text, or over a limit (limits.ts) gives no data.
 */
export function parseYamlFile(
  file: string,
  source: string
): {yaml: YamlFile; diagnostics: Diagnostic[]} {
  const refused = [...checkFileSize(file, source), ...checkEncoding(file, source)]
  if (refused.length > 0) return {yaml: unreadFile(file, source), diagnostics: refused}
  const parsed = parseWithSubsetOrLibrary(file, source)
  if (parsed.yaml.data === undefined) return parsed
  const at = (path: readonly PathSegment[]) => positionAt(parsed.yaml, path)
  const tooLong = [
    ...checkDataDepth(parsed.yaml.data, at),
    ...checkTextLengths(parsed.yaml.data, at),
    // Only a backslash escape in a quoted string can make what checkEncoding refused.
    ...(source.includes('\\') ? checkEscapedCharacters(parsed.yaml.data, at) : [])
  ]
  if (tooLong.length === 0) return parsed
  return {yaml: {...parsed.yaml, data: undefined}, diagnostics: [...parsed.diagnostics, ...tooLong]}
}

function parseWithSubsetOrLibrary(
  file: string,
  source: string
): {yaml: YamlFile; diagnostics: Diagnostic[]} {
  const subset = parseYamlSubset(source)
  if (subset) {
    const lines = new LineCounter()
    for (const start of subset.lineStarts) lines.addNewLine(start)
    return {
      yaml: {
        file,
        source,
        data: detach(subset.data),
        lines,
        offsetAt: (path, key) => subsetOffset(subset.root, path, key)
      },
      diagnostics: []
    }
  }
  return parseWithLibrary(file, source)
}

/** Characters checkEncoding refuses, written as escapes in quoted strings. */
function checkEscapedCharacters(
  data: unknown,
  at: (path: readonly PathSegment[]) => SourcePosition
): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  forEachString(data, (text, path) => {
    const found = forbiddenInValue(text)
    if (found) diagnostics.push({...at(path), severity: 'error', ...found})
  })
  return diagnostics
}

/** A file refused before parsing: no data, and every position is its start. */
function unreadFile(file: string, source: string): YamlFile {
  return {file, source, data: undefined, lines: new LineCounter(), offsetAt: () => 0}
}

/** The general path: the `yaml` library's document, with its positions and errors. */
export function parseWithLibrary(
  file: string,
  source: string
): {yaml: YamlFile; diagnostics: Diagnostic[]} {
  const lineCounter = new LineCounter()
  const tooDeep = checkNesting(file, source)
  if (tooDeep.length > 0) return {yaml: unreadFile(file, source), diagnostics: tooDeep}
  // `uniqueKeys` makes a repeated key an error rather than a silent overwrite.
  const document = parseDocument(source, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const diagnostics: Diagnostic[] = []
  for (const error of document.errors) {
    const {line, col} = lineCounter.linePos(error.pos[0])
    diagnostics.push({
      file,
      line,
      column: col,
      severity: 'error',
      ruleId: 'yaml-syntax',
      message: `Invalid YAML: ${firstLine(error.message)}${quoteHint(error.code, source, error.pos[0])}`
    })
  }
  if (diagnostics.length === 0)
    diagnostics.push(...checkAliasExpansion(file, document, lineCounter))
  const data = diagnostics.length === 0 ? toData(file, document, diagnostics) : undefined
  const offsetAt = (path: readonly PathSegment[], key: boolean) =>
    documentOffset(document.contents as Node | null, path, key)
  return {yaml: {file, source, data, lines: lineCounter, offsetAt}, diagnostics}
}

type PathSegment = string | number

/**
 * The document's plain value. checkAliasExpansion has bounded what it
 * expands; the library's own alias guard stays as a second one, and its
 * error becomes a diagnostic, not a stack trace.
 */
function toData(file: string, document: Document, diagnostics: Diagnostic[]): unknown {
  try {
    return detach(document.toJS({maxAliasCount: 100}))
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    diagnostics.push({
      file,
      ...fileStart,
      severity: 'error',
      ruleId: 'alias-expansion',
      message: `Invalid YAML: ${firstLine(error.message)}; write the values out instead of repeating anchors`
    })
    return undefined
  }
}

/**
 * A copy of parsed data whose strings are its own. Values read from a file are
 * slices of its source, and V8 keeps the whole source alive for each slice:
 * a large list's entries would hold every file's text for the whole build.
 */
function detach<T>(data: T): T {
  return structuredClone(data)
}

/**
 * Position of the value at `path` (or of its key, when `key` is true), falling
 * back to the nearest ancestor that exists, then to the start of the file.
 */
export function positionAt(
  yaml: YamlFile,
  path: readonly PathSegment[],
  key = false
): SourcePosition {
  const {line, col} = yaml.lines.linePos(yaml.offsetAt(path, key))
  return {file: yaml.file, line, column: col}
}

function documentOffset(contents: Node | null, path: readonly PathSegment[], key: boolean): number {
  let node: Node | null | undefined = contents
  let offset = node?.range?.[0] ?? 0
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        item => isScalar(item.key) && String(item.key.value) === String(segment)
      )
      if (!pair) break
      const keyNode = pair.key as Node
      if (index === path.length - 1 && key) return keyNode.range?.[0] ?? offset
      node = pair.value as Node | null
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined
      if (!item) break
      node = item
      offset = item.range?.[0] ?? offset
    } else {
      break
    }
  }
  return offset
}

function subsetOffset(root: SubsetNode, path: readonly PathSegment[], key: boolean): number {
  let node = root
  for (const [index, segment] of path.entries()) {
    const pair = node.pairs?.get(String(segment))
    const item = typeof segment === 'number' ? node.items?.[segment] : undefined
    if (pair && index === path.length - 1 && key) return pair.key
    const next = pair?.value ?? item
    if (!next) break
    node = next
  }
  return node.offset
}

/** Positions of each top-level key of a mapping document. */
export function topLevelPositions(yaml: YamlFile): Record<string, SourcePosition> {
  const positions: Record<string, SourcePosition> = {}
  const data = yaml.data
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const name of Object.keys(data)) positions[name] = positionAt(yaml, [name])
  }
  return positions
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
