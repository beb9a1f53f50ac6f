import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {
  parseWithLibrary,
  parseYamlFile,
  positionAt,
  type YamlFile
} from '../../src/entries/yaml-file.js'
import {parseYamlSubset} from '../../src/entries/yaml-subset.js'
import {projectRoot} from '../support/cli.js'
import {seededRandom} from '../support/random.js'

type Segment = string | number

/** Every path into a value, plus a few that do not exist (positions fall back to an ancestor). */
function paths(value: unknown, prefix: Segment[] = []): Segment[][] {
  const found: Segment[][] = [prefix, [...prefix, 'missing'], [...prefix, 99]]
  if (Array.isArray(value))
    for (const [index, item] of value.entries()) found.push(...paths(item, [...prefix, index]))
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...prefix, key]))
  return found
}

/** Whether the subset reader took `source`; when it did, it must agree with the `yaml` library on data and every position. */
function expectAgreement(source: string): boolean {
  if (!parseYamlSubset(source)) return false
  const fast = parseYamlFile('f.yaml', source)
  // Control characters are refused in every file before either reader runs (encoding.ts).
  if (fast.diagnostics.some(d => d.ruleId === 'control-character')) return false
  const library = parseWithLibrary('f.yaml', source)
  expect({source, errors: library.diagnostics}).toEqual({source, errors: []})
  expect({source, data: fast.yaml.data}).toEqual({source, data: library.yaml.data})
  const where = (yaml: YamlFile) =>
    paths(yaml.data).map(at => [at.join('.'), positionAt(yaml, at), positionAt(yaml, at, true)])
  expect({source, positions: where(fast.yaml)}).toEqual({source, positions: where(library.yaml)})
  return true
}

async function yamlFiles(dir: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      found.push(...(await yamlFiles(full)))
    else if (/\.ya?ml$/.test(entry.name)) found.push(full)
  }
  return found
}

