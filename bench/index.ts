import {existsSync} from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {benchReadme} from './readme.js'

// `npm run bench [readme|links|site]…`: the benchmarks, printing figures (no
// assertions: machines are noisy). With no name, all of them.
const benchmarks = ['readme', 'links', 'site'] as const
type Benchmark = (typeof benchmarks)[number]

// `--full-list` and `--scale` run one part of the link benchmark (`npm run bench -- links --full-list`).
const {positionals, values} = parseArgs({
  allowPositionals: true,
  options: {'full-list': {type: 'boolean'}, scale: {type: 'boolean'}}
})
const linkPart = values['full-list'] ? 'full-list' : values.scale ? 'scale' : 'all'
const unknown = positionals.filter(name => !(benchmarks as readonly string[]).includes(name))
const wanted = (name: Benchmark) => positionals.length === 0 || positionals.includes(name)

if (unknown.length > 0) {
  console.error(
    `bench: unknown benchmark ${unknown.map(name => `\`${name}\``).join(', ')}; expected ${benchmarks.map(name => `\`${name}\``).join(' or ')}`
  )
  process.exitCode = 2
} else {
  if (wanted('readme')) {
    console.log('== README build ==')
    await benchReadme()
  }
  // Imported when asked for, from its own bundle: links.js also runs alone as the memory benchmark's child process.
  const links = path.join(import.meta.dirname, 'links.js')
  if (wanted('links') && existsSync(links)) {
    console.log('\n== Link checker ==')
    const {benchLinks} = (await import(links)) as {
      benchLinks: (part: typeof linkPart) => Promise<void>
    }
    await benchLinks(linkPart)
  }
  // The website: build time, transfer size, search timings in Chromium.
  const site = path.join(import.meta.dirname, 'site.js')
  if (wanted('site') && existsSync(site)) {
    console.log('\n== Website ==')
    const {benchSite} = (await import(site)) as {benchSite: () => Promise<void>}
    await benchSite()
  }
}
