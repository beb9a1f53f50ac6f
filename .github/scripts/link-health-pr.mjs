#!/usr/bin/env node
// The title and body of the link-health pull request, from check-links' reports.
//
//   node .github/scripts/link-health-pr.mjs <report.json> <report.md> <out-dir>
//
// Writes <out-dir>/pr-title.txt and <out-dir>/pr-body.md, and `title=…` to
// $GITHUB_OUTPUT when set. Plain Node (no build, no dependencies) so the
// workflow can run it before anything else is installed. The date is the
// run's UTC date, or REPORT_DATE (YYYY-MM-DD) when given.
import {appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import process from 'node:process'

/** GitHub refuses pull-request bodies above 65,536 characters; keep room for the footer. */
const maxBody = 60_000

/** Verdicts and repository facts in title order, with the word the title uses. */
const labels = [
  ['dead', 'dead'],
  ['broken', 'broken'],
  ['unreachable', 'unreachable'],
  ['deleted', 'deleted'],
  ['disabled', 'disabled'],
  ['archived', 'archived'],
  ['renamed', 'renamed'],
  ['redirected', 'moved'],
  ['moved', 'moved'],
  ['unverifiable', 'unverifiable']
]
/** Not worth a word in the title. */
const quiet = new Set(['ok', 'cached', 'excluded', 'total', 'checked', 'urls', 'warnings', 'skipped', 'requests'])

const [jsonFile, markdownFile, outDir] = process.argv.slice(2)
if (!jsonFile || !markdownFile || !outDir) {
  process.stderr.write('usage: link-health-pr.mjs <report.json> <report.md> <out-dir>\n')
  process.exit(2)
}

const date = process.env.REPORT_DATE || new Date().toISOString().slice(0, 10)
const counts = readCounts(jsonFile)
const title = `Link health ${date}: ${describe(counts)}`

let report = existsSync(markdownFile) ? readFileSync(markdownFile, 'utf8').trim() : '_The link checker wrote no Markdown report._'
const runUrl =
  process.env.GITHUB_SERVER_URL && process.env.GITHUB_REPOSITORY && process.env.GITHUB_RUN_ID
    ? `${process.env.GITHUB_SERVER_URL}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
    : undefined
if (report.length > maxBody) {
  // Cut at a line break so no table row or link is left half-written.
  report = `${report.slice(0, report.lastIndexOf('\n', maxBody))}\n\n…the report is longer than a pull request can show: the full report is in the run's \`link-health\` artifact${runUrl ? ` and [summary](${runUrl})` : ''}.`
}
const footer = [
  '---',
  `Opened by the link-health workflow${runUrl ? ` ([run](${runUrl}))` : ''}. It applied what it could (renamed repositories, permanent redirects) and regenerated the READMEs; entries reported dead or archived need a person: edit or remove them on this branch, or in a pull request of your own.`,
  'A pull request opened with `GITHUB_TOKEN` starts no checks on its own; the workflow starts CI on this branch itself (see docs/ci.md).'
].join('\n\n')

mkdirSync(outDir, {recursive: true})
writeFileSync(path.join(outDir, 'pr-title.txt'), `${title}\n`)
writeFileSync(path.join(outDir, 'pr-body.md'), `${report}\n\n${footer}\n`)
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `title=${title}\n`)
process.stdout.write(`${title}\n`)

/**
 * Counts per verdict from the JSON report: ready in `summary` (check-links:
 * `byVerdict` and `dead`) or `counts`, or tallied from one record per URL
 * with a `verdict` (or `status`); a record may also say `archived: true`.
 */
function readCounts(file) {
  let data
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    process.stdout.write(`::warning title=Link report::Cannot read ${file} (${error.code ?? error.message}); the title has no counts\n`)
    return undefined
  }
  for (const key of ['summary', 'counts']) {
    const value = data?.[key]
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      // check-links writes {total, byVerdict: {ok, redirected, …}, dead, warnings, skipped}.
      const nested = value.byVerdict && typeof value.byVerdict === 'object' ? value.byVerdict : {}
      const ready = Object.fromEntries(Object.entries({...nested, ...value}).filter(([, n]) => typeof n === 'number'))
      if (Object.keys(ready).length > 0) return ready
    }
  }
  const records = Array.isArray(data) ? data : [data?.results, data?.links, data?.urls, data?.records].find(Array.isArray)
  if (!records) return undefined
  const tally = {}
  for (const record of records) {
    const verdict = typeof record?.verdict === 'string' ? record.verdict : typeof record?.status === 'string' ? record.status : undefined
    if (verdict !== undefined) tally[verdict] = (tally[verdict] ?? 0) + 1
    if (record?.archived === true && verdict !== 'archived') tally.archived = (tally.archived ?? 0) + 1
    if (record?.renamed === true || typeof record?.renamedTo === 'string') tally.renamed = (tally.renamed ?? 0) + 1
  }
  return tally
}

/** "2 broken, 1 archived, 3 moved", or a sentence for none / unknown. */
function describe(counts) {
  if (!counts) return 'see the report'
  // `dead` counts the confirmed failures; broken or unreachable links not yet
  // confirmed are in the report but do not make the headline (no crying wolf).
  if (typeof counts.dead === 'number') counts = Object.fromEntries(Object.entries(counts).filter(([key]) => key !== 'broken' && key !== 'unreachable'))
  const words = new Map()
  const known = new Set(labels.map(([key]) => key))
  for (const [key, word] of labels) {
    if (counts[key] > 0) words.set(word, (words.get(word) ?? 0) + counts[key])
  }
  for (const key of Object.keys(counts).sort()) {
    if (!known.has(key) && !quiet.has(key) && counts[key] > 0) words.set(key, counts[key])
  }
  if (words.size === 0) return 'no problems found'
  return [...words].map(([word, n]) => `${n} ${word}`).join(', ')
}
