import {cp, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createCheckLinks} from '../../src/cli/commands/check-links.js'
import {run as mergeReports} from '../../src/cli/commands/merge-reports.js'
import type {CliContext} from '../../src/cli/context.js'
import {fakeLookup} from '../helpers/lookup.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {copyList} from '../support/cli.js'
import {testHosts} from './setup.js'

let server: TestServer
const dirs: string[] = []
const clock = new Date('2025-05-01T00:00:00Z')
const hosts = ['a.test', 'b.test', 'x.test', 'polite.test']

beforeAll(async () => {
  server = await startServer(
    {'/gone': respond.status(404), '/moved': respond.redirect(301, '/p/moved-here')},
    {fallback: respond.status(200)}
  )
})
afterAll(async () => {
  await server.close()
  await Promise.all(dirs.map(dir => rm(dir, {recursive: true, force: true})))
})

/** The fixture list with every link on the local server, spread over four host names. */
async function localList(): Promise<string> {
  const {dir} = await copyList()
  dirs.push(dir)
  let n = 0
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml') || entry.parentPath.endsWith('templates'))
      continue
    const file = path.join(entry.parentPath, entry.name)
    const text = await readFile(file, 'utf8')
    await writeFile(
      file,
      text.replace(/https?:\/\/[^\s)"'>\]]+/g, () => {
        const i = n++
        return `${server.origin(hosts[i % hosts.length]!)}${i === 1 ? '/gone' : i === 2 ? '/moved' : `/p/${i}`}`
      })
    )
  }
  // Nothing here hangs: a deadline far beyond any answer keeps a loaded machine from turning a
  // slow answer into a timeout and a retry, which would change the attempt counts compared.
  await writeFile(
    path.join(dir, 'link-check.config.yaml'),
    'timeout: 30s\nretries: 1\nbackoff: 20ms\nconfirmDelay: 10ms\n'
  )
  return dir
}

async function copyOf(dir: string): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'shard-'))
  dirs.push(copy)
  await cp(dir, copy, {recursive: true})
  return copy
}

function context(cwd: string): CliContext & {out: () => string} {
  let out = ''
  return {
    cwd,
    env: {},
    stdout: t => (out += t),
    stderr: t => (out += t),
    isTTY: false,
    out: () => out
  }
}

const checkLinks = createCheckLinks({
  clientOptions: {lookup: fakeLookup(testHosts), allowPrivateAddresses: true},
  now: () => clock
})

describe('check-links --shard k/n, merged by merge-reports', () => {
  it('gives the same status file, results and exit code as one unsharded run', async () => {
    const list = await localList()
    const whole = await copyOf(list)
    const wholeCode = await checkLinks(
      ['--no-repos', '--report-json', 'whole.json'],
      context(whole)
    )

    // Each shard on its own runner (its own copy), then the merge on a fresh checkout.
    const merged = await copyOf(list)
    const shardFiles: string[] = []
    for (const k of [1, 2, 3]) {
      const runner = await copyOf(list)
      await checkLinks(
        ['--no-repos', '--shard', `${k}/3`, '--report-json', `shard-${k}.json`],
        context(runner)
      )
      shardFiles.push(path.join(runner, `shard-${k}.json`))
    }
    const mergeContext = context(merged)
    const mergedCode = await mergeReports(
      [...shardFiles, '--report-json', 'merged.json', '--report-md', 'merged.md'],
      mergeContext
    )

    expect(wholeCode).toBe(1) // the /gone link is dead
    expect(mergedCode).toBe(wholeCode)
    expect(await readFile(path.join(merged, 'status.json'), 'utf8')).toBe(
      await readFile(path.join(whole, 'status.json'), 'utf8')
    )
    const links = async (file: string) =>
      JSON.parse(await readFile(file, 'utf8')) as {links: unknown[]; summary: unknown}
    const [a, b] = [
      await links(path.join(whole, 'whole.json')),
      await links(path.join(merged, 'merged.json'))
    ]
    expect(b.links).toEqual(a.links)
    expect(b.summary).toEqual(a.summary)
    expect(a.links.length).toBeGreaterThanOrEqual(5)
    // Every shard got some of the hosts, and no host was split between shards.
    const shardHosts = await Promise.all(
      shardFiles.map(
        async file =>
          new Set(
            (JSON.parse(await readFile(file, 'utf8')) as {links: Array<{url: string}>}).links.map(
              l => new URL(l.url).hostname
            )
          )
      )
    )
    const all = shardHosts.flatMap(set => [...set])
    expect(new Set(all).size).toBe(all.length)
    expect(await readFile(path.join(merged, 'merged.md'), 'utf8')).toContain(
      '## Permanently redirected (1)'
    )
  })

  it('refuses a file that is not a shard result, with exit code 2', async () => {
    const list = await localList()
    await writeFile(path.join(list, 'bogus.json'), '{"version": 2}')
    const ctx = context(list)
    expect(await mergeReports(['bogus.json'], ctx)).toBe(2)
    expect(ctx.out()).toContain('cannot use `bogus.json`')
  })
})
