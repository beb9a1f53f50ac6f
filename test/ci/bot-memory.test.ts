import {chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {copyList, projectRoot, runCli} from '../support/cli.js'
import {npmShim} from './npm-shim.js'
import {git, jobSteps, runStep, script} from './steps.js'

// Issue 10: the bot remembers without merges. Three weekly runs of link-health.yml's shell
// steps on a temporary git repository, with the pull request left unmerged, against a local
// server on which one listed page always fails.
const checkSteps = await jobSteps('link-health.yml', 'check')
const prSteps = await jobSteps('link-health-pull-request.yml', 'pull-request')
let server: TestServer
let temp: string

beforeAll(async () => {
  server = await startServer({'/down': respond.status(503)}, {fallback: respond.status(200)})
  temp = await mkdtemp(path.join(tmpdir(), 'bot-memory-'))
})
afterAll(async () => {
  await server.close()
  await rm(temp, {recursive: true, force: true})
})

/** `origin`: the fixture list on `main`, every link on the local server, one of them failing. */
async function origin(): Promise<string> {
  const {dir} = await copyList()
  const repo = path.join(temp, 'origin')
  await cp(dir, repo, {recursive: true})
  await rm(dir, {recursive: true, force: true})
  let count = 0
  for (const entry of await readdir(path.join(repo, 'entries'), {
    recursive: true,
    withFileTypes: true
  })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    const text = await readFile(file, 'utf8')
    await writeFile(
      file,
      text.replace(
        /https?:\/\/[^\s)"'>\]]+/g,
        () => `http://127.0.0.1:${server.port}/${count++ === 0 ? 'down' : `p/${count}`}`
      )
    )
  }
  // Runs a minute apart stand in for weeks: no minimum span between failures here.
  await writeFile(
    path.join(repo, 'link-check.config.yaml'),
    'timeout: 2s\nretries: 0\ndeadAfterSpan: 0s\nallowPrivateAddresses: true\n'
  )
  // The workflow's own scripts, as the project's checkout has them.
  await cp(path.join(projectRoot, '.github'), path.join(repo, '.github'), {recursive: true})
  expect((await runCli(repo, ['build-readme'])).code).toBe(0)
  await git(repo, 'init', '--quiet', '--initial-branch=main')
  await git(repo, 'add', '--all')
  await git(repo, 'commit', '--quiet', '-m', 'list')
  return repo
}

/** A stand-in `gh` that answers the contents API from `origin`'s branches, as GitHub would. */
async function fakeGh(repo: string): Promise<string> {
  const bin = path.join(temp, 'gh-bin')
  await mkdir(bin, {recursive: true})
  await writeFile(
    path.join(bin, 'gh'),
    [
      '#!/usr/bin/env bash',
      'for arg; do case "$arg" in repos/*/contents/*) target="$arg";; esac; done',
      'file="${target#repos/*/contents/}"; file="${file%%\\?*}"; ref="${target##*ref=}"',
      `git -C "${repo}" show "$ref:$file" 2>/dev/null || { echo 'gh: Not Found (HTTP 404)' >&2; exit 1; }`,
      ''
    ].join('\n')
  )
  await chmod(path.join(bin, 'gh'), 0o755)
  return bin
}

/** One weekly run: a fresh checkout of main, the cache restored, the check job, then the pull-request job. */
async function week(repo: string, n: number, path_: string) {
  const work = path.join(temp, `week-${n}`)
  const runner = path.join(temp, `runner-${n}`)
  await mkdir(runner)
  await git(temp, 'clone', '--quiet', '--branch', 'main', repo, work)
  const cache = path.join(temp, 'link-cache')
  await cp(cache, path.join(work, '.link-cache'), {recursive: true}).catch(() => {})
  const env = {PATH: path_, GITHUB_REPOSITORY: 'o/list', GH_TOKEN: 'x'}
  const step = (name: string, steps = checkSteps, cwd = work) =>
    runStep(runner, cwd, script(steps, name), env)
  const memory = await step("Start from the bot's memory")
  expect(memory.code).toBe(0)
  const check = await step('check')
  expect(check.code, check.stdout + check.stderr).toBeLessThanOrEqual(1)
  expect((await step('Regenerate the READMEs')).code).toBe(0)
  const collected = await step('Collect the changes')
  await cp(path.join(work, '.link-cache'), cache, {recursive: true})

  // The pull-request job: main again, the patch, and the branch create-pull-request would push.
  const pr = path.join(temp, `pr-${n}`)
  await git(temp, 'clone', '--quiet', '--branch', 'main', repo, pr)
  expect((await step('Apply the checked changes', prSteps, pr)).code).toBe(0)
  if (collected.output.includes('changed=true')) {
    await git(pr, 'commit', '--quiet', '-m', `week ${n}`)
    await git(pr, 'push', '--quiet', '--force', repo, 'HEAD:refs/heads/bot/link-health')
  }
  return {
    memory,
    check,
    report: await readFile(path.join(runner, 'runner/link-health/link-report.md'), 'utf8')
  }
}

describe('the weekly bot, with its pull request left unmerged', () => {
  it('remembers a failing link across weeks, reports it dead, then proposes nothing new', async () => {
    const repo = await origin()
    const path_ = `${await fakeGh(repo)}:${await npmShim(temp)}:${process.env['PATH']}`
    const down = `http://127.0.0.1:${server.port}/down`

    const first = await week(repo, 1, path_)
    expect(first.memory.stdout).toContain(
      "No status.json on `bot/link-health`: starting from main's."
    )
    expect(first.check.stdout).toContain('0 dead')
    expect(first.report).toContain(`failing (1 run`)
    const afterFirst = await git(repo, 'rev-parse', 'bot/link-health')

    // Week 2: the pull request still waits; main has no status.json, the bot's branch does.
    const second = await week(repo, 2, path_)
    expect(second.memory.stdout).toContain('Starting from status.json on `bot/link-health`')
    expect(second.check.stdout).toContain(`dead: ${down} (HTTP 503)`)
    expect(second.report).toContain(`**dead** <${down}>`)
    const status = JSON.parse(await git(repo, 'show', 'bot/link-health:status.json'))
    expect(status.links[down]).toMatchObject({dead: true, consecutiveFailures: 2})
    expect(await git(repo, 'show', 'bot/link-health:README.md')).toContain('💀')
    const afterSecond = await git(repo, 'rev-parse', 'bot/link-health')
    expect(afterSecond).not.toBe(afterFirst)

    // Week 3: nothing changed in the world: the branch's files stay as they were.
    await week(repo, 3, path_)
    expect(await git(repo, 'diff', '--stat', afterSecond.trim(), 'bot/link-health')).toBe('')
  }, 600_000)
})
