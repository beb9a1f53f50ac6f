/**
 * The key a URL is checked and stored under: scheme and host lower-cased
 * (by the WHATWG parser), default port dropped, an empty fragment dropped.
 * A non-empty fragment is kept (it may matter to a single-page site), but
 * requests never send it. Returns undefined for text that is not an absolute URL.
 */
export function normalizeUrl(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return undefined
  }
  // The parser already lower-cases scheme and host and drops default ports; an empty `#` survives as `href` ending in `#`.
  let href = url.href
  if (href.endsWith('#')) href = href.slice(0, -1)
  return href
}

/** The URL without its fragment: what goes on the wire. */
export function requestUrl(value: string): string {
  const hash = value.indexOf('#')
  return hash === -1 ? value : value.slice(0, hash)
}

/**
 * Whether `value` is an absolute http(s) URL with a host and no whitespace:
 * what the entry schema accepts (`^https?://[^\s]+$`) and what the checker can request.
 */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false
  try {
    return new URL(value).hostname !== ''
  } catch {
    return false
  }
}
