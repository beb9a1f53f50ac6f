import {existsSync} from 'node:fs'
import path from 'node:path'
import {benchReadme} from './readme.js'

// `npm run bench`: every benchmark, printing figures (no assertions: machines are noisy).
console.log('== README build ==')
await benchReadme()

// The link-checker benchmark lives beside this one once it exists.
const links = path.join(import.meta.dirname, 'links.js')
if (existsSync(links)) {
  console.log('\n== Link checker ==')
  const {benchLinks} = (await import(links)) as {benchLinks: () => Promise<void>}
  await benchLinks()
}
