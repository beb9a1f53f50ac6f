import {readdirSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {copyList, runCli, snapshotTree} from '../support/cli.js'

const casesDir = path.join(import.meta.dirname, 'fixtures', 'invalid')
const cases = readdirSync(casesDir)

// Each case lays broken files over the small valid list in test/fixtures/list;
// expected.txt holds exactly what `validate` must print.
describe.each(cases)('invalid input: %s', name => {
  it('validate prints every problem with path, line and column, and exits 1', async () => {
    const {dir, cleanup} = await copyList(path.join(casesDir, name, 'overlay'))
    try {
      const expected = await readFile(path.join(casesDir, name, 'expected.txt'), 'utf8')
      const result = await runCli(dir, ['validate'])
      expect(result.stderr).toBe(expected)
      expect(result.code).toBe(1)
    } finally {
      await cleanup()
    }
  })

  it('build-readme refuses the data, exits 1 and changes nothing on disk', async () => {
    const {dir, cleanup} = await copyList(path.join(casesDir, name, 'overlay'))
    try {
      const before = await snapshotTree(dir)
      const result = await runCli(dir, ['build-readme'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('No README was written')
      expect(await snapshotTree(dir)).toEqual(before)
    } finally {
      await cleanup()
    }
  })
})

describe('valid input', () => {
  it('validate accepts the fixture list and exits 0', async () => {
    const {dir, cleanup} = await copyList()
    try {
      const result = await runCli(dir, ['validate'])
      expect(result).toEqual({code: 0, stdout: '4 entries in 3 sections are valid\n', stderr: ''})
    } finally {
      await cleanup()
    }
  })

  it('in GitHub Actions, each diagnostic is also an annotation on its file and line', async () => {
    const {dir, cleanup} = await copyList(path.join(casesDir, 'unknown-field', 'overlay'))
    try {
      const result = await runCli(dir, ['validate'], {GITHUB_ACTIONS: 'true'})
      expect(result.stderr).toContain(
        '::error file=entries/agent/foo.yaml,line=3,col=1,title=unknown-field::Unknown field `desciption`; did you mean `description`?'
      )
    } finally {
      await cleanup()
    }
  })
})
