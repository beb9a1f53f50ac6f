import type {CreateNodeOptions, DocumentOptions, SchemaOptions, ToStringOptions} from 'yaml'

/**
 * The one set of options every machine-written YAML file uses (the importer,
 * `--apply`, `new-entry`). Pinned so that rewriting an unchanged file gives
 * the same bytes: no folding of long lines, literal blocks for multi-line text.
 */
export const yamlWriteOptions: DocumentOptions &
  SchemaOptions &
  CreateNodeOptions &
  ToStringOptions = {
  version: '1.2',
  lineWidth: 0,
  minContentWidth: 0,
  indent: 2,
  indentSeq: true,
  blockQuote: 'literal',
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  singleQuote: false
}

/** Relative `$schema` reference editors (yaml-language-server) use for completion. */
export function schemaComment(schemaFile: 'entry.schema.json' | 'section.schema.json'): string {
  return ` yaml-language-server: $schema=../../schema/${schemaFile}`
}
