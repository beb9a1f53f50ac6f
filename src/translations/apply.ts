import {isMap, isScalar, parseDocument, Scalar, YAMLMap} from 'yaml'
import {yamlWriteOptions} from '../entries/yaml-style.js'
import {sourceHash} from '../model/source-hash.js'

/** What writing one translation into a file came to. */
export type ApplyOutcome =
  | {kind: 'applied'; source: string}
  | {kind: 'unchanged'}
  | {kind: 'source-changed'; expected: string; actual: string}
  | {kind: 'no-such-text'}
  | {kind: 'not-yaml'}

/**
 * Write a translation of `field` into an entry or section file, with the
 * hash of the source text it translates under `translations.<locale>`.
 * Refused when the source text changed since the sheet was made (the hash
 * differs): the translation would describe an older text. Through the yaml
 * Document API with the pinned options, so comments and the source text's
 * own style stay.
 */
export function applyTranslation(
  source: string,
  change: {
    field: string
    sourceLocale: string
    locale: string
    sourceHash: string
    translation: string
  }
): ApplyOutcome {
  const document = parseDocument(source, yamlWriteOptions)
  if (document.errors.length > 0 || !isMap(document.contents)) return {kind: 'not-yaml'}
  const node = document.get(change.field, true)
  let sourceNode: Scalar | undefined
  let map: YAMLMap | undefined
  if (isScalar(node) && typeof node.value === 'string') sourceNode = node
  else if (isMap(node)) {
    map = node
    const own = node.get(change.sourceLocale, true)
    if (isScalar(own) && typeof own.value === 'string') sourceNode = own
  }
  if (sourceNode === undefined) return {kind: 'no-such-text'}
  const actual = sourceHash(sourceNode.value as string)
  if (actual !== change.sourceHash)
    return {kind: 'source-changed', expected: change.sourceHash, actual}

  const translated = new Scalar(change.translation)
  if (change.translation.includes('\n')) translated.type = Scalar.BLOCK_LITERAL
  if (map === undefined) {
    map = new YAMLMap()
    map.set(new Scalar(change.sourceLocale), sourceNode)
    document.set(change.field, map)
  }
  map.set(new Scalar(change.locale), translated)
  document.setIn(['translations', change.locale, change.field], actual)
  const next = document.toString(yamlWriteOptions)
  return next === source ? {kind: 'unchanged'} : {kind: 'applied', source: next}
}
