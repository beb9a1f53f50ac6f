import type {RuleId} from '../../diagnostics/rules.js'
import type {Severity} from '../../diagnostics/diagnostic.js'

/** What a prose rule looks at: one text value, in one locale or in all of them. */
export interface ProseText {
  text: string
  /** The locale key it is written under (`en`, `zh`), or undefined for a plain string shown in every locale. */
  locale: string | undefined
  /** `cell` for inline Markdown in a table cell, `block` for section prose, `url` for a whole-URL field. */
  kind: 'cell' | 'block' | 'url'
}

/** A replacement of `length` characters at `index` by `insert`: the building block of fixes. */
export interface TextEdit {
  index: number
  length: number
  insert: string
}

/** One problem in a text; `edit` is present when the rule knows the safe fix. */
export interface ProseFinding {
  /** Offset in the text where the problem is. */
  index: number
  /** A few characters of the text at the problem, to find it in the file. */
  excerpt: string
  message: string
  edit?: TextEdit
}

/** A rule about how the list's texts read; registered in `rules/index.ts`. */
export interface ProseRule {
  id: RuleId
  severity: Severity
  check(text: ProseText): ProseFinding[]
}
