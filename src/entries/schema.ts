import type {ErrorObject} from 'ajv'
import type {RuleId} from '../diagnostics/rules.js'
import entrySchema from '../../schema/entry.schema.json' with {type: 'json'}
import sectionSchema from '../../schema/section.schema.json' with {type: 'json'}
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {didYouMean} from '../diagnostics/suggest.js'
import * as validators from './validators.generated.js'
import {positionAt, type YamlFile} from './yaml-file.js'

export type SchemaKind = 'entry' | 'section'

/** What each kind of file is called in messages. */
const fileKinds: Record<SchemaKind, string> = {entry: 'entry', section: 'section file'}

/**
 * Validate a parsed file against its JSON Schema and turn each failure into a
 * diagnostic at the right line and column, worded for a person.
 */
export function validateAgainstSchema(yaml: YamlFile, kind: SchemaKind): Diagnostic[] {
  const schema = (kind === 'entry' ? entrySchema : sectionSchema) as unknown as SchemaNode
  if (
    yaml.data === null ||
    yaml.data === undefined ||
    typeof yaml.data !== 'object' ||
    Array.isArray(yaml.data)
  ) {
    return [
      {
        ...positionAt(yaml, []),
        severity: 'error',
        ruleId: 'wrong-type',
        message: `Expected the ${fileKinds[kind]} to be a mapping of fields (\`name: …\`), got ${describe(yaml.data)}`
      }
    ]
  }
  // Compiled ahead of time from the same schemas (scripts/generate-validators.mjs).
  const validate = validators[kind]
  if (validate(yaml.data)) return []
  return toDiagnostics(yaml, schema, collapse(validate.errors ?? []))
}

/**
 * Ajv reports a failed `anyOf` (text: string or {en, zh}) with the errors of
 * every branch plus the `anyOf` itself. A person wants one message per place:
 * when the value had a branch's type but broke one of its rules (a bad URL, an
 * unknown language key), that rule; otherwise "wrong type".
 */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const under = (error: ErrorObject, path: string) =>
    error.instancePath === path || error.instancePath.startsWith(`${path}/`)
  const dropped = new Set<ErrorObject>()
  for (const anyOf of errors.filter(e => e.keyword === 'anyOf')) {
    const branch = errors.filter(
      e => e !== anyOf && e.keyword !== 'anyOf' && under(e, anyOf.instancePath)
    )
    const specific = branch.filter(e => e.keyword !== 'type')
    if (specific.length > 0) {
      dropped.add(anyOf)
      for (const e of branch) if (e.keyword === 'type') dropped.add(e)
    } else {
      for (const e of branch) dropped.add(e)
    }
  }
  const seen = new Set<string>()
  return errors.filter(error => {
    const key = `${error.instancePath} ${error.keyword} ${JSON.stringify(error.params)}`
    if (dropped.has(error) || seen.has(key)) return false
    seen.add(key)
    return true
  })
}

interface SchemaNode {
  type?: string
  properties?: Record<string, SchemaNode>
  definitions?: Record<string, SchemaNode>
  items?: SchemaNode
  $ref?: string
  enum?: unknown[]
  anyOf?: SchemaNode[]
}

