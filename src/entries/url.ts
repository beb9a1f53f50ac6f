/**
 * A comparison key for a URL: scheme and host lower-cased, default port, empty
 * fragment, `#readme` and a trailing slash dropped. Two links with the same key
 * point at the same page.
 */
export function normalizeUrlForComparison(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return value.trim()
  }
  url.hash = url.hash === '#readme' ? '' : url.hash
  let text = url.href
  if (text.endsWith('/') && url.pathname !== '/' && url.search === '' && url.hash === '')
    text = text.slice(0, -1)
  if (url.pathname === '/' && url.search === '' && url.hash === '') text = text.slice(0, -1)
  return text
}
