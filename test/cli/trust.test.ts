import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {startServer, type TestServer} from '../helpers/server.js'
import {checkLinksIn} from '../support/check-links.js'
import {copyList, exists, runCli} from '../support/cli.js'

// Issue 10: a maintainer who leaves the bot running is never told a live project is dead.
let server: TestServer
const cleanups: Array<() => Promise<void>> = []
const fastConfig = 'timeout: 500ms\nretries: 0\nbackoff: 20ms\nconfirmDelay: 10ms\n'

beforeAll(async () => {
  // Every page of this host fails with 503 (a flaky night), never a definitive answer.
  server = await startServer({}, {fallback: (_request, response) => response.writeHead(503).end()})
})
afterAll(async () => server.close())
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function list(): Promise<string> {
  const {dir, cleanup} = await copyList()
  cleanups.push(cleanup)
  await writeFile(path.join(dir, 'link-check.config.yaml'), fastConfig)
  return dir
}

const checkLinks = checkLinksIn

describe('quick local runs never mark live projects dead', () => {
  it('offline, two runs seconds apart on a small scope exit 3 and write nothing', async () => {
    const dir = await list()
    const argv = ['--only', 'https://github.com/microsoft/*', '--no-repos']
    for (const seconds of [0, 5]) {
      const run = await checkLinks(dir, argv, {now: new Date(Date.UTC(2025, 4, 1, 0, 0, seconds))})
      expect(run.code).toBe(3)
      expect(run.stderr).toMatch(/no host answered any of the 1 link checked \(1 dns\)/)
    }
    expect(await exists(path.join(dir, 'status.json'))).toBe(false)
    const build = await runCli(dir, ['build-readme'])
    expect(build.code).toBe(0)
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).not.toContain('💀')
  })

  it('a link failing in runs minutes apart is dead only once the failures span 20 hours', async () => {
    const dir = await list()
    // Point AutoGen's description link at the failing host; the rest of the list stays out of scope.
    const file = path.join(dir, 'entries/agent/autogen.yaml')
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'https://example.org/conversable',
        `${server.origin('a.test')}/x`
      )
    )
    const argv = ['--only', `${server.origin('a.test')}/*`, '--no-repos', '--no-cache']
    const at = (hours: number) => new Date(Date.UTC(2025, 4, 1) + hours * 3600_000)
    const options = (hours: number) => ({hosts: ['a.test'], now: at(hours)})
    const first = await checkLinks(dir, argv, options(0))
    const second = await checkLinks(dir, argv, options(0.01))
    expect([first.code, second.code]).toEqual([0, 0])
    const status = JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8'))
    expect(status.links[`${server.origin('a.test')}/x`]).toMatchObject({
      consecutiveFailures: 2,
      dead: false
    })
    const nextDay = await checkLinks(dir, argv, options(21))
    expect(nextDay.code).toBe(1)
    expect(nextDay.stdout).toContain(`dead: ${server.origin('a.test')}/x (HTTP 503)`)
  })
})
