import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {
  mergeStatus,
  parseStatus,
  readStatus,
  serializeStatus,
  StatusFileError,
  writeStatus
} from '../../src/status/file.js'
import {nextLinkStatus} from '../../src/status/links.js'
import {emptyStatus, type StatusFile} from '../../src/status/types.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'status-'))
})
afterEach(async () => {
  await rm(dir, {recursive: true, force: true})
})

const sample: StatusFile = {
  version: 1,
  links: {
    'https://b.example/': {verdict: 'ok', status: 200},
    'https://a.example/': {
      verdict: 'broken',
      status: 404,
      consecutiveFailures: 1,
      firstFailedAt: '2025-01-02T00:00:00.000Z',
      dead: true
    }
  },
  repos: {
    'github:z/z': {stars: 3, archived: false},
    'github:a/a': {
      missing: true,
      // Sorting holds at any depth, whatever a future record nests.
      ...({extra: {b: 1, a: 2}} as object)
    }
  }
}

describe('status file', () => {
  it('serialises with sorted keys at every level, two spaces and a trailing newline', () => {
    const text = serializeStatus(sample)
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.indexOf('https://a.example/')).toBeLessThan(text.indexOf('https://b.example/'))
    expect(text.indexOf('"consecutiveFailures"')).toBeLessThan(text.indexOf('"dead"'))
    expect(text.indexOf('"a": 2')).toBeLessThan(text.indexOf('"b": 1'))
    expect(text.split('\n')[1]).toBe('  "links": {')
    expect(parseStatus(text)).toEqual(sample)
  })

  it('reads an empty status when the file does not exist', async () => {
    expect(await readStatus(dir)).toEqual(emptyStatus())
  })

  it('writes atomically, and leaves the file untouched when nothing changed', async () => {
    expect(await writeStatus(dir, sample)).toBe(true)
    const file = path.join(dir, 'status.json')
    const before = await stat(file)
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(await writeStatus(dir, structuredClone(sample))).toBe(false)
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
    expect(await readdir(dir)).toEqual(['status.json'])
    expect(await readStatus(dir)).toEqual(sample)
    // A round trip through the file is byte-identical.
    expect(serializeStatus(await readStatus(dir))).toBe(await readFile(file, 'utf8'))
  })

  it('merges link and repository records, keeping the other side', () => {
    const merged = mergeStatus(sample, {
      repos: {'github:a/a': {renamedTo: 'b/a'}},
      removeLinks: ['https://a.example/']
    })
    expect(Object.keys(merged.links)).toEqual(['https://b.example/'])
    expect(merged.repos['github:a/a']).toEqual({renamedTo: 'b/a'})
    expect(merged.repos['github:z/z']).toEqual({stars: 3, archived: false})
    expect(Object.keys(sample.links)).toHaveLength(2)
  })

  it('refuses a file it cannot read, with the reason', async () => {
    await writeFile(path.join(dir, 'status.json'), '{"version": 2}')
    await expect(readStatus(dir)).rejects.toThrow(StatusFileError)
    expect(() => parseStatus('{oops')).toThrow(/Cannot parse/)
  })
})

describe('failure history', () => {
  const now = new Date('2025-03-01T00:00:00Z')
  const at = (iso: string) => new Date(iso)
  const evidence = {hops: [], attempts: 1}
  const rule = {deadAfter: 2, deadAfterSpanMs: 20 * 3600 * 1000}
  const timeout = {kind: 'unreachable', cause: 'timeout', definitive: false, evidence} as const

  it('counts failing runs in a row and keeps when they began', () => {
    const first = nextLinkStatus(undefined, timeout, {...rule, now})
    expect(first).toEqual({
      verdict: 'unreachable',
      consecutiveFailures: 1,
      dead: false,
      firstFailedAt: now.toISOString(),
      cause: 'timeout'
    })
    const second = nextLinkStatus(first, timeout, {...rule, now: at('2025-03-02T00:00:00Z')})
    expect(second).toMatchObject({
      consecutiveFailures: 2,
      dead: true,
      firstFailedAt: now.toISOString()
    })
    expect(nextLinkStatus(first, timeout, {...rule, deadAfter: 3, now}).dead).toBe(false)
  })

  it('needs the failing runs to lie far enough apart: two quick runs prove nothing', () => {
    const first = nextLinkStatus(undefined, timeout, {...rule, now})
    const secondsLater = nextLinkStatus(first, timeout, {...rule, now: at('2025-03-01T00:00:30Z')})
    expect(secondsLater).toMatchObject({consecutiveFailures: 2, dead: false})
    // Still failing the next day, 20 hours after the first failure: now it is dead.
    const nextDay = nextLinkStatus(secondsLater, timeout, {
      ...rule,
      now: at('2025-03-01T20:00:00Z')
    })
    expect(nextDay).toMatchObject({consecutiveFailures: 2, dead: true})
    expect(
      nextLinkStatus(secondsLater, timeout, {...rule, now: at('2025-03-01T19:59:59Z')}).dead
    ).toBe(false)
  })

  it('leaves the record of a link that stays dead unchanged, run after run', () => {
    let record = nextLinkStatus(undefined, timeout, {...rule, now})
    record = nextLinkStatus(record, timeout, {...rule, now: at('2025-03-08T00:00:00Z')})
    const weekLater = nextLinkStatus(record, timeout, {...rule, now: at('2025-03-15T00:00:00Z')})
    expect(weekLater).toEqual(record)
    expect(weekLater.dead).toBe(true)
  })

  it('makes a definitive failure dead at once, and a success clears the history', () => {
    const gone = {
      kind: 'broken',
      reason: 'status',
      status: 410,
      definitive: true,
      evidence
    } as const
    const dead = nextLinkStatus(undefined, gone, {...rule, now})
    expect(dead.dead).toBe(true)
    expect(nextLinkStatus(dead, {kind: 'ok', status: 200, evidence}, {...rule, now})).toEqual({
      verdict: 'ok',
      status: 200
    })
  })

  it('holds no timestamps for working or unverifiable links', () => {
    expect(
      nextLinkStatus(
        {verdict: 'ok'},
        {kind: 'unverifiable', reason: 'status-999', status: 999, evidence},
        {...rule, now}
      )
    ).toEqual({verdict: 'unverifiable', status: 999})
  })

  it('reads files written with timestamps, and drops them', () => {
    const old = JSON.stringify({
      version: 1,
      links: {
        'https://a.example/': {
          verdict: 'ok',
          checkedAt: '2025-01-01T00:00:00.000Z',
          lastOkAt: '2025-01-01T00:00:00.000Z',
          consecutiveFailures: 0
        }
      },
      repos: {'github:a/b': {stars: 5, checkedAt: '2025-01-01T00:00:00.000Z'}}
    })
    expect(parseStatus(old)).toEqual({
      version: 1,
      links: {'https://a.example/': {verdict: 'ok'}},
      repos: {'github:a/b': {stars: 5}}
    })
  })
})
