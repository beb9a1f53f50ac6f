import {isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Document} from 'yaml'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {SourcePosition} from '../model/types.js'

/** A YAML file parsed with everything needed to point at a place in it. */
export interface YamlFile {
  file: string
  source: string
  document: Document.Parsed
  lineCounter: LineCounter
  /** Plain JavaScript value of the document (undefined when it is empty). */
  data: unknown
}

/** Parse YAML keeping positions; syntax errors become diagnostics, all of them. */
export function parseYamlFile(file: string, source: string): {yaml: YamlFile; diagnostics: Diagnostic[]} {
  const lineCounter = new LineCounter()
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
      message: `Invalid YAML: ${firstLine(error.message)}`
    })
  }
  const data = diagnostics.length === 0 ? document.toJS({maxAliasCount: 100}) : undefined
  return {yaml: {file, source, document, lineCounter, data}, diagnostics}
}

type PathSegment = string | number

/**
 * Position of the value at `path` (or of its key, when `key` is true), falling
 * back to the nearest ancestor that exists, then to the start of the file.
 */
export function positionAt(yaml: YamlFile, path: readonly PathSegment[], key = false): SourcePosition {
  let node: Node | null | undefined = yaml.document.contents as Node | null
  let offset = node?.range?.[0] ?? 0
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) break
      const isLast = index === path.length - 1
      const keyNode = pair.key as Node
      if (isLast && key) {
        offset = keyNode.range?.[0] ?? offset
        node = undefined
        break
      }
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
  const {line, col} = yaml.lineCounter.linePos(offset)
  return {file: yaml.file, line, column: col}
}

/** Positions of each top-level key of a mapping document. */
export function topLevelPositions(yaml: YamlFile): Record<string, SourcePosition> {
  const positions: Record<string, SourcePosition> = {}
  const contents = yaml.document.contents
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (isScalar(pair.key)) {
        const name = String(pair.key.value)
        positions[name] = positionAt(yaml, [name])
      }
    }
  }
  return positions
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
