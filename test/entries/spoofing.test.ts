import {describe, expect, it} from 'vitest'
import {entryYaml, linesWithRule, runOnHostileList} from '../support/hostile.js'

const entry = 'entries/agent/foo.yaml'
const sentinel = 'S3ntinelPassw0rd'

async function expectError(
  files: Record<string, string>,
  ruleId: string,
  start: string
): Promise<void> {
  const run = await runOnHostileList(files)
  expect(run.validate.code).toBe(1)
  expect(run.build.code).toBe(1)
  expect(run.unchanged).toBe(true)
  expect(run.output).not.toContain(sentinel)
  const lines = linesWithRule(run.validate.stderr, ruleId)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
}

describe('invisible characters in names and URLs', () => {
  it.each([
    [
      'a zero-width space in a name',
      {[entry]: entryYaml({name: 'Auto\u200BGen'})},
      '1:11',
      'U+200B (ZERO WIDTH SPACE) in a name'
    ],
    [
      'a right-to-left mark in one language of a name',
      {[entry]: entryYaml({name: '\n  en: Foo\n  zh: 福\u200F'})},
      '3:8',
      'U+200F (RIGHT-TO-LEFT MARK) in a name'
    ],
    [
      'a zero-width joiner in a link name',
      {
        [entry]: `${entryYaml()}links:\n  - name: Pa\u200Dper\n    url: https://example.org/paper\n`
      },
      '6:13',
      'U+200D (ZERO WIDTH JOINER) in a name'
    ],
    [
      'a soft hyphen in a section title',
      {
        'entries/agent/_section.yaml':
          'title:\n  en: Ag\u00ADent\n  zh: 智能体\norder: 2\ncolumns:\n  - name\n  - description\n'
      },
      '2:9',
      'U+00AD (SOFT HYPHEN) in a title'
    ],
    [
      'a zero-width space in a URL host',
      {[entry]: entryYaml({url: 'https://git\u200Bhub.com/microsoft/autogen'})},
      '2:6',
      'U+200B (ZERO WIDTH SPACE) in a URL'
    ],
    [
      'a word joiner in a link URL',
      {
        [entry]: `${entryYaml()}links:\n  - name: Paper\n    url: https://arxiv.org/abs/\u20602301.00001\n`
      },
      '7:10',
      'U+2060 (WORD JOINER) in a URL'
    ],
    [
      'a zero-width no-break space in a link inside a description',
      {[entry]: entryYaml({description: 'See [the docs](https://exa\uFEFFmple.org/docs).'})},
      '3:29',
      'U+FEFF (ZERO WIDTH NO-BREAK SPACE) in a URL'
    ]
  ])('%s is an error at its position', async (_, files, position, words) => {
    const file = Object.keys(files)[0]!
    await expectError(
      files,
      'invisible-character',
      `${file}:${position}: error Invisible character ${words}`
    )
  })

  it('a zero-width joiner inside an emoji in a description stays allowed', async () => {
    const run = await runOnHostileList({
      [entry]: entryYaml({description: 'Made by 👩\u200D💻 people'})
    })
    expect(run.validate).toMatchObject({code: 0, stderr: ''})
  })
})

describe('credentials in URLs', () => {
  it.each([
    [
      'user and password in the main URL',
      entryYaml({url: `https://admin:${sentinel}@github.com/o/r`}),
      '2:6'
    ],
    ['a password with no user', entryYaml({url: `https://:${sentinel}@example.org/`}), '2:6'],
    ['a user name alone', entryYaml({url: `https://${sentinel}@example.org/`}), '2:6'],
    [
      'credentials in a link inside a description',
      entryYaml({description: `Mirror at [here](https://u:${sentinel}@example.org/x).`}),
      '3:31'
    ],
    [
      'credentials in a second language of the URL',
      entryYaml({url: `\n  en: https://example.org/en\n  zh: http://u:${sentinel}@example.cn/zh`}),
      '4:7'
    ]
  ])('%s is an error that never repeats them', async (_, content, position) => {
    await expectError(
      {[entry]: content},
      'url-credentials',
      `${entry}:${position}: error URL has credentials (\`…@\` before the host); remove them`
    )
  })

  it('an @ after the host (a path, a query) is not a credential', async () => {
    const run = await runOnHostileList({
      [entry]: `${entryYaml({url: 'https://github.com/o/r/tree/v1@2'})}links:\n  - name: Mail\n    url: https://example.org/?to=a@b.example\n`
    })
    expect(run.validate).toMatchObject({code: 0, stderr: ''})
  })
})

describe('hosts that imitate others', () => {
  it.each([
    [
      'Latin with a Cyrillic і',
      entryYaml({url: 'https://gіthub.com/microsoft/autogen'}),
      '2:6',
      'Host `gіthub.com` mixes Cyrillic and Latin letters in `gіthub` (it reads as `github.com`)'
    ],
    [
      'the same host written as punycode',
      entryYaml({url: 'https://xn--gthub-n2e.com/microsoft/autogen'}),
      '2:6',
      'Host `gіthub.com` mixes Cyrillic and Latin letters in `gіthub` (it reads as `github.com`)'
    ],
    [
      'a whole label in Cyrillic look-alikes',
      entryYaml({url: 'https://аррӏе.com/'}),
      '2:6',
      'Host `аррӏе.com` is written in Cyrillic letters that look like Latin ones in `аррӏе`'
    ],
    [
      'a Cyrillic е in a link inside a description',
      entryYaml({description: 'Weights on [the Hub](https://huggingfacе.co/org/model).'}),
      '3:35',
      'Host `huggingfacе.co` mixes Cyrillic and Latin letters in `huggingfacе` (it reads as `huggingface.co`)'
    ],
    [
      'Greek and Latin',
      entryYaml({url: 'https://arxιv.org/abs/2301.00001'}),
      '2:6',
      'Host `arxιv.org` mixes Greek and Latin letters in `arxιv` (it reads as `arxiv.org`)'
    ]
  ])('%s is a warning that names the host', async (_, content, position, message) => {
    const run = await runOnHostileList({[entry]: content})
    expect(run.validate.code).toBe(0)
    expect(linesWithRule(run.validate.stderr, 'confusable-host')).toEqual([
      `${entry}:${position}: warning ${message}; check that the link goes where it seems to, and write the host in one script (confusable-host)`
    ])
  })

  it.each([
    ['Chinese', 'https://中文.example/'],
    ['Japanese, with kanji and kana in one label', 'https://例え.jp/'],
    ['Latin with accents', 'https://bücher.de/'],
    ['all Cyrillic words', 'https://яндекс.рф/']
  ])('a host in %s is not flagged', async (_, url) => {
    const run = await runOnHostileList({[entry]: entryYaml({url})})
    expect(run.validate).toMatchObject({code: 0, stderr: ''})
  })
})
