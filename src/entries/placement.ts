import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {fileStart} from '../diagnostics/diagnostic.js'
import {slugify} from '../model/slug.js'
import type {Entry, Section} from '../model/types.js'

/** An entry's file name (its slug): lowercase ASCII words joined by hyphens, like a section's folder. */
const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A file name that is not lowercase letters, digits and hyphens, with the name to use instead. */
export function checkFileName(file: string, slug: string): Diagnostic | undefined {
  if (slugPattern.test(slug)) return undefined
  const suggested = slugify(slug)
  const folder = file.slice(0, file.lastIndexOf('/') + 1)
  return {
    file,
    ...fileStart,
    severity: 'error',
    ruleId: 'bad-file-name',
    message: `Invalid file name \`${slug}.yaml\`; expected lowercase letters, digits and hyphens${
      suggested === '' ? '' : `: rename it to \`${folder}${suggested}.yaml\``
    }`
  }
}

/**
 * Entries in a section that renders no table (it has no `columns`, it only
 * groups subsections): they would validate and appear in no README. Names the
 * subsections that show a table, where the entry can go instead.
 */
export function checkEntriesShown(
  entries: readonly Entry[],
  sections: ReadonlyMap<string, Section>
): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const entry of entries) {
    const section = sections.get(entry.section)
    if (!section || section.columns.length > 0) continue
    const targets = tabledDescendants(section.id, sections)
    diagnostics.push({
      file: entry.file,
      ...fileStart,
      severity: 'error',
      ruleId: 'section-without-table',
      message: `Section \`${section.id}\` shows no table (it only groups subsections), so this entry would appear in no README; ${
        targets.length > 0
          ? `move the file into one of its subsections: ${targets.map(id => `\`entries/${id}/\``).join(', ')}`
          : `give \`entries/${section.id}/_section.yaml\` a \`columns\` list, or move the file into another section`
      }`
    })
  }
  return diagnostics
}

/** Subsections (at any depth) of `id` that render a table, in `order`. */
function tabledDescendants(
  id: string,
  sections: ReadonlyMap<string, Section>,
  seen = new Set([id])
): string[] {
  // `seen`: a cycle of parents is reported elsewhere; here it must only not loop.
  const children = [...sections.values()]
    .filter(section => section.parent === id && !seen.has(section.id))
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
  for (const child of children) seen.add(child.id)
  return children.flatMap(child => [
    ...(child.columns.length > 0 ? [child.id] : []),
    ...tabledDescendants(child.id, sections, seen)
  ])
}
