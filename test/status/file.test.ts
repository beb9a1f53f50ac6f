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
    'https://b.example/': {
      verdict: 'ok',
      status: 200,
      checkedAt: '2025-01-02T00:00:00.000Z',
      lastOkAt: '2025-01-02T00:00:00.000Z',
      consecutiveFailures: 0
    },
    'https://a.example/': {
      verdict: 'broken',
      status: 404,
      consecutiveFailures: 1,
      checkedAt: '2025-01-02T00:00:00.000Z',
      firstFailedAt: '2025-01-02T00:00:00.000Z',
      dead: true
    }
  },
  repos: {
    'github:z/z': {stars: 3, archived: false},
    'github:a/a': {
      missing: true,
      checkedAt: '2025-01-01T00:00:00.000Z',
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
    expect(text.indexOf('"checkedAt"')).toBeLessThan(text.indexOf('"consecutiveFailures"'))
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
  const evidence = {hops: [], attempts: 1}

  it('counts failing runs in a row and keeps when they began', () => {
    const timeout = {kind: 'unreachable', cause: 'timeout', definitive: false, evidence} as const
    const first = nextLinkStatus(undefined, timeout, {now})
    expect(first).toMatchObject({
      consecutiveFailures: 1,
      dead: false,
      firstFailedAt: now.toISOString(),
      cause: 'timeout'
    })
    const second = nextLinkStatus(first, timeout, {now: new Date('2025-03-02T00:00:00Z')})
    expect(second).toMatchObject({
      consecutiveFailures: 2,
      dead: true,
      firstFailedAt: now.toISOString()
    })
    expect(nextLinkStatus(first, timeout, {now, deadAfter: 3}).dead).toBe(false)
  })

  it('makes a definitive failure dead at once', () => {
    expect(
      nextLinkStatus(
        undefined,
        {kind: 'broken', reason: 'status', status: 410, definitive: true, evidence},
        {now}
      ).dead
    ).toBe(true)
  })

  it('neither counts nor clears failures for unverifiable links', () => {
    const previous = {
      verdict: 'ok',
      checkedAt: '2025-01-01T00:00:00.000Z',
      lastOkAt: '2025-01-01T00:00:00.000Z',
      consecutiveFailures: 0
    } as const
    expect(
      nextLinkStatus(
        previous,
        {kind: 'unverifiable', reason: 'status-999', status: 999, evidence},
        {now}
      )
    ).toEqual({
      verdict: 'unverifiable',
      status: 999,
      checkedAt: now.toISOString(),
      lastOkAt: '2025-01-01T00:00:00.000Z',
      consecutiveFailures: 0
    })
  })
})
