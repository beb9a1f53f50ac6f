import type {PhrasingContent} from 'mdast'

/**
 * The two inline constructs most cell lines use, read without micromark when
 * nothing around them can change their meaning: `[label](url)` and `**bold**`.
 * Every other line, and every doubt, goes to micromark (`undefined`).
 *
 * This is not a second Markdown parser. It implements no delimiter rules: it
 * accepts a `**` pair only where CommonMark leaves one reading (the opener
 * after the line start or a space and before a letter or digit, the closer
 * after a letter or digit and before the line end, a space or `.,;:?)`, and
 * no other `*` or `_` on the line), and a link only with a label and a
 * destination free of every character that could start anything else. The
 * text between must hold no Markdown at all. A test compares it with
 * micromark on the real list and on generated lines built around those edges.
 *
 * It exists for speed: micromark costs ~0.1-0.3 ms a line, most of a large
 * build when every entry has a link or a bold word (10,000 entries: ~3 s).
 */

/** A character that could start Markdown or a GFM autolink literal, in text, a label or a bold span. */
const syntax = /[\\`*_~<>&[\]!\t]|https?:|mailto:|xmpp:|www\.|[\w.+-]@/i
/** A destination that is one plain run: no space, parenthesis, `<`, `&`, `\` or anything outside ASCII. */
const destination = /^[A-Za-z0-9\-._~:/?#@$+,;=%']+$/
/** One link or one bold span; what lies between is checked separately. */
const construct = /\[([^\]]*)\]\(([^)]*)\)|\*\*([^*]*)\*\*/g
const alnum = /[A-Za-z0-9]/
const afterCloser = /^(?:$| |[.,;:?)])/

/** The line's nodes as micromark would give them, or `undefined` when not sure. */
export function parseLinksAndStrong(line: string): PhrasingContent[] | undefined {
  // micromark drops a paragraph's outer whitespace; cell lines come trimmed, others go to it.
  if (/[_\t\r\n]/.test(line) || line.trim() !== line) return undefined
  const nodes: PhrasingContent[] = []
  let text = ''
  let end = 0
  for (const match of line.matchAll(construct)) {
    const before = line.slice(end, match.index)
    if (syntax.test(before)) return undefined
    text += before
    const [whole, label, url, bold] = match
    if (bold !== undefined) {
      const previous = line[match.index - 1]
      const next = line.slice(match.index + whole.length)
      if (previous !== undefined && previous !== ' ') return undefined
      if (!alnum.test(bold.charAt(0)) || !alnum.test(bold.charAt(bold.length - 1))) return undefined
      if (!afterCloser.test(next) || syntax.test(bold)) return undefined
      if (text !== '') nodes.push({type: 'text', value: text})
      text = ''
      nodes.push({type: 'strong', children: [{type: 'text', value: bold}]})
    } else {
      if (label === undefined || url === undefined) return undefined
      if (label.trim() !== label || label === '' || /\s\s/.test(label)) return undefined
      if (syntax.test(label) || !destination.test(url)) return undefined
      if (text !== '') nodes.push({type: 'text', value: text})
      text = ''
      nodes.push({type: 'link', title: null, url, children: [{type: 'text', value: label}]})
    }
    end = match.index + whole.length
  }
  const rest = line.slice(end)
  if (syntax.test(rest)) return undefined
  text += rest
  if (text !== '') nodes.push({type: 'text', value: text})
  return nodes
}
