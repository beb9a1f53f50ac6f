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
// contributor's branch adds an entry with mistakes (as if through GitHub's web
// editor: the YAML file only, no build), and the very shell steps of ci.yml
// run against it. `npm` is a stand-in that runs the CLI from source, so the
// test needs no build and no network.

const exec = promisify(execFile)
const fixture = path.join(import.meta.dirname, '..', 'scaffold', 'fixtures', 'list')
const ciJobs = (
  parse(await readFile(path.join(projectRoot, '.github/workflows/ci.yml'), 'utf8')) as {
    jobs: Record<string, {steps: Array<{id?: string; name?: string; run?: string}>}>
  }
).jobs
const ciSteps = [...ciJobs['entries']!.steps, ...ciJobs['changes']!.steps]

function step(name: string): string {
  const found = ciSteps.find(s => s.name === name || s.id === name)
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
): Promise<{code: number; stdout: string; stderr: string; summary: string; output: string}> {
  const temp = await mkdtemp(path.join(tmpdir(), 'runner-'))
  const summaryFile = path.join(temp, 'summary.md')
  await writeFile(summaryFile, '')
  const stepEnv = {
    PATH: `${bin}:${process.env['PATH']}`,
    RUNNER_TEMP: env['RUNNER_TEMP'] ?? temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_EVENT_NAME: 'pull_request',
    EVENT: 'pull_request',
    BASE_REF: 'main',
    ...env
  }
  try {
    const {stdout, stderr} = await exec('bash', ['--noprofile', '--norc', '-e', '-c', script], {
      cwd: repo,
      env: stepEnv
    })
    return {
      code: 0,
      stdout,
      stderr,
      summary: await readFile(summaryFile, 'utf8'),
      output: await readFile(path.join(temp, 'output'), 'utf8').catch(() => '')
    }
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {
      code: failed.code,
      stdout: failed.stdout,
      stderr: failed.stderr,
      summary: await readFile(summaryFile, 'utf8'),
      output: ''
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
  // What actions/checkout fetches: the base branch as `origin/main`.
  await git('update-ref', 'refs/remotes/origin/main', 'main')
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

// Each step starts the CLI from source in a new process: slow on a loaded machine.
describe('ci.yml on a pull request with mistakes', {timeout: 120_000}, () => {
  it('annotates each problem at its file, line and column', async () => {
    const result = await runStep(step('Validate entries'), {})
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
      await runStep(step('Validate entries'), {RUNNER_TEMP: temp})
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

  it('after the fix: validation passes, the summary shows the rows, and the READMEs need no rebuild', async () => {
    await writeFile(
      path.join(repo, 'entries/agent/helper.yaml'),
      '# yaml-language-server: $schema=../../schema/entry.schema.json\n\nname: Helper\nurl: https://github.com/example/helper\ndescription: Helps *a lot*.\nadded: 2025-06-01\n'
    )
    await git('commit', '--quiet', '--all', '-m', 'Fix Helper')
    expect((await runStep(step('Validate entries'), {})).code).toBe(0)
    const preview = await runStep(
      step('Show the README rows of the changed entries in the job summary'),
      {}
    )
    expect(preview.code).toBe(0)
    expect(preview.summary).toContain('#### `entries/agent/helper.yaml` (added) → Agent / 智能体')
    expect(preview.summary).toContain(
      '| [Helper](https://github.com/example/helper) | Helps *a lot*. |'
    )
    // An entry-only change passes although the READMEs were not regenerated.
    const generated = await runStep(step('Check that the generated READMEs were not edited'), {})
    expect(generated).toMatchObject({
      code: 0,
      stdout: 'README.md, README.zh-CN.md untouched since origin/main\n'
    })
    expect(await git('diff', '--name-only', 'main')).toBe('entries/agent/helper.yaml\n')
    // And the full test suite is not needed for it.
    expect((await runStep(step('diff'), {})).output).toBe('toolchain=false\n')
  })

  it('fails on a README edited by hand, saying to edit the entry file instead', async () => {
    const readme = path.join(repo, 'README.md')
    const original = await readFile(readme, 'utf8')
    await writeFile(readme, `${original}| x | [Mine](https://example.org/mine) | added by hand |\n`)
    await git('commit', '--quiet', '--all', '-m', 'Edit the README by hand')
    try {
      const result = await runStep(step('Check that the generated READMEs were not edited'), {})
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        '::error file=README.md,line=1,col=1,title=generated-file-edited::`README.md` is generated from the entry files and was modified on this branch; edit the entry file instead'
      )
    } finally {
      await git('reset', '--quiet', '--hard', 'HEAD~1')
    }
  })

  it('runs the full test suite when the toolchain changes', async () => {
    await writeFile(path.join(repo, 'package.json'), '{}\n')
    await git('add', '--all')
    await git('commit', '--quiet', '-m', 'Touch the toolchain')
    try {
      expect((await runStep(step('diff'), {})).output).toBe('toolchain=true\n')
      expect((await runStep(step('diff'), {EVENT: 'push'})).output).toBe('toolchain=true\n')
    } finally {
      await git('reset', '--quiet', '--hard', 'HEAD~1')
    }
    // The guides too: the tests run the commands they show.
    await writeFile(path.join(repo, 'CONTRIBUTING.zh-CN.md'), '# 贡献指南\n')
    await git('add', '--all')
    await git('commit', '--quiet', '-m', 'Touch a guide')
    try {
      expect((await runStep(step('diff'), {})).output).toBe('toolchain=true\n')
    } finally {
      await git('reset', '--quiet', '--hard', 'HEAD~1')
    }
  })

  // The changed-links check itself is tested end to end in test/cli/pull-request-e2e.test.ts.
})
