import {readdir, readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {createCheckLinks} from '../../src/cli/commands/check-links.js'
import {type CliContext, UsageError} from '../../src/cli/context.js'
import {main} from '../../src/cli/index.js'
import {fakeLookup} from '../helpers/lookup.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {copyList} from '../support/cli.js'
import {testHosts} from './setup.js'

let server: TestServer
let list: {dir: string; cleanup: () => Promise<void>}
let clock = new Date('2025-05-01T00:00:00Z')

const fastConfig = 'timeout: 500ms\nretries: 1\nbackoff: 20ms\nconfirmDelay: 10ms\n'

beforeAll(async () => {
  server = await startServer(
    {'/gone': respond.status(404), '/moved': respond.redirect(301, '/p/moved-here')},
    {fallback: respond.status(200)}
  )
})
afterAll(async () => {
  await server.close()
})
afterEach(async () => {
  await list?.cleanup()
})

/** A copy of the fixture list whose links all point at the local server; `gone` and `moved` get those behaviours. */
async function localList(special: Record<number, string> = {}): Promise<string> {
  list = await copyList()
  const urls = new Map<string, string>()
  for (const entry of await readdir(list.dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile() || !/\.(ya?ml|md)$/.test(entry.name) || entry.name.startsWith('README'))
      continue
    const file = path.join(entry.parentPath, entry.name)
    const text = await readFile(file, 'utf8')
    await writeFile(
      file,
      text.replace(/https?:\/\/[^\s)"'>\]]+/g, url => {
        if (!urls.has(url))
          urls.set(url, `${server.origin('a.test')}${special[urls.size] ?? `/p/${urls.size}`}`)
        return urls.get(url)!
      })
    )
  }
  await writeFile(path.join(list.dir, 'link-check.config.yaml'), fastConfig)
  return list.dir
}

async function runCheck(cwd: string, argv: string[] = [], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const context: CliContext = {
    cwd,
    env,
    stdout: t => (stdout += t),
    stderr: t => (stderr += t),
    isTTY: false
  }
  const command = createCheckLinks({
    clientOptions: {lookup: fakeLookup(testHosts), allowPrivateAddresses: true},
    now: () => clock
  })
  const code = await command(argv, context)
  return {code, stdout, stderr}
}

describe('check-links command', () => {
  it('exits 0 when nothing is dead, writing reports and a stable status file', async () => {
    const dir = await localList({1: '/moved'})
    const {code, stdout} = await runCheck(dir)
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /links: \d+ ok, 1 redirected, 0 unverifiable, 0 broken, 0 unreachable; 0 dead/
    )
    const status = JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8'))
    expect(Object.values(status.links).length).toBeGreaterThanOrEqual(5)
    expect(status.repos).toEqual({})
    const json = JSON.parse(await readFile(path.join(dir, 'reports/links.json'), 'utf8'))
    expect(
      json.links.find((link: {verdict: string}) => link.verdict === 'redirected')
    ).toMatchObject({to: `${server.origin('a.test')}/p/moved-here`})
    const markdown = await readFile(path.join(dir, 'reports/links.md'), 'utf8')
    expect(markdown).toContain('## Permanently redirected (1)')
    expect(markdown).toMatch(
      /\[entries\/[\w\\-]+\/[\w\\-]+\.yaml:\d+\]\(entries\/[\w-]+\/[\w-]+\.yaml#L\d+\)/
    )

    // Within the cache age nothing is fetched again and status.json is not rewritten.
    const before = await stat(path.join(dir, 'status.json'))
    const requests = server.requests.length
    clock = new Date(clock.getTime() + 3600_000)
    expect((await runCheck(dir)).code).toBe(0)
    expect(server.requests.length - requests).toBe(0)
    expect((await stat(path.join(dir, 'status.json'))).mtimeMs).toBe(before.mtimeMs)
  })

  it('exits 1 when a link is dead, naming it and where it is used', async () => {
    const dir = await localList({0: '/gone'})
    const {code, stdout} = await runCheck(dir, [
      '--report-md',
      'out/r.md',
      '--report-json',
      'out/r.json'
    ])
    expect(code).toBe(1)
    expect(stdout).toMatch(
      /^dead: http:\/\/a\.test:\d+\/gone \(HTTP 404\) in entries\/.+\.yaml:\d+:\d+$/m
    )
    expect(await readFile(path.join(dir, 'out/r.md'), 'utf8')).toMatch(
      /## Broken \(1\)\n\n- \*\*dead\*\* <http:\/\/a\.test:\d+\/gone> HTTP 404/
    )
  })

  it('checks only what --only selects', async () => {
    const dir = await localList()
    const requests = server.requests.length
    const {code, stdout} = await runCheck(dir, [
      '--only',
      `${server.origin('a.test')}/p/0`,
      '--no-cache'
    ])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^1 links: 1 ok/m)
    expect(server.requests.length - requests).toBe(1)
  })

  it('exits 2 on a bad configuration, with its position', async () => {
    const dir = await localList()
    await writeFile(path.join(dir, 'link-check.config.yaml'), 'deadAfter: never\n')
    const {code, stderr} = await runCheck(dir)
    expect(code).toBe(2)
    expect(stderr).toContain(
      'link-check.config.yaml:1:12: error Expected `deadAfter` to be an integer ≥ 1 (link-config)'
    )
  })

  it('exits 2 on bad usage', async () => {
    const dir = await localList()
    await expect(runCheck(dir, ['--shard', '3/2'])).rejects.toThrow(UsageError)
    let stderr = ''
    const code = await main(['check-links', '--frobnicate'], {
      cwd: dir,
      env: {},
      stdout: () => {},
      stderr: t => (stderr += t),
      isTTY: false
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/unknown option `--frobnicate`/)
  })
})
