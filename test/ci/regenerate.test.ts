import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {copyList, projectRoot, runCli} from '../support/cli.js'
import {git} from '../support/git.js'
import {npmShim} from './npm-shim.js'

// Two contributors add an entry each to the same section, as pull requests
// that carry the entry file only. Both merge into main without conflict, and
// the very script of readme.yml then rebuilds main's READMEs with both and
// pushes them. On temporary git repositories; `npm` is a stand-in that runs
// the CLI from source.

const exec = promisify(execFile)
const readmeWorkflow = parse(
  await readFile(path.join(projectRoot, '.github/workflows/readme.yml'), 'utf8')
) as {jobs: Record<string, {steps: Array<{name?: string; run?: string}>}>}
const regenerate = readmeWorkflow.jobs['regenerate']!.steps.find(step =>
  step.name?.startsWith('Rebuild the READMEs')
)!.run!

let work: string
let repo: string
let origin: string
let bin: string
let cleanup: () => Promise<void>

const entry = (name: string, added: string) =>
  `name: ${name}\nurl: https://github.com/example/${name.toLowerCase()}\ncontributor: example\ndescription:\n  en: ${name} plans.\n  zh: ${name} 会规划。\nadded: ${added}\n`

/** Run readme.yml's script as the runner does (`bash -e`), in `cwd`. */
async function runRegenerate(
  cwd: string
): Promise<{code: number; stdout: string; summary: string}> {
  const summary = path.join(work, 'summary.md')
  await writeFile(summary, '')
  try {
    const {stdout} = await exec(
      'bash',
      ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', regenerate],
      {
        cwd,
        env: {
          PATH: `${bin}:${process.env['PATH']}`,
          HOME: work,
          GIT_CONFIG_NOSYSTEM: '1',
          GITHUB_ACTIONS: 'true',
          GITHUB_STEP_SUMMARY: summary
        }
      }
    )
    return {code: 0, stdout, summary: await readFile(summary, 'utf8')}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    throw new Error(
      `readme.yml's script failed (${failed.code}):\n${failed.stdout}\n${failed.stderr}`
    )
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'regenerate-'))
  ;({dir: repo, cleanup} = await copyList())
  bin = await npmShim(work)
  expect((await runCli(repo, ['build-readme'])).code).toBe(0)
  origin = path.join(work, 'origin.git')
  git(work, 'init', '--quiet', '--bare', '--initial-branch=main', origin)
  git(repo, 'init', '--quiet', '--initial-branch=main')
  git(repo, 'add', '--all')
  git(repo, 'commit', '--quiet', '-m', 'list')
  git(repo, 'remote', 'add', 'origin', origin)
  git(repo, 'push', '--quiet', 'origin', 'main')
  // Two pull requests from the same main, each adding one entry file to `agent`, nothing else.
  for (const [branch, name, added] of [
    ['alpha', 'Alpha', '2025-06-01'],
    ['beta', 'Beta', '2025-06-02']
  ] as const) {
    git(repo, 'checkout', '--quiet', '-b', branch, 'main')
    await writeFile(path.join(repo, `entries/agent/${branch}.yaml`), entry(name, added))
    git(repo, 'add', '--all')
    git(repo, 'commit', '--quiet', '-m', `Add ${name}`)
  }
  git(repo, 'checkout', '--quiet', 'main')
}, 120_000)

afterAll(async () => {
  await cleanup()
  await rm(work, {recursive: true, force: true})
})

// Each step starts the CLI from source in a new process: slow on a loaded machine.
describe('two entry-only pull requests to the same section', {timeout: 120_000}, () => {
  it('both merge into main without conflict', () => {
    git(repo, 'merge', '--quiet', '--no-ff', '-m', 'Merge alpha', 'alpha')
    git(repo, 'merge', '--quiet', '--no-ff', '-m', 'Merge beta', 'beta')
    expect(git(repo, 'diff', '--name-only', 'HEAD~2', 'HEAD')).toBe(
      'entries/agent/alpha.yaml\nentries/agent/beta.yaml\n'
    )
    git(repo, 'push', '--quiet', 'origin', 'main')
  })

  it('readme.yml then rebuilds both READMEs with both entries and pushes them to main', async () => {
    // A fresh checkout of main, as the workflow's runner has.
    const runner = path.join(work, 'runner')
    git(work, 'clone', '--quiet', origin, runner)
    // A stray file in the workspace is not the workflow's to commit.
    await writeFile(path.join(runner, 'stray.txt'), 'left by another step\n')
    const result = await runRegenerate(runner)
    expect(result.summary).toMatch(/^Committed the regenerated READMEs: +2 files changed/)

    const head = git(origin, 'log', '-1', '--format=%s', 'main')
    expect(head).toMatch(/^Regenerate the READMEs from [0-9a-f]{7,}\n$/)
    expect(git(origin, 'diff', '--name-only', 'main~1', 'main')).toBe(
      'README.md\nREADME.zh-CN.md\n'
    )
    const en = git(origin, 'show', 'main:README.md')
    const zh = git(origin, 'show', 'main:README.zh-CN.md')
    expect(en).toContain('| example | [Alpha](https://github.com/example/alpha) | Alpha plans. |')
    expect(en).toContain('| example | [Beta](https://github.com/example/beta) | Beta plans. |')
    expect(zh).toContain('| example | [Alpha](https://github.com/example/alpha) | Alpha 会规划。 |')
    expect(zh).toContain('| example | [Beta](https://github.com/example/beta) | Beta 会规划。 |')
    // What was pushed is exactly what build-readme --check accepts.
    expect((await runCli(runner, ['build-readme', '--check'])).code).toBe(0)

    // Run again on the result: nothing to commit, nothing pushed.
    const again = await runRegenerate(runner)
    expect(again.summary).toBe('The READMEs are up to date.\n')
    expect(git(origin, 'log', '-1', '--format=%s', 'main')).toBe(head)
  })

  it('whereas pull requests that commit regenerated READMEs conflict (why they no longer do)', async () => {
    for (const branch of ['alpha', 'beta']) {
      git(repo, 'checkout', '--quiet', branch)
      expect((await runCli(repo, ['build-readme'])).code).toBe(0)
      git(repo, 'commit', '--quiet', '--all', '-m', 'Rebuild the READMEs')
    }
    git(repo, 'checkout', '--quiet', '-b', 'old-way', 'main~2')
    git(repo, 'merge', '--quiet', '--no-ff', '-m', 'Merge alpha', 'alpha')
    expect(() => git(repo, 'merge', '--quiet', '--no-ff', '-m', 'Merge beta', 'beta')).toThrow()
    expect(git(repo, 'diff', '--name-only', '--diff-filter=U')).toBe('README.md\nREADME.zh-CN.md\n')
    git(repo, 'merge', '--abort')
  })
})
