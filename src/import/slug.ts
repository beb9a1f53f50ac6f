/**
 * A file-name-safe id from a name: ASCII letters and digits joined by hyphens
 * (`Tülu` → `tulu`, `Framework/ToolKit` → `framework-toolkit`).
 */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
}

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
