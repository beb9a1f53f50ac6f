import {describe, expect, it} from 'vitest'
import {entryYaml, linesWithRule, runOnHostileList} from '../support/hostile.js'

const entry = 'entries/agent/foo.yaml'

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
const unprintable = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

/** An entry file's bytes with raw `bytes` spliced into the description. */
function withBytes(bytes: number[]): Uint8Array {
  const [before, after] = entryYaml({description: 'A fine @@ project'}).split('@@') as [
    string,
    string
  ]
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)])
}

async function expectRefusedAt(
  files: Record<string, string | Uint8Array>,
  ruleId: string,
  expected: string
): Promise<string> {
  const run = await runOnHostileList(files)
  expect(run.validate.code).toBe(1)
  expect(run.build.code).toBe(1)
  expect(run.unchanged).toBe(true)
  expect(run.output).not.toMatch(/^\s+at /m)
  // What was refused is named, never echoed: no raw control byte reaches the terminal.
  expect(run.output).not.toMatch(unprintable)
  const [line] = linesWithRule(run.validate.stderr, ruleId)
  expect(line).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
  return run.output
}

describe('bytes that are not UTF-8', () => {
  it.each([
    ['a lone 0xFF byte', [0xff]],
    ['a truncated three-byte character', [0xe4, 0xb8]],
    ['an overlong encoding of /', [0xc0, 0xaf]],
    ['an encoded UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['Latin-1 text', [0x63, 0x61, 0x66, 0xe9]]
  ])('%s is refused at its position', async (_, bytes) => {
    const column = 'description: A fine '.length + 1 + (bytes[0] === 0x63 ? 3 : 0)
    await expectRefusedAt(
      {[entry]: withBytes(bytes)},
      'invalid-utf8',
      `${entry}:3:${column}: error Invalid UTF-8: these bytes are not text`
    )
  })

  it('a file saved as UTF-16 is refused at its first character', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(entryYaml(), 'utf16le')])
    await expectRefusedAt({[entry]: utf16}, 'invalid-utf8', `${entry}:1:1: error Invalid UTF-8`)
  })

  it('a Markdown template with bad bytes is refused too', async () => {
    const template = Buffer.concat([
      Buffer.from('# Title\n\nSome '),
      Buffer.from([0xfe]),
      Buffer.from(' text\n')
    ])
    await expectRefusedAt(
      {'templates/README.en.md': template},
      'invalid-utf8',
      'templates/README.en.md:3:6: error Invalid UTF-8'
    )
  })
})

describe('control characters', () => {
  it.each([
    ['NUL', [0x00], 'U+0000 (NUL)'],
    ['BEL', [0x07], 'U+0007 (BEL)'],
    ['an ANSI escape that clears the screen', [0x1b, 0x5b, 0x32, 0x4a], 'U+001B (ESC)'],
    ['DEL', [0x7f], 'U+007F (DEL)'],
    ['a C1 control (NEL, as UTF-8)', [0xc2, 0x85], 'U+0085'],
    ['a line separator', [0xe2, 0x80, 0xa8], 'U+2028 (LINE SEPARATOR)'],
    ['a vertical tab', [0x0b], 'U+000B']
  ])('%s is refused at its position, named and not echoed', async (_, bytes, name) => {
    await expectRefusedAt(
      {[entry]: withBytes(bytes)},
      'control-character',
      `${entry}:3:21: error Control character ${name}`
    )
  })

  it('many of them give one diagnostic with a count, not thousands', async () => {
    const run = await runOnHostileList({[entry]: withBytes(Array(5000).fill(0))})
    expect(linesWithRule(run.validate.stderr, 'control-character')).toEqual([
      `${entry}:3:21: error Control character U+0000 (NUL) is not allowed; delete it (only tabs and line breaks may appear) (4999 more in this file) (control-character)`
    ])
  })

  it('tabs in a block text and Windows line ends are still accepted', async () => {
    const run = await runOnHostileList({
      [entry]: entryYaml({description: '|-\n  a\ttabbed text'}).replaceAll('\n', '\r\n')
    })
    expect(run.validate).toMatchObject({code: 0, stderr: ''})
  })
})

describe('bidirectional controls anywhere in a file', () => {
  it.each([
    ['a right-to-left override in a name', entryYaml({name: 'Foo\u202Eexe.txt'}), 1, 10, 'U+202E'],
    [
      'an isolate in a description',
      entryYaml({description: 'safe \u2066hidden\u2069 text'}),
      3,
      19,
      'U+2066'
    ],
    ['an embedding in a URL', entryYaml({url: 'https://example.org/\u202Bfoo'}), 2, 26, 'U+202B'],
    ['a pop in a comment', `# ok \u202C\n${entryYaml()}`, 1, 6, 'U+202C']
  ])('%s is refused at its position', async (_, content, line, column, code) => {
    await expectRefusedAt(
      {[entry]: content},
      'bidi-control',
      `${entry}:${line}:${column}: error Bidirectional control ${code} is not allowed`
    )
  })
})

describe('the same characters written as escapes in a quoted string', () => {
  it.each([
    [
      'a right-to-left override',
      entryYaml({name: '"Foo\\u202Eexe.txt"'}),
      '1:7',
      'bidi-control',
      'U+202E'
    ],
    ['a NUL', entryYaml({description: '"a\\0b"'}), '3:14', 'control-character', 'U+0000 (NUL)'],
    [
      'an escape sequence',
      entryYaml({description: '"a\\e[2Jb"'}),
      '3:14',
      'control-character',
      'U+001B (ESC)'
    ],
    ['a C1 control', entryYaml({description: '"a\\x85b"'}), '3:14', 'control-character', 'U+0085'],
    [
      'a replacement character',
      entryYaml({description: '"a\\uFFFDb"'}),
      '3:14',
      'invalid-utf8',
      'Invalid UTF-8'
    ]
  ])('%s is refused at the text', async (_, content, position, ruleId, words) => {
    const output = await expectRefusedAt({[entry]: content}, ruleId, `${entry}:${position}: error `)
    expect(linesWithRule(output, ruleId)[0]).toContain(words)
    expect(linesWithRule(output, ruleId)[0]).toContain('(written as an escape)')
  })

  it('an escaped line break or tab is still text', async () => {
    const run = await runOnHostileList({
      [entry]: entryYaml({description: '"two\\nlines\\tand a tab"'})
    })
    expect(run.validate).toMatchObject({code: 0, stderr: ''})
  })
})
