import {scriptOf} from './text-scan.js'
import type {ProseRule} from './types.js'

/**
 * A text written in the other locale's script: Chinese under `en:`, English
 * prose under `zh:`, or Chinese as a plain string, which every locale shows,
 * so the English README shows it in Chinese. Names and short terms are
 * alike in both languages and pass.
 */
export const wrongLanguage: ProseRule = {
  id: 'wrong-language',
  severity: 'warning',
  check({text, locale, kind}) {
    if (kind === 'url') return []
    const script = scriptOf(text)
    const excerpt = text.slice(0, 12)
    if (locale === 'en' && script === 'cjk')
      return [
        {
          index: 0,
          excerpt,
          message: 'Chinese text under `en`; move it to `zh` and write the English text under `en`'
        }
      ]
    if (locale === 'zh' && script === 'latin' && (text.match(/[A-Za-z]{2,}/g) ?? []).length >= 6)
      return [
        {
          index: 0,
          excerpt,
          message:
            'English prose under `zh`; write the Chinese translation there, or drop `zh` to fall back to English'
        }
      ]
    if (locale === undefined && script === 'cjk')
      return [
        {
          index: 0,
          excerpt,
          message:
            'Chinese text written as one string for every language, so the English README shows it in Chinese; write it as `zh:` and add an `en:` translation'
        }
      ]
    return []
  }
}
