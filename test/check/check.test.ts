import {readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {parseCheckResult, serializeCheckResult} from '../../src/check/json.js'
import {mergeResults} from '../../src/check/merge.js'
import {entryFilesOf, writeOutcome} from '../../src/check/outcome.js'
import {runCheck} from '../../src/check/run.js'
import {buildScope, urlsOnLines} from '../../src/check/scope.js'
import {loadList} from '../../src/entries/load.js'
import {readStatus} from '../../src/status/file.js'
import {emptyStatus} from '../../src/status/types.js'
import {fakeLookup} from '../helpers/lookup.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {testConfig, testHosts} from '../links/setup.js'
import {copyList} from '../support/cli.js'

let server: TestServer
let list: {dir: string; cleanup: () => Promise<void>} | undefined
const clock = () => new Date('2025-05-01T00:00:00Z')
const config = testConfig({timeoutMs: 500, retries: 1})

beforeAll(async () => {
  server = await startServer(
    {'/gone': respond.status(404), '/moved': respond.redirect(301, '/p/moved-here')},
    {fallback: respond.status(200)}
  )
})
afterAll(async () => server.close())
afterEach(async () => {
  await list?.cleanup()
  list = undefined
})

/** The fixture list with every link pointing at the local server; the first goes to `/gone`, the second to `/moved`. */
async function localModel() {
  list = await copyList()
  let count = 0
  for (const entry of await readdir(path.join(list.dir, 'entries'), {
    recursive: true,
    withFileTypes: true
  })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    const text = await readFile(file, 'utf8')
    await writeFile(
      file,
      text.replace(/https?:\/\/[^\s)"'>\]]+/g, () => {
        const special = ['/gone', '/moved'][count]
        count++
        return `${server.origin('a.test')}${special ?? `/p/${count}`}`
      })
    )
  }
  const {model} = await loadList(list.dir)
  if (!model) throw new Error('fixture list does not load')
  return {root: list.dir, model}
}

const check = (
  root: string,
  model: Parameters<typeof runCheck>[0],
  scope?: (url: string) => boolean
) =>
  runCheck(model, emptyStatus(), {
    root,
    config,
    repos: 'skip',
    clientOptions: {lookup: fakeLookup(testHosts), allowPrivateAddresses: true},
    now: clock,
    scope
  })

describe('the check stage, without the CLI', () => {
  it('runCheck returns verdicts, status updates and fixes, and writes nothing', async () => {
    const {root, model} = await localModel()
    const result = await check(root, model)
    const byUrl = new Map(result.links.results.map(link => [link.url, link]))
    expect(byUrl.get(`${server.origin('a.test')}/gone`)?.verdict).toMatchObject({
      kind: 'broken',
      status: 404
    })
    expect(result.fixes).toEqual([
      {from: `${server.origin('a.test')}/moved`, to: `${server.origin('a.test')}/p/moved-here`}
    ])
    expect(Object.keys(result.statusUpdates.links).sort()).toEqual(
      result.links.results
        .map(link => link.url)
        .filter(url => url.startsWith('http'))
        .sort()
    )
    expect(await readdir(root)).not.toContain('status.json')
  })

  it('the JSON report reads back as the same result', async () => {
    const {root, model} = await localModel()
    const result = await check(root, model)
    const text = serializeCheckResult(result)
    expect(serializeCheckResult(parseCheckResult(text))).toBe(text)
    expect(parseCheckResult(text)).toEqual(result)
    expect(() => parseCheckResult('{"version": 1}')).toThrow(/version 2/)
    const bad = JSON.parse(text)
    bad.links[0].verdict = 'fine'
    expect(() => parseCheckResult(JSON.stringify(bad))).toThrow(/unknown verdict "fine"/)
  })

  it('merging the results of disjoint scopes gives the result of one whole run', async () => {
    const {root, model} = await localModel()
    const whole = await check(root, model)
    const shards = await Promise.all(
      [1, 2].map(index => check(root, model, buildScope({shard: {index, count: 2}})))
    )
    const merged = mergeResults(shards)
    const stable = (result: typeof whole) => ({
      results: result.links.results.map(({url, verdict: {kind}, dead}) => ({url, kind, dead})),
      updates: result.statusUpdates.links,
      fixes: result.fixes
    })
    expect(stable(merged)).toEqual(stable(whole))
  })

  it('writeOutcome writes status and reports, applies fixes and gives the exit code', async () => {
    const {root, model} = await localModel()
    const result = await check(root, model)
    let stdout = ''
    const code = await writeOutcome(result, root, {
      command: 'test',
      reportMd: 'out/links.md',
      reportJson: 'out/links.json',
      applyTo: entryFilesOf(model),
      stdout: text => (stdout += text),
      stderr: () => {}
    })
    // The 404 is confirmed by a second request: definitive, so dead at once, and the run exits 1.
    expect(code).toBe(1)
    expect(stdout).toContain(`dead: ${server.origin('a.test')}/gone (HTTP 404)`)
    expect(stdout).toMatch(/applied 1 rename: 1 entry file changed/)
    const status = await readStatus(root)
    expect(Object.keys(status.links).length).toBe(Object.keys(result.statusUpdates.links).length)
    expect(await readFile(path.join(root, 'out/links.md'), 'utf8')).toMatch(/^# Link check/)
    expect(parseCheckResult(await readFile(path.join(root, 'out/links.json'), 'utf8'))).toEqual(
      result
    )
    const entries = await Promise.all(
      entryFilesOf(model).map(file => readFile(path.join(root, file), 'utf8'))
    )
    expect(entries.join('\n')).toContain('/p/moved-here')
  })
})

describe('scope', () => {
  it('--changed-since matches whole URLs only', () => {
    const added = urlsOnLines([
      '+url: https://github.com/a/bc',
      '+description: see [x](https://example.com/docs).'
    ])
    const scope = buildScope({addedLines: [...added]})!
    expect(scope('https://github.com/a/bc')).toBe(true)
    expect(scope('https://github.com/a/b')).toBe(false)
    expect(scope('https://example.com/docs')).toBe(true)
    expect(scope('https://example.com/doc')).toBe(false)
  })

  it('is undefined for a run over the whole list', () => {
    expect(buildScope({})).toBeUndefined()
    expect(buildScope({only: []})).toBeUndefined()
  })
})
