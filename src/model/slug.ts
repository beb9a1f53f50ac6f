/**
 * The shape of a section id or entry slug: lowercase ASCII letters and digits
 * joined by single hyphens. They name files and anchors, so nothing else is
 * safe in them. `schema/section.schema.json` repeats it for editors.
 */
export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Whether `value` may be a section id or an entry slug. */
export function isSlug(value: string): boolean {
  return slugPattern.test(value)
}

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
