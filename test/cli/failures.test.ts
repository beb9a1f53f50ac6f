import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {describeError} from '../../src/cli/errors.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {checkLinksIn} from '../support/check-links.js'
import {copyList, exists, runCli} from '../support/cli.js'

// Issue 10, items 7 and 8: errors the user can act on are one line and exit 2; leftovers and
// concurrent runs lose nothing.
let server: TestServer
const cleanups: Array<() => Promise<void>> = []
beforeAll(async () => {
  server = await startServer({}, {fallback: respond.status(200)})
})
afterAll(async () => server.close())
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function list(): Promise<string> {
  const {dir, cleanup} = await copyList()
  cleanups.push(cleanup)
  await writeFile(path.join(dir, 'link-check.config.yaml'), 'timeout: 500ms\nretries: 0\n')
  // Every link of AutoGen's entry points at the local server, under its own path.
  const file = path.join(dir, 'entries/agent/autogen.yaml')
  await writeFile(
    file,
    (await readFile(file, 'utf8')).replace(
      'https://example.org/conversable',
      `${server.origin('a.test')}/a`
    )
  )
  const babyagi = path.join(dir, 'entries/agent/babyagi.yaml')
  await writeFile(
    babyagi,
    `${(await readFile(babyagi, 'utf8')).trimEnd()}\n`.replace(
      /description:.*/,
      `description: See [b](${server.origin('b.test')}/b).`
    )
  )
  return dir
}

const checkLinks = (dir: string, argv: string[]) =>
  checkLinksIn(dir, ['--no-repos', ...argv], {hosts: ['a.test', 'b.test']})

describe('errors the user can act on', () => {
  it('a status.json that is a directory: one line naming it, exit 2', async () => {
    const dir = await list()
    await mkdir(path.join(dir, 'status.json'))
    const result = await runCli(dir, ['check-links', '--no-repos', '--only', 'https://a.test/*'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'check-links: cannot read `status.json`: it is a directory (EISDIR)\n'
    )
  })

  it('a report path that cannot be written: one line, exit 2, no stack trace', async () => {
    const dir = await list()
    await writeFile(path.join(dir, 'blocker'), 'a file, not a folder')
    const only = ['--only', `${server.origin('a.test')}/*`]
    const notDir = await checkLinks(dir, [...only, '--report-md', 'blocker/links.md']).catch(
      error => ({code: -1, stderr: describeError(error, dir) ?? String(error)})
    )
    expect(notDir.stderr).toMatch(/cannot mkdir `blocker\/links.md`|cannot mkdir `blocker`/)
    const viaCli = await runCli(dir, [
      'check-links',
      '--no-repos',
      ...only,
      '--report-md',
      'blocker/x.md'
    ])
    expect(viaCli.code).toBe(2)
    expect(viaCli.stderr).not.toMatch(/\n\s+at /)
  })

  it('names the cause of the other file-system failures', () => {
    const failure = (code: string, syscall: string) =>
      Object.assign(new Error(code), {code, syscall, path: '/repo/reports/links.json'})
    expect(describeError(failure('ENOSPC', 'write'), '/repo')).toBe(
      'cannot write `reports/links.json`: no space left on the device (ENOSPC)'
    )
    expect(describeError(failure('EROFS', 'open'), '/repo')).toMatch(/read-only \(EROFS\)$/)
    expect(describeError(failure('EACCES', 'open'), '/repo')).toMatch(/permission denied/)
    expect(describeError(new TypeError('a bug'), '/repo')).toBeUndefined()
  })
})

describe('leftovers and races', () => {
  it('ignores and removes the temporary file of a run killed while writing an entry', async () => {
    const dir = await list()
    const stale = path.join(dir, 'entries/agent/autogen.yaml.999999999.0badf00d.tmp')
    const live = path.join(dir, `entries/agent/babyagi.yaml.${process.pid}.0badf00d.tmp`)
    await writeFile(stale, 'half a file: [')
    await writeFile(live, 'being written: [')
    const result = await runCli(dir, ['validate'])
    expect(result.code).toBe(0)
    expect(await exists(stale)).toBe(false)
    // A live writer's file is left alone.
    expect(await exists(live)).toBe(true)
  })

  it('two runs with disjoint --only filters at once keep both their records', async () => {
    const dir = await list()
    const [a, b] = await Promise.all([
      checkLinks(dir, [
        '--only',
        `${server.origin('a.test')}/*`,
        '--report-json',
        'a.json',
        '--report-md',
        'a.md'
      ]),
      checkLinks(dir, [
        '--only',
        `${server.origin('b.test')}/*`,
        '--report-json',
        'b.json',
        '--report-md',
        'b.md'
      ])
    ])
    expect([a.code, b.code], a.stdout + a.stderr + b.stdout + b.stderr).toEqual([0, 0])
    const status = JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8'))
    expect(Object.keys(status.links).sort()).toEqual([
      `${server.origin('a.test')}/a`,
      `${server.origin('b.test')}/b`
    ])
    expect(await exists(path.join(dir, '.link-cache/status.lock'))).toBe(false)
  })
})
