import type {EntryHealth, HealthLookup} from '../model/health.js'
import type {ListModel} from '../model/types.js'
import {classifyUrl} from '../repos/classify.js'
import type {StatusFile} from '../status/types.js'

/**
 * The health lookup with each entry's repository license added, from the
 * status file the checker wrote: the renderer shows it where the entry
 * gives no license. Only the main link's repository counts.
 */
export function withFoundLicenses(
  model: ListModel,
  status: StatusFile,
  health: HealthLookup
): HealthLookup {
  const licenses = new Map<string, string>()
  for (const entry of model.entries) {
    if (entry.url === undefined || entry.fields.license !== undefined) continue
    for (const url of typeof entry.url === 'string' ? [entry.url] : Object.values(entry.url)) {
      const ref = classifyUrl(url)
      const license = ref === undefined ? undefined : status.repos[ref.key]?.license
      if (typeof license === 'string') {
        licenses.set(entry.file, license)
        break
      }
    }
  }
  return file => {
    const license = licenses.get(file)
    const known = health(file)
    if (license === undefined) return known
    return {...known, license} satisfies EntryHealth
  }
}