describe('parseYamlSubset', () => {
  it('agrees with the yaml library on every YAML file of the project and its tests, and reads nearly all entry files', async () => {
    const files = [
      ...(await yamlFiles(path.join(projectRoot, 'entries'))),
      ...(await yamlFiles(path.join(projectRoot, 'templates'))),
      ...(await yamlFiles(path.join(projectRoot, 'test')))
    ]
    let entries = 0
    let taken = 0
    for (const file of files) {
      const ok = expectAgreement(await readFile(file, 'utf8'))
      if (file.startsWith(path.join(projectRoot, 'entries'))) {
        entries++
        if (ok) taken++
      }
    }
    expect(entries).toBeGreaterThan(400)
    expect(taken / entries).toBeGreaterThan(0.95)
  })

  it('declines what only the yaml library can read', () => {
    const declined = [
      'a: [1, 2]',
      'a: {b: 1}',
      'a: &x 1\nb: *x',
      'a: !!str 1',
      'a: "x\\ny"',
      'a: "x\n  y"',
      'a: x\n  y',
      "a: 'x\n  y'",
      'a: >-\n  folded',
      'a: |+\n  keep\n',
      'a: |2\n   x',
      'a: 1.5',
      'a: 0x1F',
      'a: .inf',
      'a:\n- x',
      'a:',
      'a: 1\na: 2',
      '"a": 1',
      '? a\n: 1',
      '- a',
      'a',
      '',
      '# only a comment',
      '---\na: 1',
      'a: 1 # c',
      'a: "x" # c',
      'a: b: c',
      'a:\tb',
      'a: 1\r\nb: 2',
      '\uFEFFa: 1',
      '__proto__: 1',
      'a: @x',
      'a: `x`',
      'a: x:',
      'a:\n  - x\n   - y',
      'a: 99999999999999999999',
      'a: |\n\n   \n  x',
      'a:\n  - |\n    x',
      'a:\n  - x\n b: 1',
      'a:\n    b: 1\n  c: 2',
      'a:\n  -  x',
      'a:\n  -   b: 1',
      'a: 1\n---\nb: 2',
      'a: 1\n...',
      // Found by an adversarial fuzzer: keys YAML reads as null or booleans, over-long keys, white space other than spaces.
      'null: 1',
      'True: 1',
      'a:\n  FALSE: x',
      `${'k'.repeat(1025)}: 1`,
      'a: "x"\u00a0',
      'a:\n\u00a0\u00a0b: 1',
      'a: 1\n\u00a0\nb: 2',
      'a: |\n  x\n\u00a0\n  y'
    ]
    for (const source of declined)
      expect({source, read: parseYamlSubset(source) !== undefined}).toEqual({source, read: false})
  })

  it('agrees with the yaml library on 5,000 generated documents', () => {
    const {next, pick} = seededRandom(20261127)
    // Mostly what the files hold, often something odd: both kinds must be common.
    const usual = [
      'plain text',
      'a',
      '2023-06-11',
      '12',
      '-3',
      '+4',
      '007',
      'null',
      'Null',
      '~',
      'true',
      'FALSE',
      'yes',
      'no',
      '"quoted # not a comment"',
      "'it''s'",
      '"@org"',
      "'a: b'",
      'a #b',
      'https://example.org/a?b=c#d',
      '-x',
      ':x',
      '中文 描述',
      '""',
      "''",
      'trailing  ',
      'a,b'
    ]
    const odd = [
      'x\u00a0',
      '\u3000',
      'x\u2028',
      'x\f',
      '\u00a0x',
      '"x"\u00a0',
      '1.5',
      '.5',
      '0x1F',
      'a # b',
      'a: b',
      'x:',
      '- x',
      '? x',
      '[x]',
      '{x}',
      '&a x',
      '*a',
      '!t x',
      '|',
      '>',
      '%x',
      '@x',
      '`x`',
      '"unclosed',
      "'unclosed",
      '"a\\"b"'
    ]
    const scalar = () => pick(next() < 0.85 ? usual : odd)
    const keys = ['name', 'url', 'en', 'zh', 'added', 'order', 'a-b', 'a_b', 'A1']
    const oddKeys = [
      '"q"',
      'k k',
      '1x',
      'null',
      'True',
      'FALSE',
      'true',
      'k'.repeat(1025),
      '\u00a0k'
    ]
    const key = () => pick(next() < 0.9 ? keys : oddKeys)
    const block = (indent: string) => {
      const lines = Array.from({length: 1 + Math.floor(next() * 4)}, () =>
        pick([
          'text',
          'more text',
          'text',
          'more text',
          '',
          '  indented',
          '- item',
          '# not a comment',
          'a: b',
          '   ',
          '\u00a0x',
          'x\u3000'
        ])
      )
      return lines
        .map(line => (line === '' ? pick(['', indent, `${indent} `]) : `${indent}  ${line}`))
        .join('\n')
    }
    const mapping = (indent: string, depth: number): string => {
      const lines: string[] = []
      for (let i = 0, n = 1 + Math.floor(next() * 4); i < n; i++) {
        const name = key()
        const kind = next()
        if (kind < 0.5 || depth > 2)
          lines.push(`${indent}${name}:${pick([' ', '  ', ''])}${scalar()}`)
        else if (kind < 0.65)
          lines.push(
            `${indent}${name}: ${pick(['|-', '|', '|-', '|', '|-', '|', '|+', '>-', '|2', '|-  '])}\n${block(indent)}`
          )
        else if (kind < 0.8)
          lines.push(
            `${indent}${name}:\n${mapping(`${indent}${pick(['  ', '  ', '    ', ' '])}`, depth + 1)}`
          )
        else {
          const inner = `${indent}${pick(['  ', '  ', ''])}`
          const items = Array.from({length: 1 + Math.floor(next() * 3)}, () =>
            next() < 0.5
              ? `${inner}- ${scalar()}`
              : `${inner}- ${mapping(`${inner}  `, depth + 1).slice(inner.length + 2)}`
          )
          lines.push(`${indent}${name}:\n${items.join('\n')}`)
        }
        if (next() < 0.05)
          lines.push(pick(['', '# comment', `${indent}# comment`, '   ', `${indent}  stray`]))
      }
      return lines.join('\n')
    }
    let taken = 0
    for (let i = 0; i < 5_000; i++) {
      const source = `${pick(['', '# yaml-language-server: $schema=x\n\n', '\n'])}${mapping('', 0)}${pick(['\n', '', '\n\n'])}`
      if (expectAgreement(source)) taken++
    }
    // Enough of both kinds for the comparison to mean something.
    expect(taken).toBeGreaterThan(500)
    expect(taken).toBeLessThan(4_500)
  })
})
