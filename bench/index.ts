import {existsSync} from 'node:fs'
import path from 'node:path'
import {benchReadme} from './readme.js'

// `npm run bench [readme|links|site]`: the benchmarks, printing figures (no
// assertions: machines are noisy). With no argument, all of them.
const only = process.argv[2]
if (only === undefined || only === 'readme') {
  console.log('== README build ==')
  await benchReadme()
}

// The link-checker benchmark lives beside this one once it exists.
const links = path.join(import.meta.dirname, 'links.js')
if ((only === undefined || only === 'links') && existsSync(links)) {
  console.log('\n== Link checker ==')
  const {benchLinks} = (await import(links)) as {benchLinks: () => Promise<void>}
  await benchLinks()
}

// The website: build time, transfer size, search timings in Chromium.
const site = path.join(import.meta.dirname, 'site.js')
if ((only === undefined || only === 'site') && existsSync(site)) {
  console.log('\n== Website ==')
  const {benchSite} = (await import(site)) as {benchSite: () => Promise<void>}
  await benchSite()
}
