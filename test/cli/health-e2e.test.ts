import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {startFakeGithub} from '../repos/fake-github.js'
import {copyList, runCli, snapshotTree} from '../support/cli.js'

/** Recognisable in any output; not shaped like a real token, so secret scanners stay quiet. */
const token = 'test-token-DO-NOT-LEAK-77e1b0'
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()))
})

// The whole path of issue 4 through the CLI: check-links asks a fake GitHub,
// writes what it learned (status.json, renamed URLs), build-readme marks it.
describe('check-links --repos-only --apply, then build-readme', () => {
  it('marks archived and deleted projects, writes renames once, and never prints or writes the token', async () => {
    const recent = new Date().toISOString()
    const github = await startFakeGithub({
      token,
      repos: [
        {nameWithOwner: 'microsoft/autogen', archived: true, stars: 31_234, pushedAt: recent},
        {nameWithOwner: 'yoheinakajima/babyagi-classic', stars: 1234, pushedAt: recent},
        {nameWithOwner: 'yoheinakajima/babyagi-2', pushedAt: recent},
        {nameWithOwner: 'WooooDyy/LLM-Agent-Paper-List', pushedAt: recent}
      ],
      moved: {'yoheinakajima/babyagi': 'yoheinakajima/babyagi-classic'}
      // togethercomputer/RedPajama-Data is unknown to the fake: deleted.
    })
    closers.push(github.close)
    const {dir, cleanup} = await copyList()
    closers.push(cleanup)
    const summaryFile = path.join(dir, 'step-summary.md')
    await writeFile(summaryFile, '')
    const env = {
      GITHUB_TOKEN: token,
      GITHUB_GRAPHQL_URL: github.graphqlUrl,
      GITHUB_API_URL: github.apiUrl,
      GITHUB_STEP_SUMMARY: summaryFile
    }
    const printed: string[] = []

    const first = await runCli(dir, ['check-links', '--repos-only', '--apply'], env)
    printed.push(first.stdout, first.stderr)
    expect(first.code).toBe(1)
    expect(first.stdout).toContain(
      'dead: https://github.com/togethercomputer/RedPajama-Data (the API says it does not exist) in entries/pretrain-data/redpajama.yaml:4:6'
    )
    expect(first.stdout).toContain(
      'applied 1 rename: 1 entry file changed (entries/agent/babyagi.yaml)'
    )
    const babyagi = await readFile(path.join(dir, 'entries/agent/babyagi.yaml'), 'utf8')
    expect(babyagi).toContain('url: https://github.com/yoheinakajima/babyagi-classic\n')
    expect(babyagi).toContain('url: https://github.com/yoheinakajima/babyagi-2\n')
    const status = JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8')) as {
      repos: Record<string, Record<string, unknown>>
    }
    // Stars as the README shows them (31k): a few new stars make no diff.
    expect(status.repos['github:microsoft/autogen']).toMatchObject({archived: true, stars: 31_000})
    expect(status.repos['github:togethercomputer/redpajama-data']).toMatchObject({missing: true})

    const build = await runCli(dir, ['build-readme'])
    printed.push(build.stdout, build.stderr)
    expect(build.code).toBe(0)
    const en = await readFile(path.join(dir, 'README.md'), 'utf8')
    expect(en).toContain('[AutoGen](https://github.com/microsoft/autogen) 🗄️ |')
    expect(en).toContain(
      '[RedPajama-Data](https://github.com/togethercomputer/RedPajama-Data) 💀 |'
    )
    expect(en).toContain(
      '[BabyAGI](https://github.com/yoheinakajima/babyagi-classic) / [BabyAGI-2](https://github.com/yoheinakajima/babyagi-2) |'
    )
    expect(await readFile(path.join(dir, 'README.zh-CN.md'), 'utf8')).toContain(
      '🗄️ 已归档：只读，不再开发'
    )

    // The same answers again: nothing left to apply, no entry file changes.
    const before = await snapshotTree(path.join(dir, 'entries'))
    const second = await runCli(dir, ['check-links', '--repos-only', '--apply'], env)
    printed.push(second.stdout, second.stderr)
    expect(second.stdout).toContain('applied 0 renames: 0 entry files changed')
    expect(await snapshotTree(path.join(dir, 'entries'))).toEqual(before)
    expect(github.count('graphql')).toBeGreaterThan(0)

    // Not one byte printed or written carries the token.
    const written = [...(await snapshotTree(dir)).values()]
    for (const text of [...printed, ...written]) expect(text).not.toContain(token)
  })

  it('GitHub down: --repos-only exits 3, marks nothing and leaves the status file as it was', async () => {
    const {dir, cleanup} = await copyList()
    closers.push(cleanup)
    await writeFile(
      path.join(dir, 'status.json'),
      `${JSON.stringify({version: 1, links: {}, repos: {'github:microsoft/autogen': {archived: true, checkedAt: '2025-01-01T00:00:00.000Z', stars: 5}}}, null, 2)}\n`
    )
    const env = {
      GITHUB_TOKEN: token,
      GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql',
      GITHUB_API_URL: 'http://127.0.0.1:9'
    }
    const before = await readFile(path.join(dir, 'status.json'), 'utf8')
    const result = await runCli(dir, ['check-links', '--repos-only'], env)
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/the GitHub API answered none of \d+ lookups/)
    expect(await readFile(path.join(dir, 'status.json'), 'utf8')).toBe(before)
    expect(result.stdout + result.stderr).not.toContain(token)
  })
})
