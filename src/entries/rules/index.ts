import {doubleSpace} from './double-space.js'
import {linkTextPunctuation} from './link-text-punctuation.js'
import {missingSpace} from './missing-space.js'
import type {ProseRule} from './types.js'
import {urlTrailingPunctuation} from './url-trailing-punctuation.js'
import {wrongLanguage} from './wrong-language.js'

/** Every prose rule `validate` runs, each with its id and severity. */
export const proseRules: readonly ProseRule[] = [
  missingSpace,
  doubleSpace,
  linkTextPunctuation,
  urlTrailingPunctuation,
  wrongLanguage
]
