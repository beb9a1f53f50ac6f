import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {afterEach, describe, expect, it} from 'vitest'
import {parseDocument} from 'yaml'
import type {CliContext} from '../../src/cli/context.js'
import {newEntry} from '../../src/cli/commands/new-entry.js'
import {yamlWriteOptions} from '../../src/entries/yaml-style.js'
import {type Prompter, PromptClosed, readlinePrompter} from '../../src/scaffold/prompt.js'
import {copyList, exists, runCli, snapshotTree} from '../support/cli.js'

const fixture = path.join(import.meta.dirname, 'fixtures', 'list')
// Local time on purpose: `added` is the contributor's own date.
const clock = () => new Date(2025, 5, 1, 23, 30)

let cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(cleanups.map(cleanup => cleanup()))
  cleanups = []
})

async function list(): Promise<string> {
  const {dir, cleanup} = await copyList(undefined, fixture)
  cleanups.push(cleanup)
  return dir
}

/** Run `new-entry` in-process with a fixed clock and, optionally, scripted answers. */
async function scaffold(
  cwd: string,
  argv: string[],
  answers?: string[]
): Promise<{code: number; stdout: string; stderr: string; asked: string[]}> {
  let stdout = ''
  let stderr = ''
  const asked: string[] = []
  const context: CliContext = {
    cwd,
    env: {},
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    isTTY: answers !== undefined
  }
  const prompter: Prompter | undefined = answers && {
    ask: async question => {
      asked.push(question)
      const answer = answers.shift()
      if (answer === undefined) throw new PromptClosed('no more answers')
      return answer
    },
    close: () => {}
  }
  const code = await newEntry(argv, context, {now: clock, prompter: () => prompter})
  return {code, stdout, stderr, asked}
}

