import {spawnSync} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {cpus, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {gzipSync} from 'node:zlib'
import {chromium} from 'playwright-core'
import {findChromium, serveSite} from '../test/helpers/static-site.js'

const root = path.join(import.meta.dirname, '..', '..')
const cli = path.join(root, 'dist', 'cli.js')

/** Budgets from issue 14: what a first visit downloads, and how long a search takes. */
const budgets = {transferKb: 300, firstResultsMs: 1000, keystrokeMs: 100}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const verdict = (value: number, budget: number) =>
  value <= budget ? 'within budget' : 'OVER BUDGET'

/**
 * `build-site` on the real list: build time; the bytes a first visit to each
 * locale's page transfers (HTML, CSS, JS, search index; gzip as GitHub Pages
 * serves them); and, in Chromium when there is one, the time from navigation
 * to the first search results and the time each keystroke's search takes.
 */
export async function benchSite(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-site-'))
  const out = path.join(dir, 'site')
  try {
    // Timings on a shared machine say little without its load; print it with them.
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map(load => load.toFixed(1))
        .join(' ')}`
    )
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const start = performance.now()
      const result = spawnSync(process.execPath, [cli, 'build-site', '--out', out], {
        cwd: root,
        encoding: 'utf8'
      })
      times.push(performance.now() - start)
      if (result.status !== 0) throw new Error(`build-site failed:\n${result.stderr}`)
    }
    console.log(
      `build-site, real list, whole process: median ${median(times).toFixed(0)} ms of 5 runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`
    )

    for (const page of ['index.html', 'zh/index.html']) {
      const files = [page, 'assets/site.css', 'assets/site.js', 'assets/search.json']
      const sizes = await Promise.all(
        files.map(async file => {
          const content = await readFile(path.join(out, file))
          return {file, raw: content.length, gzip: gzipSync(content).length}
        })
      )
      const total = sizes.reduce((sum, size) => sum + size.gzip, 0) / 1024
      console.log(
        `first visit to ${page}: ${total.toFixed(1)} KB gzipped (${sizes.map(s => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB of ${(s.raw / 1024).toFixed(0)} KB`).join(', ')}); budget ${budgets.transferKb} KB: ${verdict(total, budgets.transferKb)}`
      )
    }

    const executablePath = findChromium()
    if (!executablePath) {
      console.log('search timings skipped: no Chromium found (set CHROME_PATH)')
      return
    }
    const server = await serveSite(out)
    const browser = await chromium.launch({executablePath, args: ['--no-sandbox']})
    try {
      const firsts: number[] = []
      const keystrokes: number[] = []
      for (let run = 0; run < 5; run++) {
        const context = await browser.newContext({viewport: {width: 1280, height: 900}})
        const page = await context.newPage()
        // A shared link with a query: navigation start to the first filtered list on screen.
        await page.goto(`${server.origin()}/zh/?q=llama`)
        // Expressions as strings: the bundled benchmark's functions would carry its minifier's helpers.
        await page.waitForFunction("performance.getEntriesByName('first-results').length > 0")
        firsts.push(
          (await page.evaluate(
            "performance.getEntriesByName('first-results')[0].startTime"
          )) as number
        )
        // Typing: each keystroke's search, from the input event to the list updated.
        await page.fill('#f-q', '')
        await page.evaluate("performance.clearMeasures('search')")
        await page.locator('#f-q').pressSequentially('instruction 对齐', {delay: 30})
        await page.waitForFunction(
          "new URL(location.href).searchParams.get('q') === 'instruction 对齐'"
        )
        keystrokes.push(
          ...((await page.evaluate(
            "performance.getEntriesByName('search').map(entry => entry.duration)"
          )) as number[])
        )
        await context.close()
      }
      const first = median(firsts)
      const keystroke = median(keystrokes)
      const sorted = [...keystrokes].sort((a, b) => a - b)
      const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN
      const worst = Math.max(...keystrokes)
      console.log(
        `navigation to first search results (zh page, ?q=llama): median ${first.toFixed(0)} ms of 5 (min ${Math.min(...firsts).toFixed(0)}, max ${Math.max(...firsts).toFixed(0)}); budget ${budgets.firstResultsMs} ms: ${verdict(first, budgets.firstResultsMs)}`
      )
      console.log(
        `search per keystroke (${keystrokes.length} keystrokes): median ${keystroke.toFixed(1)} ms, 95th percentile ${p95.toFixed(1)} ms, max ${worst.toFixed(1)} ms; budget ${budgets.keystrokeMs} ms at the 95th percentile: ${verdict(p95, budgets.keystrokeMs)}`
      )
    } finally {
      await browser.close()
      await server.close()
    }
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}
