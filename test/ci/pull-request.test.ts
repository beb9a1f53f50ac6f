import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {copyList, projectRoot, runCli} from '../support/cli.js'
import {npmShim} from './npm-shim.js'

// The pull-request side of CI, end to end on a temporary git repository: a
// contributor's branch adds an entry with mistakes, and the very shell steps
// of ci.yml run against it. `npm` is a stand-in that runs the CLI from source,
// so the test needs no build and no network.

const exec = promisify(execFile)
const fixture = path.join(import.meta.dirname, '..', 'scaffold', 'fixtures', 'list')
const ciSteps = (
  parse(await readFile(path.join(projectRoot, '.github/workflows/ci.yml'), 'utf8')) as {
    jobs: Record<string, {steps: Array<{id?: string; name?: string; run?: string}>}>
  }
).jobs['test']!.steps

function step(name: string): string {
  const found = ciSteps.find(s => s.name === name)
  if (!found?.run) throw new Error(`ci.yml has no step \`${name}\``)
  return found.run
}

let repo: string
let bin: string
let cleanup: () => Promise<void>

async function git(...args: string[]): Promise<string> {
  return (
    await exec('git', args, {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.org',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.org'
      }
    })
  ).stdout
}

/** Run one step's script as the runner does (`bash -e`), with the runner's files and variables. */
async function runStep(
  script: string,
  env: Record<string, string>
): Promise<{code: number; stdout: string; stderr: string; summary: string}> {
  const temp = await mkdtemp(path.join(tmpdir(), 'runner-'))
  const summaryFile = path.join(temp, 'summary.md')
  await writeFile(summaryFile, '')
  const stepEnv = {
    PATH: `${bin}:${process.env['PATH']}`,
    RUNNER_TEMP: env['RUNNER_TEMP'] ?? temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_STEP_SUMMARY: summaryFile,
    ...env
  }
  try {
    const {stdout, stderr} = await exec('bash', ['--noprofile', '--norc', '-e', '-c', script], {
      cwd: repo,
      env: stepEnv
    })
    return {code: 0, stdout, stderr, summary: await readFile(summaryFile, 'utf8')}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {
      code: failed.code,
      stdout: failed.stdout,
      stderr: failed.stderr,
      summary: await readFile(summaryFile, 'utf8')
    }
  } finally {
    if (!env['RUNNER_TEMP']) await rm(temp, {recursive: true, force: true})
  }
}

beforeAll(async () => {
  ;({dir: repo, cleanup} = await copyList(undefined, fixture))
  bin = await npmShim(repo)
  await writeFile(path.join(repo, '.gitignore'), '.bin/\n')
  expect((await runCli(repo, ['build-readme'])).code).toBe(0)
  await git('init', '--quiet', '--initial-branch=main')
  await git('add', '--all')
  await git('commit', '--quiet', '-m', 'list')
  await git('checkout', '--quiet', '-b', 'contributor')
  // The contributor's change: a new entry with two mistakes, READMEs not rebuilt.
  await writeFile(
    path.join(repo, 'entries/agent/helper.yaml'),
    '# yaml-language-server: $schema=../../schema/entry.schema.json\n\nname: Helper\nurl: https://github.com/example/helper\nhomepage: https://example.org\ndescription: Helps <b>a lot</b>.\nadded: 2025-06-01\n'
  )
  await git('add', '--all')
  await git('commit', '--quiet', '-m', 'Add Helper')
}, 60_000)

afterAll(() => cleanup())

describe('ci.yml on a pull request with mistakes', () => {
  it('annotates each problem at its file, line and column', async () => {
    const result = await runStep(step('Validate entries'), {ANNOTATE: 'true'})
    expect(result.code).toBe(1)
    const annotations = result.stdout.split('\n').filter(line => line.startsWith('::'))
    expect(annotations).toEqual([
      // The list of expected fields is the schema's business; the place and the rule are this test's.
      expect.stringMatching(
        /^::error file=entries\/agent\/helper\.yaml,line=5,col=1,title=unknown-field::Unknown field `homepage`; expected one of: `name`, /
      ),
      '::error file=entries/agent/helper.yaml,line=6,col=20,title=raw-html::Raw HTML `<b>` is not allowed; use Markdown (a new line for a line break, `[text](url)` for a link)',
      '::error file=entries/agent/helper.yaml,line=6,col=28,title=raw-html::Raw HTML `</b>` is not allowed; use Markdown (a new line for a line break, `[text](url)` for a link)'
    ])
  })

  it('writes every problem to the job summary, without the workflow commands', async () => {
    const temp = await mkdtemp(path.join(tmpdir(), 'runner-'))
    try {
      await runStep(step('Validate entries'), {ANNOTATE: 'true', RUNNER_TEMP: temp})
      const {summary} = await runStep(step('Write every validation problem to the job summary'), {
        RUNNER_TEMP: temp
      })
      expect(summary).toMatch(
        /^### `npm run validate`\n\n~~~text\nentries\/agent\/helper\.yaml:5:1: error Unknown field `homepage`/
      )
      expect(summary).toContain(
        '\nentries/agent/helper.yaml:6:28: error Raw HTML `</b>` is not allowed'
      )
      expect(summary).toMatch(/\n3 errors, 0 warnings\n~~~\n$/)
      expect(summary).not.toMatch(/^::/m)
    } finally {
      await rm(temp, {recursive: true, force: true})
    }
  })

  it('annotates from one leg of the matrix only', async () => {
    const result = await runStep(step('Validate entries'), {ANNOTATE: 'false'})
    expect(result.code).toBe(1)
    expect(result.stdout).not.toMatch(/^::/m)
    expect(result.stdout).toContain('entries/agent/helper.yaml:5:1: error Unknown field `homepage`')
  })

  it('after the fix: validation passes, and the README check names the command to run', async () => {
    await writeFile(
      path.join(repo, 'entries/agent/helper.yaml'),
      '# yaml-language-server: $schema=../../schema/entry.schema.json\n\nname: Helper\nurl: https://github.com/example/helper\ndescription: Helps *a lot*.\nadded: 2025-06-01\n'
    )
    expect((await runStep(step('Validate entries'), {ANNOTATE: 'true'})).code).toBe(0)
    const stale = await runStep(step('Check that the READMEs were regenerated'), {})
    expect(stale.code).toBe(1)
    expect(stale.stderr).toBe(
      'README.md is out of date with entries/ and templates/\nREADME.zh-CN.md is out of date with entries/ and templates/\nRun `npm run build-readme` and commit the result.\n'
    )
    expect((await runCli(repo, ['build-readme'])).code).toBe(0)
    expect((await runStep(step('Check that the READMEs were regenerated'), {})).code).toBe(0)
    await git('add', '--all')
    expect(await git('diff', '--cached', '--name-only', 'main')).toBe(
      'README.md\nREADME.zh-CN.md\nentries/agent/helper.yaml\n'
    )
  })

  // The changed-links check itself is tested end to end in test/cli/pull-request-e2e.test.ts.
})