function toDiagnostics(
  yaml: YamlFile,
  schema: SchemaNode,
  errors: readonly ErrorObject[]
): Diagnostic[] {
  return errors.map(error => {
    const path = error.instancePath.split('/').slice(1).map(decodePointer)
    const field = path.length === 0 ? undefined : path.join('.')
    const at = (segments: Array<string | number>, key = false) => positionAt(yaml, segments, key)
    const base = {file: yaml.file, severity: 'error' as const}
    const unknownColumn = (columnPath: string[]): Diagnostic => {
      const value = valueAt(yaml.data, columnPath)
      const fields = (schema.definitions?.['field']?.enum ?? []).map(String)
      return {
        ...base,
        ...at(columnPath),
        ruleId: 'unknown-column',
        message:
          typeof value === 'string'
            ? `Unknown column \`${value}\`${didYouMean(value, fields) || `; expected one of: ${fields.map(f => `\`${f}\``).join(', ')}`}`
            : `Expected a column: a field id such as \`description\`, or \`{field: …, title: …}\`, got ${describe(value)}`
      }
    }
    switch (error.keyword) {
      case 'additionalProperties': {
        const name = String(error.params['additionalProperty'])
        if (error.schemaPath.startsWith('#/definitions/text/')) {
          return {
            ...base,
            ...at([...path, name], true),
            ruleId: 'unknown-locale',
            message: `Unknown language \`${name}\` in \`${field}\`; expected one of: ${Object.keys(
              propertiesAt(schema, path) ?? {}
            )
              .map(k => `\`${k}\``)
              .join(', ')}`
          }
        }
        const known = Object.keys(propertiesAt(schema, path) ?? {})
        return {
          ...base,
          ...at([...path, name], true),
          ruleId: 'unknown-field',
          message: `Unknown field \`${[...path, name].join('.')}\`${didYouMean(name, known)}${didYouMean(name, known) ? '' : `; expected one of: ${known.map(k => `\`${k}\``).join(', ')}`}`
        }
      }
      case 'required': {
        const name = String(error.params['missingProperty'])
        return {
          ...base,
          ...at(path),
          ruleId: 'missing-field',
          message: `Missing required field \`${[...path, name].join('.')}\``
        }
      }
      case 'pattern':
        return {...base, ...at(path), ...patternMessage(field ?? '', valueAt(yaml.data, path))}
      case 'enum':
        if (path[0] === 'columns') return unknownColumn(path)
        return {
          ...base,
          ...at(path),
          ruleId: 'invalid-value',
          message: `Invalid value ${JSON.stringify(valueAt(yaml.data, path))} for \`${field}\`; expected one of: ${(error.params['allowedValues'] as unknown[]).map(v => `\`${String(v)}\``).join(', ')}`
        }
      case 'minLength':
        return {
          ...base,
          ...at(path),
          ruleId: 'empty-value',
          message: `Empty value for \`${field}\`; remove the field or give it text`
        }
      case 'minItems':
        return {
          ...base,
          ...at(path),
          ruleId: 'empty-value',
          message: `Empty list for \`${field}\`; remove the field or add an item`
        }
      case 'minProperties':
        return {
          ...base,
          ...at(path),
          ruleId: 'empty-value',
          message: `Empty map for \`${field}\`; give at least one language (\`en\`, \`zh\`)`
        }
      case 'anyOf':
        if (path[0] === 'columns' && path.length === 2) return unknownColumn(path)
        return {
          ...base,
          ...at(path),
          ruleId: 'wrong-type',
          message: `Expected text for \`${field}\` (a string, or a map of languages such as \`{en: …, zh: …}\`), got ${describe(valueAt(yaml.data, path))}`
        }
      case 'type':
        return {
          ...base,
          ...at(path),
          ruleId: 'wrong-type',
          message: `Expected ${article(String(error.params['type']))} for \`${field}\`, got ${describe(valueAt(yaml.data, path))}`
        }
      default:
        return {
          ...base,
          ...at(path),
          ruleId: 'schema',
          message: `\`${field ?? '(file)'}\` ${error.message ?? 'is invalid'}`
        }
    }
  })
}

function patternMessage(field: string, value: unknown): {ruleId: RuleId; message: string} {
  const last = field.split('.').at(-1)
  if (last === 'added') {
    return {
      ruleId: 'bad-date',
      message: `Invalid date ${JSON.stringify(value)} for \`added\`; expected YYYY-MM-DD, e.g. 2024-05-01`
    }
  }
  if (last === 'url' || /(^|\.)url\.[a-z]{2}$/.test(field)) {
    return {
      ruleId: 'bad-url',
      message: `Invalid URL ${JSON.stringify(value)} for \`${field}\`; expected an absolute http(s) URL without spaces, e.g. https://github.com/owner/repo`
    }
  }
  if (last === 'parent') {
    return {
      ruleId: 'invalid-value',
      message: `Invalid section id ${JSON.stringify(value)} for \`parent\`; expected lowercase words joined by hyphens`
    }
  }
  return {
    ruleId: 'invalid-value',
    message: `Invalid value ${JSON.stringify(value)} for \`${field}\``
  }
}

/** The `properties` the schema allows at an instance path, following `$ref`s. */
function propertiesAt(
  schema: SchemaNode,
  path: readonly string[]
): Record<string, SchemaNode> | undefined {
  let node: SchemaNode | undefined = schema
  const resolve = (n: SchemaNode | undefined): SchemaNode | undefined => {
    if (n?.$ref) return schema.definitions?.[n.$ref.replace('#/definitions/', '')]
    if (n?.anyOf) return n.anyOf.find(branch => branch.type === 'object' || branch.properties) ?? n
    return n
  }
  node = resolve(node)
  for (const segment of path) {
    if (/^\d+$/.test(segment)) node = resolve(resolve(node)?.items)
    else node = resolve(resolve(node)?.properties?.[segment])
    node = resolve(node)
  }
  return node?.properties
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let value = data
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

function decodePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~')
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

/** Describe a YAML value's type the way a contributor would name it. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`
  return `${article(typeof value)} (${String(value)})`
}
