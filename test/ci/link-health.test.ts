import {chmod, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {copyList, runCli} from '../support/cli.js'
import {git, jobSteps, runStep as stepIn, script} from './steps.js'

// The shell steps of the weekly workflow, run as the runner runs them, on a
// temporary git repository: how check-links' exit code is read, how changes
// travel as a patch from the read-only job to the job that may write, and
// that no change means no pull request.

const fixture = path.join(import.meta.dirname, '..', 'scaffold', 'fixtures', 'list')
const checkSteps = await jobSteps('link-health.yml', 'check')
const prSteps = await jobSteps('link-health-pull-request.yml', 'pull-request')

let temp: string
let cleanups: Array<() => Promise<void>> = []
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'link-health-'))
  cleanups.push(() => rm(temp, {recursive: true, force: true}))
})
afterEach(async () => {
  await Promise.all(cleanups.map(cleanup => cleanup()))
  cleanups = []
})

/** The fixture list as a git repository with its READMEs built and committed. */
async function repository(): Promise<string> {
  const {dir, cleanup} = await copyList(undefined, fixture)
  cleanups.push(cleanup)
  expect((await runCli(dir, ['build-readme'])).code).toBe(0)
  await git(dir, 'init', '--quiet', '--initial-branch=main')
  await git(dir, 'add', '--all')
  await git(dir, 'commit', '--quiet', '-m', 'list')
  return dir
}

const runStep = (cwd: string, run: string, env: Record<string, string> = {}) =>
  stepIn(temp, cwd, run, env)

/** A stand-in `npm` that prints a line and exits with `code`, writing the reports it was asked for. */
async function fakeNpm(code: number, line: string): Promise<string> {
  const bin = path.join(temp, `bin-${code}`)
  await mkdir(bin)
  await writeFile(
    path.join(bin, 'npm'),
    `#!/usr/bin/env bash\nwhile [ $# -gt 0 ]; do case "$1" in --report-md) echo '# Report' > "$2";; --report-json) echo '{}' > "$2";; esac; shift; done\necho ${JSON.stringify(line)}\nexit ${code}\n`
  )
  await chmod(path.join(bin, 'npm'), 0o755)
  return bin
}

describe('the check step', () => {
  const check = checkSteps.find(s => s.id === 'check')!.run!

  it.each([
    [0, 'nothing dead'],
    [1, 'something dead: a result, the run goes on']
  ])('goes on when check-links exits with %i (%s)', async code => {
    const dir = await repository()
    const result = await runStep(dir, check, {
      PATH: `${await fakeNpm(code, '412 links: …')}:${process.env['PATH']}`
    })
    expect(result.code).toBe(0)
    expect(await readFile(path.join(temp, 'runner/link-health/link-report.md'), 'utf8')).toBe(
      '# Report\n'
    )
    expect(await readFile(path.join(temp, 'runner/link-health/check-links.log'), 'utf8')).toBe(
      '412 links: …\n'
    )
  })

  it('fails loudly, with the reason, when check-links cannot be trusted', async () => {
    const dir = await repository()
    const reason =
      'check-links: 97% of 412 links failed at once; the network or an API is down: nothing was marked'
    const result = await runStep(dir, check, {
      PATH: `${await fakeNpm(3, reason)}:${process.env['PATH']}`
    })
    expect(result.code).toBe(3)
    expect(result.stdout).toContain(
      `::error title=Link check aborted::check-links exited with code 3; nothing was marked and no pull request is opened. Its last words: ${reason}\n`
    )
    const summary = await runStep(
      dir,
      script(checkSteps, 'Say in the job summary why the check was aborted')
    )
    expect(summary.summary).toContain(
      `### The link check was aborted\n\nNothing was marked and no pull request was opened. The end of its log:\n\n~~~text\n${reason}\n~~~\n`
    )
  })
})

describe('from the read-only job to the pull request', () => {
  const collect = script(checkSteps, 'Collect the changes')
  const apply = script(prSteps, 'Apply the checked changes')

  it('finds nothing to propose when nothing changed', async () => {
    const dir = await repository()
    const result = await runStep(dir, collect)
    expect(result.code).toBe(0)
    expect(result.output).toBe('changed=false\n')
    expect(result.summary).toBe('Nothing changed: no pull request.\n')
  })

  it('carries edits, new files and the rebuilt READMEs to a fresh checkout as a patch', async () => {
    const dir = await repository()
    // What `--apply` and `build-readme` would leave: a renamed repository, a new status file, new READMEs.
    const entry = path.join(dir, 'entries/agent/autogen.yaml')
    await writeFile(
      entry,
      (await readFile(entry, 'utf8')).replace(
        'github.com/microsoft/autogen',
        'github.com/ag2ai/ag2'
      )
    )
    await writeFile(path.join(dir, 'status.yaml'), '# machine-written\nlinks: {}\n')
    expect((await runCli(dir, ['build-readme'])).code).toBe(0)
    await mkdir(path.join(temp, 'runner/link-health'), {recursive: true})
    const collected = await runStep(dir, collect)
    expect(collected.output).toBe('changed=true\n')

    // The pull-request job: a clean checkout of the same commit, then the patch.
    const fresh = path.join(temp, 'fresh')
    await git(temp, 'clone', '--quiet', dir, fresh)
    expect((await runStep(fresh, apply)).code).toBe(0)
    expect(await git(fresh, 'diff', '--cached', '--name-only')).toBe(
      'README.md\nREADME.zh-CN.md\nentries/agent/autogen.yaml\nstatus.yaml\n'
    )
    for (const file of ['README.md', 'entries/agent/autogen.yaml', 'status.yaml']) {
      expect(await readFile(path.join(fresh, file), 'utf8')).toBe(
        await readFile(path.join(dir, file), 'utf8')
      )
    }
  })

  it('applies nothing when the patch is empty', async () => {
    const dir = await repository()
    const result = await runStep(dir, apply)
    expect(result).toMatchObject({code: 0, stdout: 'Nothing changed.\n'})
    expect(await git(dir, 'status', '--porcelain')).toBe('')
  })
})
