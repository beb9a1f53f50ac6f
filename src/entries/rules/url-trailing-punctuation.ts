import {findLinks, maskCode} from './text-scan.js'
import type {ProseFinding, ProseRule} from './types.js'

/**
 * A URL ending in `.`, `,`, `;`, or in a `)` that opens nowhere in it: nearly
 * always a copy-paste slip that takes the sentence's punctuation along.
 * `…/Foo_(bar)` keeps its balanced parenthesis.
 */
export const urlTrailingPunctuation: ProseRule = {
  id: 'url-trailing-punctuation',
  severity: 'error',
  check({text, kind}) {
    if (kind === 'url') {
      const cut = slipLength(text)
      return cut === 0 ? [] : [finding(text, text.length - cut, cut)]
    }
    const findings: ProseFinding[] = []
    for (const link of findLinks(maskCode(text))) {
      // Inside `[…](…)` a `)` would have closed the link; only the others can trail.
      const cut = /[.,;]+$/.exec(link.url)?.[0].length ?? 0
      if (cut > 0)
        findings.push(finding(text, link.urlStart + link.url.length - cut, cut, link.url))
    }
    return findings
  }
}

/** How many characters at the end of a URL are a slip. */
function slipLength(url: string): number {
  let end = url.length
  for (;;) {
    const last = url[end - 1]
    const body = url.slice(0, end - 1)
    if (last === '.' || last === ',' || last === ';') end--
    else if (last === ')' && count(body, '(') <= count(body, ')')) end--
    else return url.length - end
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}

function finding(text: string, index: number, length: number, url = text): ProseFinding {
  return {
    index,
    excerpt: url,
    message: `URL \`${url}\` ends in \`${text.slice(index, index + length)}\`; expected the address without the trailing punctuation`,
    edit: {index, length, insert: ''}
  }
}
