/**
 * Every rule id a diagnostic can carry, in one place: code branches on
 * these, never on message text, and CI annotations show them as titles.
 */
export const ruleIds = [
  // Files and YAML
  'yaml-syntax',
  'unexpected-file',
  'bad-file-name',
  'file-too-large',
  'nesting-too-deep',
  'alias-expansion',
  'text-too-long',
  'invalid-utf8',
  'control-character',
  'bidi-control',
  'invisible-character',
  'text-cut-by-comment',
  // Shape (JSON Schema) and values
  'schema',
  'wrong-type',
  'missing-field',
  'unknown-field',
  'invalid-value',
  'empty-value',
  'bad-date',
  'bad-url',
  'url-credentials',
  'confusable-host',
  'raw-html',
  'secret',
  // Sections, columns, locales, templates
  'unknown-section',
  'bad-section-id',
  'section-cycle',
  'section-without-table',
  'entry-outside-section',
  'unknown-column',
  'duplicate-column',
  'field-not-shown',
  'unknown-locale',
  'bad-output-path',
  'missing-template',
  'unknown-placeholder',
  'missing-file',
  'generated-file-edited',
  // Content
  'duplicate-url',
  'unknown-entry',
  'double-space',
  'link-text-punctuation',
  'missing-space',
  'url-trailing-punctuation',
  'wrong-language',
  'stale-translation',
  'unknown-translation',
  // The importer and the link checker's configuration
  'added-inferred',
  'merged-duplicate',
  'secret-removed',
  'structure-mismatch',
  'link-config'
] as const

export type RuleId = (typeof ruleIds)[number]
