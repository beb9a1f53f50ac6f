import type {Diagnostic} from '../diagnostics/diagnostic.js'
import type {LocalizedText, TranslationStamps} from '../model/types.js'
import {sourceHash} from '../model/source-hash.js'
import {positionAt, type YamlFile} from './yaml-file.js'

/**
 * Warn at each translated text whose recorded source hash no longer matches
 * the default locale's text: the source was edited after the translation.
 * A hash for a field that has no such translation is an error.
 */
export function checkStaleTranslations(
  yaml: YamlFile,
  values: Readonly<Record<string, LocalizedText | undefined>>,
  stamps: TranslationStamps | undefined,
  sourceLocale: string | undefined
): Diagnostic[] {
  if (stamps === undefined || sourceLocale === undefined) return []
  const diagnostics: Diagnostic[] = []
  for (const [locale, fields] of Object.entries(stamps)) {
    for (const [field, hash] of Object.entries(fields)) {
      const value = values[field]
      const translation = typeof value === 'object' ? value[locale] : undefined
      const source = typeof value === 'object' ? value[sourceLocale] : undefined
      if (translation === undefined || source === undefined) {
        diagnostics.push({
          ...positionAt(yaml, ['translations', locale, field]),
          severity: 'error',
          ruleId: 'unknown-translation',
          message: `\`translations.${locale}.${field}\` records a translation, but \`${field}\` has no \`${sourceLocale}\` and \`${locale}\` texts; remove the line`
        })
        continue
      }
      if (sourceHash(source) !== hash)
        diagnostics.push({
          ...positionAt(yaml, [field, locale]),
          severity: 'warning',
          ruleId: 'stale-translation',
          message: `The \`${locale}\` text of \`${field}\` translates an older \`${sourceLocale}\` text (recorded ${hash}, now ${sourceHash(source)}); update the translation (\`npm run translations\`), then its hash in \`translations.${locale}.${field}\``
        })
    }
  }
  return diagnostics
}
