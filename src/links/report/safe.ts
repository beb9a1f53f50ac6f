/**
 * Untrusted text in the Markdown reports (URLs from entries and redirects,
 * names from APIs) goes through these, so that GitHub renders it as the text
 * it is: no foreign links, no emphasis, no @-mention that pings someone.
 */

/** A URL as an autolink when it is one plain token; else as code, which shows any text verbatim. */
export function urlText(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a URL with control characters is shown as code
  const controls = /[\u0000-\u001f\u007f]/
  return /^https?:\/\/[^\s<>`\\]+$/.test(url) && !controls.test(url) ? `<${url}>` : codeText(url)
}

/** Text as a code span: a fence longer than any run of backticks inside, line breaks flattened. */
export function codeText(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ')
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map(run => run[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.trim() === '' ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/**
 * Plain text with Markdown's specials escaped and @-mentions broken (a
 * zero-width joiner after the `@`), for words that are neither a URL nor code.
 */
export function plainText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>|~#!&]/g, '\\$&')
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200d')
}
