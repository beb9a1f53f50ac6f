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
