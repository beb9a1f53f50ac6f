import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {startFakeGithub} from '../repos/fake-github.js'
import {copyList, runCli} from '../support/cli.js'

const overlay = path.join(import.meta.dirname, 'fixtures', 'facts', 'overlay')
const token = 'test-token-facts-0b7d'
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()))
})

/** check-links against a fake GitHub that knows these stars, then build-readme; the English README. */
async function checkAndBuild(dir: string, stars: number, license: string | null): Promise<string> {
  const github = await startFakeGithub({
    token,
    repos: [
      {nameWithOwner: 'microsoft/autogen', stars: 31_234, pushedAt: '2026-11-03T10:00:00Z'},
      {
        nameWithOwner: 'togethercomputer/RedPajama-Data',
        stars,
        pushedAt: '2026-10-20T08:30:00Z',
        license
      },
      {nameWithOwner: 'yoheinakajima/babyagi', pushedAt: '2026-10-01T00:00:00Z'},
      {nameWithOwner: 'yoheinakajima/babyagi-2', pushedAt: '2026-10-01T00:00:00Z'},
      {nameWithOwner: 'WooooDyy/LLM-Agent-Paper-List', pushedAt: '2026-10-01T00:00:00Z'}
    ]
  })
  closers.push(github.close)
  const env = {
    GITHUB_TOKEN: token,
    GITHUB_GRAPHQL_URL: github.graphqlUrl,
    GITHUB_API_URL: github.apiUrl
  }
  const checked = await runCli(dir, ['check-links', '--repos-only'], env)
  expect(checked.stderr).not.toContain('error')
  const built = await runCli(dir, ['build-readme'])
  expect(built.code).toBe(0)
  return readFile(path.join(dir, 'README.md'), 'utf8')
}

describe('facts from the status file fill the cells entries leave empty', () => {
  it('shows the license, stars and last push check-links found, and explains the italics', async () => {
    const {dir, cleanup} = await copyList(overlay)
    closers.push(cleanup)
    const before = await runCli(dir, ['build-readme'])
    expect(before.code).toBe(0)
    // No status yet: no stars or last-push column, which would be empty.
    const empty = await readFile(path.join(dir, 'README.md'), 'utf8')
    expect(empty).toContain('| contributor | project | license | language | main feature |')

    const en = await checkAndBuild(dir, 4567, 'Apache-2.0')
    const status = JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8'))
    expect(status.repos['github:togethercomputer/redpajama-data']).toMatchObject({
      license: 'Apache-2.0',
      // Rounded as the README shows it (4.5k), so that a few more stars change no file.
      stars: 4500
    })
    expect(en).toContain(
      '| contributor | project | license | stars | last push | language | main feature |'
    )
    expect(en).toContain(
      '| TogetherComputer | [RedPajama-Data](https://github.com/togethercomputer/RedPajama-Data) | *Apache-2.0* | ⭐ 4.5k | 2026-10 | en |'
    )
    // The entry without a link has no facts: its cells stay empty.
    expect(en).toMatch(/\| - \| human evaluation \| +\| +\| +\| +\| +\|/)
    expect(en).toContain(
      '*Italic* license: declared by the repository, as the weekly check found it'
    )
    const zh = await readFile(path.join(dir, 'README.zh-CN.md'), 'utf8')
    expect(zh).toContain('*斜体*许可证：由每周检查从仓库中读取')

    // A week later a few more stars: neither the README nor the status file changes.
    const statusBefore = await readFile(path.join(dir, 'status.json'), 'utf8')
    expect(await checkAndBuild(dir, 4589, 'Apache-2.0')).toBe(en)
    expect(await readFile(path.join(dir, 'status.json'), 'utf8')).toBe(statusBefore)
  })

  it('leaves a license the checker could not name (NOASSERTION) out, and the legend too', async () => {
    const {dir, cleanup} = await copyList(overlay)
    closers.push(cleanup)
    const en = await checkAndBuild(dir, 12, 'NOASSERTION')
    expect(en).toContain(
      '| TogetherComputer | [RedPajama-Data](https://github.com/togethercomputer/RedPajama-Data) | | ⭐ 12 | 2026-10 | en |'
    )
    expect(en).not.toContain('NOASSERTION')
    expect(en).not.toContain('*Italic* license')
  })
})
