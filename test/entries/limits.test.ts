import {describe, expect, it} from 'vitest'
import {limits} from '../../src/entries/limits.js'
import {entryYaml, linesWithRule, runOnHostileList} from '../support/hostile.js'

const entry = 'entries/agent/foo.yaml'

/** The refusal every hostile file must get: exit 1 from both commands, nothing written, no stack trace. */
function expectRefused(
  run: Awaited<ReturnType<typeof runOnHostileList>>,
  ruleId: string
): string[] {
  expect(run.validate.code).toBe(1)
  expect(run.build.code).toBe(1)
  expect(run.build.stderr).toContain('No README was written')
  expect(run.unchanged).toBe(true)
  expect(run.output).not.toMatch(/^\s+at /m)
  const lines = linesWithRule(run.validate.stderr, ruleId)
  expect(lines.length).toBeGreaterThan(0)
  return lines
}

/** "Billion laughs": nine anchors, each a list of nine aliases to the one before. */
function laughs(flow: boolean): string {
  const names = 'abcdefghi'
  let text = flow ? 'a0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' : 'a0: &a\n'
  if (!flow) for (let index = 0; index < 9; index++) text += '  - lol\n'
  for (let level = 1; level < names.length; level++) {
    const alias = `*${names[level - 1]}`
    text += flow
      ? `a${level}: &${names[level]} [${Array(9).fill(alias).join(', ')}]\n`
      : `a${level}: &${names[level]}\n${Array(9).fill(`  - ${alias}\n`).join('')}`
  }
  return text
}

describe('entry files over the size limit', () => {
  it.each([
    ['an entry padded with comments', entry, `${entryYaml()}${'# padding\n'.repeat(7000)}`],
    ['an entry with one huge text', entry, entryYaml({description: 'x'.repeat(1024 * 1024)})],
    [
      'a section file',
      'entries/agent/_section.yaml',
      `title: Agent\norder: 2\ncolumns: [name]\n${'#'.repeat(70_000)}\n`
    ],
    ['the UI strings', 'templates/strings.yaml', `${'# pad\n'.repeat(20_000)}`]
  ])('%s is refused at its first line, with its size and the limit', async (_, file, content) => {
    const run = await runOnHostileList({[file]: content})
    const [line] = expectRefused(run, 'file-too-large')
    expect(line).toMatch(
      new RegExp(`^${file}:1:1: error File is [\\d,.]+ KB; the limit is 64 KB per file`)
    )
  })

  it('a file of exactly the limit is still read', async () => {
    const base = entryYaml()
    const padding = limits.fileBytes - Buffer.byteLength(base) - 1
    const run = await runOnHostileList({[entry]: `${base}#${'x'.repeat(padding - 1)}\n`})
    expect(run.validate).toMatchObject({code: 0, stderr: ''})
  })
})

describe('YAML alias and merge-key bombs', () => {
  it.each([
    ['billion laughs in flow style', laughs(true)],
    ['billion laughs in block style', laughs(false)],
    [
      'merge keys repeating anchors',
      `${entryYaml()}x0: &a {k: v, l: w}\n${Array.from({length: 9}, (_, level) => `x${level + 1}: &${'bcdefghij'[level]} {<<: [${Array(8).fill(`*${'abcdefghij'[level]}`).join(', ')}]}`).join('\n')}\n`
    ],
    [
      'a few aliases to one very large anchor',
      `${entryYaml()}big: &big [${Array(3000).fill('1').join(', ')}]\ncopies: [*big, *big, *big, *big]\n`
    ]
  ])('%s is refused at the alias that overflows, not expanded', async (_, content) => {
    const run = await runOnHostileList({[entry]: content})
    const [line] = expectRefused(run, 'alias-expansion')
    expect(line).toMatch(
      /^entries\/agent\/foo\.yaml:\d+:\d+: error Aliases here expand the file to more than 10,000 values/
    )
    // The position is an alias, the first place where the file grows past the limit.
    const [, lineNumber, column] = /:(\d+):(\d+):/.exec(line!)!
    expect(content.split('\n')[Number(lineNumber) - 1]![Number(column) - 1]).toBe('*')
  })

  it('a file that uses an alias or two within reason is read as usual', async () => {
    const run = await runOnHostileList({
      [entry]:
        'name: &name Foo\nurl: https://example.org/foo\ndescription: *name\nadded: 2024-01-01\n'
    })
    expect(run.validate).toMatchObject({code: 0, stderr: ''})
  })
})

describe('nesting deeper than the limit', () => {
  it.each([
    ['60,000 unclosed brackets', `description: ${'['.repeat(60_000)}\n`, 1, 29],
    ['30,000 closed brackets', `description: ${'['.repeat(30_000)}${']'.repeat(30_000)}\n`, 1, 29],
    [
      'nested flow mappings',
      `description: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
      1,
      74
    ],
    ['compact block sequences', `description:\n  ${'- '.repeat(20_000)}x\n`, 2, 33],
    [
      'indented block mappings',
      Array.from({length: 40}, (_, depth) => `${' '.repeat(depth * 2)}k${depth}:`).join('\n') +
        `\n${' '.repeat(80)}v: 1\n`,
      17,
      33
    ]
  ])('%s are refused where the limit is passed', async (_, content, line, column) => {
    const run = await runOnHostileList({[entry]: content})
    const [found] = expectRefused(run, 'nesting-too-deep')
    expect(found).toBe(
      `${entry}:${line}:${column}: error Collections are nested more than 16 levels deep here; an entry needs at most 4 (\`links\` → item → \`name\` → language) (nesting-too-deep)`
    )
  })
})

describe('texts over the length limit', () => {
  it.each([
    ['a description', entryYaml({description: 'x'.repeat(5001)}), 3, 14, 'Text is 5,001'],
    [
      'one language of a description',
      `${entryYaml({description: `\n  en: short\n  zh: ${'长'.repeat(9000)}`})}`,
      5,
      7,
      'Text is 9,000'
    ],
    [
      'a link name',
      `${entryYaml()}links:\n  - name: ${'n'.repeat(6000)}\n    url: https://example.org/paper\n`,
      6,
      11,
      'Text is 6,000'
    ],
    ['a URL', entryYaml({url: `https://example.org/${'p'.repeat(2100)}`}), 2, 6, 'URL is 2,120']
  ])(
    '%s is refused at the text, with its length and the limit',
    async (_, content, line, column, words) => {
      const run = await runOnHostileList({[entry]: content})
      const [found] = expectRefused(run, 'text-too-long')
      expect(found).toContain(
        `${entry}:${line}:${column}: error ${words} characters long; the limit is`
      )
    }
  )

  it('a text of exactly the limit is accepted', async () => {
    const run = await runOnHostileList({
      [entry]: entryYaml({description: `${'word '.repeat(limits.textLength / 5 - 1)}words`})
    })
    expect(linesWithRule(run.validate.stderr, 'text-too-long')).toEqual([])
    expect(run.validate.code).toBe(0)
  })
})
