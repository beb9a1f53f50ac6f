import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterEach, describe, expect, it} from 'vitest'

const script = path.join(
  import.meta.dirname,
  '..',
  '..',
  '.github',
  'scripts',
  'link-health-pr.mjs'
)
const run = promisify(execFile)

let dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.map(dir => rm(dir, {recursive: true, force: true})))
  dirs = []
})

/** Run the script the way the workflow does, on a report given as JSON and Markdown. */
async function texts(
  json: unknown,
  markdown: string | undefined,
  env: Record<string, string> = {}
) {
  const dir = await mkdtemp(path.join(tmpdir(), 'link-health-'))
  dirs.push(dir)
  const jsonFile = path.join(dir, 'link-report.json')
  const markdownFile = path.join(dir, 'link-report.md')
  if (json !== undefined)
    await writeFile(jsonFile, typeof json === 'string' ? json : JSON.stringify(json))
  if (markdown !== undefined) await writeFile(markdownFile, markdown)
  const output = path.join(dir, 'github-output')
  await writeFile(output, '')
  const {stdout} = await run(process.execPath, [script, jsonFile, markdownFile, dir], {
    env: {PATH: process.env['PATH'] ?? '', REPORT_DATE: '2025-06-02', GITHUB_OUTPUT: output, ...env}
  })
  return {
    stdout,
    title: (await readFile(path.join(dir, 'pr-title.txt'), 'utf8')).trimEnd(),
    body: await readFile(path.join(dir, 'pr-body.md'), 'utf8'),
    output: await readFile(output, 'utf8')
  }
}

describe('link-health pull request title', () => {
  it('counts the verdicts of one record per URL, in a fixed order, skipping ok', async () => {
    const report = {
      results: [
        {url: 'a', verdict: 'ok'},
        {url: 'b', verdict: 'unverifiable'},
        {url: 'c', verdict: 'redirected'},
        {url: 'd', verdict: 'broken'},
        {url: 'e', verdict: 'broken'},
        {url: 'f', verdict: 'ok', archived: true},
        {url: 'g', verdict: 'redirected', renamed: true}
      ]
    }
    const {title, output} = await texts(report, '# Report\n')
    expect(title).toBe(
      'Link health 2025-06-02: 2 broken, 1 archived, 1 renamed, 2 moved, 1 unverifiable'
    )
    expect(output).toBe(`title=${title}\n`)
  })

  it('reads check-links’ summary: confirmed dead links, not every failure, make the headline', async () => {
    const report = {
      version: 1,
      summary: {
        total: 412,
        byVerdict: {ok: 398, redirected: 3, unverifiable: 5, broken: 4, unreachable: 2},
        dead: 1,
        warnings: 2,
        skipped: 0
      },
      links: []
    }
    expect((await texts(report, '')).title).toBe(
      'Link health 2025-06-02: 1 dead, 3 moved, 5 unverifiable'
    )
  })

  it('takes ready counts when the report has them', async () => {
    expect((await texts({summary: {ok: 400, dead: 3, archived: 2, total: 405}}, '')).title).toBe(
      'Link health 2025-06-02: 3 dead, 2 archived'
    )
    expect((await texts({counts: {ok: 1, unreachable: 1, 'rate-limited': 4}}, '')).title).toBe(
      'Link health 2025-06-02: 1 unreachable, 4 rate-limited'
    )
  })

  it('accepts a bare array of records with `status`', async () => {
    expect((await texts([{status: 'broken'}, {status: 'ok'}], '')).title).toBe(
      'Link health 2025-06-02: 1 broken'
    )
  })

  it('says so when everything is fine (only the status file changed)', async () => {
    expect((await texts({results: [{verdict: 'ok'}]}, '')).title).toBe(
      'Link health 2025-06-02: no problems found'
    )
  })

  it('still gives a title, and a warning, when the JSON report is missing or broken', async () => {
    const missing = await texts(undefined, '# Report\n')
    expect(missing.title).toBe('Link health 2025-06-02: see the report')
    expect(missing.stdout).toContain('::warning title=Link report::Cannot read')
    expect((await texts('{not json', '')).title).toBe('Link health 2025-06-02: see the report')
  })
})

describe('link-health pull request body', () => {
  it('is the Markdown report with a footer linking the run', async () => {
    const {body} = await texts(
      {results: []},
      '## Dead\n\n- https://example.org/gone (404) in `entries/agent/gone.yaml`\n',
      {
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'owner/list',
        GITHUB_RUN_ID: '42'
      }
    )
    expect(
      body.startsWith(
        '## Dead\n\n- https://example.org/gone (404) in `entries/agent/gone.yaml`\n\n---\n\nOpened by the link-health workflow ([run](https://github.com/owner/list/actions/runs/42)).'
      )
    ).toBe(true)
  })

  it('says when there is no Markdown report', async () => {
    expect((await texts({results: []}, undefined)).body).toMatch(
      /^_The link checker wrote no Markdown report._\n/
    )
  })

  it('is cut at a line break below GitHub’s size limit, pointing to the full report', async () => {
    const line = `- ${'x'.repeat(97)}\n`
    const {body} = await texts({results: []}, line.repeat(1000))
    expect(body.length).toBeLessThan(65_536)
    const [report] = body.split('\n\n…the report is longer')
    expect(report!.split('\n').every(row => row === line.trimEnd())).toBe(true)
    expect(body).toContain("the full report is in the run's `link-health` artifact")
  })
})
