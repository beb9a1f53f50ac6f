import {findLinks, findStrong, maskCode, scriptOf} from './text-scan.js'
import type {ProseFinding, ProseRule} from './types.js'

const latinOrDigit = /[A-Za-z0-9]/

/**
 * A Latin letter or digit run into a link or strong text (`trained on
 * the[Andromeda](…)`, `built by**TII**`): GitHub shows the words glued
 * together. Chinese needs no spaces, so Chinese texts are not checked.
 * Bold letters that start or end a word are left alone: they spell out
 * acronyms and word play on purpose (`**U**ntuned`, `to**ken**`).
 */
export const missingSpace: ProseRule = {
  id: 'missing-space',
  severity: 'error',
  check({text, locale, kind}) {
    if (kind === 'url' || locale === 'zh' || scriptOf(text) === 'cjk') return []
    const masked = maskCode(text)
    const findings: ProseFinding[] = []
    const at = (index: number, what: string, side: 'before' | 'after'): ProseFinding => ({
      index,
      excerpt: text.slice(index, index + 12),
      message: `Missing space ${side} ${what}: \`${text.slice(Math.max(0, index - 8), index + 12).replace(/\n/g, ' ')}\`; a space keeps the words apart`,
      edit: {index, length: 0, insert: ' '}
    })
    for (const link of findLinks(masked)) {
      if (latinOrDigit.test(masked[link.start - 1] ?? ''))
        findings.push(at(link.start, 'a link', 'before'))
      // `[LLM](…)s`: a plural ending glued on purpose.
      const plural = /^s(?![A-Za-z0-9])/.test(masked.slice(link.end))
      if (latinOrDigit.test(masked[link.end] ?? '') && !plural)
        findings.push(at(link.end, 'a link', 'after'))
    }
    for (const strong of findStrong(masked)) {
      const before = masked[strong.open - 1] ?? ''
      const after = masked[strong.close + 2] ?? ''
      // `to**ken**`: the end of a lower-case word in bold.
      const wordEnd = /^[a-z]{1,3}$/.test(strong.content) && /[a-z]/.test(before)
      // `**U**ntuned`: the first letters of a word in bold, spelling out an acronym.
      const wordStart = /^[A-Za-z]{1,3}$/.test(strong.content) && /[a-z]/.test(after)
      if (latinOrDigit.test(before) && !wordEnd)
        findings.push(at(strong.open, 'bold text', 'before'))
      if (latinOrDigit.test(after) && !wordStart)
        findings.push(at(strong.close + 2, 'bold text', 'after'))
    }
    return findings
  }
}
