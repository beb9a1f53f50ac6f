import {describe, expect, it} from 'vitest'
import {defineCommand} from '../../src/cli/define.js'
import {commands as cliCommands, summaries} from '../../src/cli/index.js'
import {copyList, projectRoot, runCli} from '../support/cli.js'

// Every command answers `--help` with exit 0 and its options; usage errors exit 2 and show the usage.
const commands = [
  'validate',
  'build-readme',
  'build-site',
  'new-entry',
  'preview',
  'check-generated',
  'import',
  'translations',
  'check-links',
  'merge-reports'
]

describe('node dist/cli.js --help', () => {
  it.each(['--help', '-h', 'help'])(
    '`%s` lists every command with its summary, exit 0',
    async flag => {
      const result = await runCli(projectRoot, [flag])
      expect(result.code).toBe(0)
      expect(result.stderr).toBe('')
      for (const name of commands)
        expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S.+$`, 'm'))
    }
  )

  it('an unknown command exits 2 and lists the commands', async () => {
    const result = await runCli(projectRoot, ['buidl-readme'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /^Unknown command `buidl-readme`\n\nUsage: node dist\/cli\.js <command>/
    )
    expect(result.stderr).toMatch(/^ {2}build-readme +Render/m)
  })

  it('no command exits 2 and lists the commands', async () => {
    const result = await runCli(projectRoot, [])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^Missing command\n\nUsage:/)
  })
})

describe.each(commands)('%s', name => {
  it('answers --help with exit 0, printing its options', async () => {
    const {dir, cleanup} = await copyList()
    try {
      const result = await runCli(dir, [name, '--help'])
      expect(result).toMatchObject({code: 0, stderr: ''})
      expect(result.stdout).toMatch(new RegExp(`^usage: ${name} `, 'i'))
      expect(result.stdout).toContain('--help')
    } finally {
      await cleanup()
    }
  })

  it('rejects an unknown option with exit 2, the message and the usage', async () => {
    const {dir, cleanup} = await copyList()
    try {
      const result = await runCli(dir, [name, '--no-such-option'])
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(new RegExp(`^${name}: unknown option \`--no-such-option\``))
      expect(result.stderr).toMatch(new RegExp(`\\n\\nusage: ${name} `, 'i'))
    } finally {
      await cleanup()
    }
  })
})

describe('the command list', () => {
  it('shows each command with the summary its module declares, without loading the modules', async () => {
    expect(Object.keys(summaries).sort()).toEqual(Object.keys(cliCommands).sort())
    for (const [name, load] of Object.entries(cliCommands)) {
      const {command} = await load()
      expect({name: command.name, summary: command.summary}).toEqual({
        name,
        summary: summaries[name]
      })
    }
  })

  it('answers a usage error of a command that takes exactly one option, with the usage', async () => {
    const result = await runCli(projectRoot, ['translations', '--list', '--export', 'x.csv'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^translations: give one of `--list`, `--export` and `--import`/)
    expect(result.stderr).toMatch(/\n\nusage: translations /i)
  })
})

describe('defineCommand', () => {
  const command = defineCommand({
    name: 'demo',
    summary: 'A command for this test',
    options: {
      out: {type: 'string', value: 'dir', description: 'where to write'},
      tag: {type: 'string', value: 'name', multiple: true, description: 'a tag'},
      dry: {type: 'boolean', short: 'n', description: 'write nothing'}
    },
    positionals: '<file>…',
    epilog: 'Exit code: 0.',
    run: async ({values, positionals}, context) => {
      context.stdout(JSON.stringify({values, positionals}))
      return 0
    }
  })
  const context = () => {
    const output = {stdout: '', stderr: ''}
    return {
      output,
      context: {
        cwd: projectRoot,
        env: {},
        isTTY: false,
        stdout: (text: string) => {
          output.stdout += text
        },
        stderr: (text: string) => {
          output.stderr += text
        }
      }
    }
  }

  it('generates the help from the declaration', async () => {
    const {output, context: ctx} = context()
    expect(await command.run(['-h'], ctx)).toBe(0)
    expect(output.stdout).toBe(
      [
        'Usage: demo [options] <file>…',
        '',
        'A command for this test',
        '',
        'Options:',
        '      --out <dir>   where to write',
        '      --tag <name>  a tag (repeatable)',
        '  -n, --dry         write nothing',
        '  -h, --help        show this help',
        '',
        'Exit code: 0.',
        ''
      ].join('\n')
    )
    expect(command.usage).toBe(output.stdout)
  })

  it('passes typed values and positionals to run', async () => {
    const {output, context: ctx} = context()
    expect(await command.run(['--out', 'x', '--tag', 'a', '--tag=b', '-n', 'f.yaml'], ctx)).toBe(0)
    expect(JSON.parse(output.stdout)).toEqual({
      values: {out: 'x', tag: ['a', 'b'], dry: true},
      positionals: ['f.yaml']
    })
  })

  it('turns parse errors into usage errors, suggesting the option meant', async () => {
    const {context: ctx} = context()
    await expect(command.run(['--outt'], ctx)).rejects.toThrow(
      'unknown option `--outt`; did you mean `--out`?'
    )
    await expect(command.run(['--out'], ctx)).rejects.toThrow('`--out` needs a value')
    await expect(command.run(['--out', '--tag', 'a'], ctx)).rejects.toThrow('`--out` needs a value')
  })
})
