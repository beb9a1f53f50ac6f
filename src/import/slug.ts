import {slugify} from '../model/slug.js'

/** A slug from a URL's last meaningful path segment, or its host. */
export function slugFromUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const segments = parsed.pathname.split('/').filter(Boolean)
    return slugify(segments.at(-1) ?? parsed.hostname) || slugify(parsed.hostname)
  } catch {
    return ''
  }
}

/** Make `slug` unique among `taken` by appending -2, -3, …; records it as taken. */
export function uniqueSlug(slug: string, taken: Set<string>): string {
  let candidate = slug
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`
  taken.add(candidate)
  return candidate
}
