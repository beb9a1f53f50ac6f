import {findLinks, maskCode} from './text-scan.js'
import type {ProseRule} from './types.js'

/** Punctuation that belongs to the sentence, not to the name of what is linked. */
const trailing = /[.,;:，。；：、]+$/

/** `[LLaMA,](…)`: punctuation inside the link text underlines with the name; it goes after the link. */
export const linkTextPunctuation: ProseRule = {
  id: 'link-text-punctuation',
  severity: 'error',
  check({text, kind}) {
    if (kind === 'url') return []
    return findLinks(maskCode(text)).flatMap(link => {
      const punctuation = trailing.exec(link.text)?.[0]
      // `[...]` and `[etc.]`-like texts that are nothing but punctuation, or abbreviations, stay.
      if (
        punctuation === undefined ||
        punctuation === link.text ||
        /\b(?:al|etc|Inc|Ltd|Co)\.$/.test(link.text)
      )
        return []
      const source = text.slice(link.start, link.end)
      const name = link.text.slice(0, -punctuation.length)
      return [
        {
          index: link.start,
          excerpt: source.slice(0, 20),
          message: `Link text \`${link.text}\` ends in \`${punctuation}\`; put the punctuation after the link`,
          edit: {
            index: link.start,
            length: link.end - link.start,
            insert: `[${name}]${text.slice(link.textStart + link.text.length + 1, link.end)}${punctuation}`
          }
        }
      ]
    })
  }
}