describe('new-entry from options', () => {
  it('writes the entry with the schema line, pinned style and today’s date, and names the next step', async () => {
    const dir = await list()
    const result = await scaffold(dir, [
      '--section',
      'agent',
      '--name',
      'Foo Agent',
      '--url',
      'https://github.com/foo/foo-agent',
      '--contributor',
      '@foo',
      '--description',
      'Plans with *tools*.',
      '--description-zh',
      '使用工具做规划。'
    ])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    const text = await readFile(path.join(dir, 'entries/agent/foo-agent.yaml'), 'utf8')
    expect(text).toBe(
      [
        '# yaml-language-server: $schema=../../schema/entry.schema.json',
        '',
        'name: Foo Agent',
        'url: https://github.com/foo/foo-agent',
        'contributor: "@foo"',
        'description:',
        '  en: Plans with *tools*.',
        '  zh: 使用工具做规划。',
        'added: 2025-06-01',
        ''
      ].join('\n')
    )
    expect(result.stdout).toContain('Created entries/agent/foo-agent.yaml')
    expect(result.stdout).toContain(
      'then commit entries/agent/foo-agent.yaml alone and open a pull request; leave README.md and README.zh-CN.md as they are: main rebuilds them after the merge.'
    )
    // A rewrite with the pinned options is byte-identical: `--apply` can edit it later without noise.
    expect(parseDocument(text, yamlWriteOptions).toString(yamlWriteOptions)).toBe(text)
  })

  it('produces an entry that validates and shows up in every README', async () => {
    const dir = await list()
    const created = await scaffold(dir, [
      '--section=base-models',
      '--name=Qwen2',
      '--url=https://github.com/QwenLM/Qwen2',
      '--license',
      'Apache-2.0',
      '--language',
      'en/zh',
      '--description',
      'Base and chat models.'
    ])
    expect(created.code).toBe(0)
    expect(await runCli(dir, ['validate'])).toMatchObject({
      code: 0,
      stdout: '3 entries in 2 sections are valid\n'
    })
    expect((await runCli(dir, ['build-readme'])).code).toBe(0)
    const row = '| Apache-2.0 | en/zh | Base and chat models. |'
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toContain(
      `[Qwen2](https://github.com/QwenLM/Qwen2) ${row}`
    )
    expect(await readFile(path.join(dir, 'README.zh-CN.md'), 'utf8')).toContain(
      `[Qwen2](https://github.com/QwenLM/Qwen2) ${row}`
    )
  })

  it('writes one string when every language reads the same, and a map only for what differs', async () => {
    const dir = await list()
    await scaffold(dir, [
      '--section',
      'agent',
      '--name',
      'Same',
      '--url',
      'https://example.org/same',
      '--description-en',
      'x',
      '--description-zh',
      'x'
    ])
    expect(await readFile(path.join(dir, 'entries/agent/same.yaml'), 'utf8')).toContain(
      '\ndescription: x\n'
    )
    await scaffold(dir, [
      '--section',
      'agent',
      '--name',
      'Only Chinese',
      '--url',
      'https://example.org/zh',
      '--description-zh',
      '中文'
    ])
    expect(await readFile(path.join(dir, 'entries/agent/only-chinese.yaml'), 'utf8')).toContain(
      '\ndescription:\n  zh: 中文\n'
    )
  })

  it('takes the file name from the URL when the name has no Latin letters, or from --slug', async () => {
    const dir = await list()
    expect(
      (
        await scaffold(dir, [
          '--section',
          'agent',
          '--name',
          '智能体',
          '--url',
          'https://github.com/example/zhinengti'
        ])
      ).code
    ).toBe(0)
    expect(await exists(path.join(dir, 'entries/agent/zhinengti.yaml'))).toBe(true)
    expect(
      (
        await scaffold(dir, [
          '--section',
          'agent',
          '--name',
          'Other',
          '--url',
          'https://example.org/o',
          '--slug',
          'my-other'
        ])
      ).code
    ).toBe(0)
    expect(await exists(path.join(dir, 'entries/agent/my-other.yaml'))).toBe(true)
  })

  it('suggests the section meant by a typo and writes nothing', async () => {
    const dir = await list()
    const before = await snapshotTree(dir)
    const result = await scaffold(dir, [
      '--section',
      'agnet',
      '--name',
      'Foo',
      '--url',
      'https://example.org/foo'
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'Unknown section `agnet`: `entries/agnet/_section.yaml` does not exist; did you mean `agent`?'
    )
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it('lists the sections when nothing is close', async () => {
    const dir = await list()
    const result = await scaffold(dir, [
      '--section',
      'zzz',
      '--name',
      'Foo',
      '--url',
      'https://example.org/foo'
    ])
    expect(result.stderr).toContain('expected one of: `agent`, `base-models`')
  })

  it('refuses a section that only groups subsections, naming them', async () => {
    const dir = await list()
    await mkdir(path.join(dir, 'entries/data'))
    await writeFile(path.join(dir, 'entries/data/_section.yaml'), 'title: Data\norder: 3\n')
    await mkdir(path.join(dir, 'entries/pretrain-data'))
    await writeFile(
      path.join(dir, 'entries/pretrain-data/_section.yaml'),
      'title: Pretrain Data\nparent: data\norder: 1\ncolumns: [name, description]\n'
    )
    const result = await scaffold(dir, [
      '--section',
      'data',
      '--name',
      'Foo',
      '--url',
      'https://example.org/foo'
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'Section `data` has no table, only subsections; choose one of: `pretrain-data`'
    )
  })

  it('never overwrites an entry', async () => {
    const dir = await list()
    const before = await snapshotTree(dir)
    const result = await scaffold(dir, [
      '--section',
      'agent',
      '--name',
      'AutoGen',
      '--url',
      'https://example.org/another-autogen'
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      '`entries/agent/autogen.yaml` exists already; edit that file, or pass `--slug`'
    )
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it('validates before writing: a file with errors is not left behind', async () => {
    const dir = await list()
    const before = await snapshotTree(dir)
    const result = await scaffold(dir, [
      '--section',
      'agent',
      '--name',
      'AutoGen Copy',
      '--url',
      'https://github.com/microsoft/autogen/',
      '--description',
      '<b>Bold</b>'
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'entries/agent/autogen-copy.yaml:4:6: error Duplicate project: https://github.com/microsoft/autogen/ is already listed by `entries/agent/autogen.yaml`; merge the two entries (duplicate-url)'
    )
    expect(result.stderr).toMatch(
      /entries\/agent\/autogen-copy\.yaml:5:\d+: error Raw HTML `<b>` is not allowed/
    )
    expect(result.stderr).toContain('new-entry: entries/agent/autogen-copy.yaml was not written')
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it('shows the validator’s warnings, but writes the file', async () => {
    const dir = await list()
    const result = await scaffold(dir, [
      '--section',
      'base-models',
      '--name',
      'AutoGen Studio',
      '--url',
      'https://github.com/microsoft/autogen-studio',
      '--used-in',
      'agents'
    ])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(
      'entries/base-models/autogen-studio.yaml:5:1: warning Field `used_in` is not shown'
    )
    expect(await exists(path.join(dir, 'entries/base-models/autogen-studio.yaml'))).toBe(true)
  })

  it('refuses a project listed in another section under another spelling, and names see_also', async () => {
    const dir = await list()
    const result = await scaffold(dir, [
      '--section',
      'base-models',
      '--name',
      'AutoGen',
      '--url',
      'http://www.github.com/Microsoft/AutoGen.git'
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'is already listed by `entries/agent/autogen.yaml` in section `agent`; merge the two entries, or list it twice on purpose with `see_also: agent/autogen`'
    )
    expect(await exists(path.join(dir, 'entries/base-models/autogen.yaml'))).toBe(false)
  })

  it('says which values are missing when it cannot ask', async () => {
    const dir = await list()
    const result = await scaffold(dir, ['--name', 'Foo'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Missing `--section`, `--url`; run in a terminal to be asked')
    expect(result.stderr).toContain('usage: new-entry')
  })

  it('rejects bad values with what would be right', async () => {
    const dir = await list()
    const result = await scaffold(dir, [
      '--section',
      'agent',
      '--name',
      'Foo',
      '--url',
      'github.com/foo',
      '--added',
      '2025-02-30',
      '--slug',
      'Foo Bar'
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Invalid URL `github.com/foo`; expected a full http(s) address')
    expect(result.stderr).toContain('Invalid date `2025-02-30` for `--added`')
    expect(result.stderr).toContain(
      'Invalid slug `Foo Bar`; expected lowercase letters and digits joined by hyphens, e.g. `foo-bar`'
    )
  })

  it('is registered in the CLI, where unknown options are usage errors with a suggestion', async () => {
    const dir = await list()
    const result = await runCli(dir, ['new-entry', '--descripton', 'x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'new-entry: unknown option `--descripton`; did you mean `--description`?'
    )
    expect((await runCli(dir, ['new-entry', '--help'])).stdout).toContain(
      'usage: new-entry --section <id>'
    )
  })
})

describe('new-entry by asking', () => {
  it('asks for what is missing, re-asks after a typo or a bad URL, then for each column of the section', async () => {
    const dir = await list()
    const result = await scaffold(
      dir,
      ['--name', 'Bar Bot'],
      [
        'agnet',
        'agent',
        'not a url',
        'https://github.com/bar/bot',
        '@bar',
        'A bot.',
        '一个机器人。'
      ]
    )
    expect(result.code).toBe(0)
    expect(result.asked).toEqual([
      'Section: ',
      'Section: ',
      'URL (https://…): ',
      'URL (https://…): ',
      'contributor (Enter to skip): ',
      'description (Enter to skip): ',
      'description in 简体中文 (Enter: the same text): '
    ])
    expect(result.stdout).toContain('Sections:\n  agent')
    expect(result.stdout).toContain('did you mean `agent`?')
    expect(result.stdout).toContain('Invalid URL `not a url`')
    expect(await readFile(path.join(dir, 'entries/agent/bar-bot.yaml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/entry.schema.json\n\nname: Bar Bot\nurl: https://github.com/bar/bot\ncontributor: "@bar"\ndescription:\n  en: A bot.\n  zh: 一个机器人。\nadded: 2025-06-01\n'
    )
  })

  it('skips optional fields left blank and asks for another file name when the slug is taken', async () => {
    const dir = await list()
    const result = await scaffold(
      dir,
      ['--section', 'base-models'],
      ['LLaMA', 'https://github.com/meta-llama/llama3', 'llama', 'llama-3', '', '', '', '']
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'entries/base-models/llama.yaml exists already: if it is the same project, edit that file instead'
    )
    expect(await readFile(path.join(dir, 'entries/base-models/llama-3.yaml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/entry.schema.json\n\nname: LLaMA\nurl: https://github.com/meta-llama/llama3\nadded: 2025-06-01\n'
    )
  })

  it('stops without writing when the input ends', async () => {
    const dir = await list()
    const before = await snapshotTree(dir)
    const result = await scaffold(dir, [], ['agent'])
    expect(result.code).toBe(130)
    expect(result.stderr).toContain('stopped; nothing was written')
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it('does not ask when every required value is given', async () => {
    const dir = await list()
    const result = await scaffold(
      dir,
      ['--section', 'agent', '--name', 'Quiet', '--url', 'https://example.org/quiet'],
      []
    )
    expect(result.code).toBe(0)
    expect(result.asked).toEqual([])
  })
})

describe('readlinePrompter', () => {
  it('answers each question from the input and rejects with PromptClosed at its end', async () => {
    const input = new PassThrough()
    const output = new PassThrough()
    let printed = ''
    const answers = ['first', 'second']
    // Answer only once a question is printed, as a person would.
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString()
      const next = answers.shift()
      if (next === undefined) input.end()
      else input.write(`${next}\n`)
    })
    const prompter = readlinePrompter(input, output)
    expect(await prompter.ask('One? ')).toBe('first')
    expect(await prompter.ask('Two? ')).toBe('second')
    await expect(prompter.ask('Three? ')).rejects.toBeInstanceOf(PromptClosed)
    prompter.close()
    expect(printed).toBe('One? Two? Three? ')
  })
})
