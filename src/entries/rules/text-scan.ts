import type {TextEdit} from './types.js'

/** Han ideographs, kana and CJK punctuation: text that needs no spaces between words. */
export const cjkCharacter =
  /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/

/** Whether a text contains any CJK character. */
export function hasCjk(text: string): boolean {
  return cjkCharacter.test(text)
}

/**
 * Whether a text reads as Chinese rather than English: a Han character
 * carries about as much as a Latin word, so Han characters are weighed
 * against Latin words ("基于 LLaMA 的中文模型" is Chinese).
 */
export function scriptOf(text: string): 'cjk' | 'latin' | 'none' {
  const visible = stripMarkup(text)
  const han = (visible.match(new RegExp(cjkCharacter.source, 'g')) ?? []).length
  const latinWords = (visible.match(/[A-Za-z]{2,}/g) ?? []).length
  if (han === 0 && latinWords === 0) return 'none'
  return han >= latinWords ? 'cjk' : 'latin'
}

/** The text a reader sees: link targets and code dropped, so URLs do not count as English words. */
function stripMarkup(text: string): string {
  return maskCode(text)
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, '')
}

/**
 * The text with the inside of every code span replaced by NUL characters of
 * the same length, so rules find nothing inside code and offsets still match.
 */
export function maskCode(text: string): string {
  return text.replace(/(`+)([^`]|(?!\1)`)+?\1/g, span => span.replace(/[^`]/g, '\0'))
}

/** Apply non-overlapping edits (in any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text
  const ordered = [...edits].sort((a, b) => b.index - a.index)
  let limit = Number.POSITIVE_INFINITY
  for (const edit of ordered) {
    // Overlapping edits would corrupt each other; the later one waits for the next pass.
    if (edit.index + edit.length > limit) continue
    out = out.slice(0, edit.index) + edit.insert + out.slice(edit.index + edit.length)
    limit = edit.index
  }
  return out
}

/** Markdown links `[text](url)` in a (masked) text, with offsets; images excluded. */
export function findLinks(masked: string): Array<{
  start: number
  end: number
  text: string
  textStart: number
  url: string
  urlStart: number
}> {
  const links = []
  const pattern = /\[((?:[^\]\\]|\\.)*)\]\(/g
  for (let match = pattern.exec(masked); match; match = pattern.exec(masked)) {
    if (masked[match.index - 1] === '!') continue
    // The destination ends at the `)` that balances the opening one.
    const urlStart = match.index + match[0].length
    let depth = 0
    let end = -1
    for (let i = urlStart; i < masked.length; i++) {
      const char = masked[i]
      if (char === '(') depth++
      else if (char === ')') {
        if (depth === 0) {
          end = i
          break
        }
        depth--
      } else if (char === ' ' || char === '\n') break
    }
    if (end === -1) continue
    links.push({
      start: match.index,
      end: end + 1,
      text: match[1]!,
      textStart: match.index + 1,
      url: masked.slice(urlStart, end),
      urlStart
    })
    pattern.lastIndex = end + 1
  }
  return links
}

/** `**strong**` runs in a (masked) text, paired in order, with offsets of the opening and closing markers. */
export function findStrong(masked: string): Array<{open: number; close: number; content: string}> {
  const markers: number[] = []
  const pattern = /\*\*/g
  for (let match = pattern.exec(masked); match; match = pattern.exec(masked)) {
    // `***` and longer runs are emphasis mixes; leave them to a human.
    if (masked[match.index + 2] === '*' || masked[match.index - 1] === '*') {
      pattern.lastIndex = match.index + 3
      continue
    }
    markers.push(match.index)
  }
  const pairs = []
  for (let i = 0; i + 1 < markers.length; i += 2) {
    const open = markers[i]!
    const close = markers[i + 1]!
    const content = masked.slice(open + 2, close)
    // Both halves on one line, or it is not one strong run.
    if (content.includes('\n')) continue
    pairs.push({open, close, content})
  }
  return pairs
}
