import {parseArgs} from 'node:util'
import {didYouMean} from '../diagnostics/suggest.js'
import {type CliContext, type Command, UsageError} from './context.js'

/**
 * One way for every command to take options, answer `--help` and explain a
 * usage error. A command declares its options once, as `node:util` parseArgs
 * options plus a description each; `--help` (and `-h`) is added, the help text
 * is generated from the declaration, and `node dist/cli.js --help` lists each
 * command's summary.
 *
 * Every command declares itself this way:
 *
 *     export const command = defineCommand({
 *       name: 'check-links',
 *       summary: 'Check every link and repository of the list',
 *       options: {'changed-since': {type: 'string', value: 'ref', description: '…'}},
 *       run: async ({values}, context) => 0
 *     })
 *     export const run = command.run
 *
 * Throw `UsageError` from `run` for a bad combination of options: the CLI
 * prints the message and the usage, and exits 2.
 */

/** One option: what parseArgs needs, and what the help says about it. */
export type OptionSpec = (
  | {type: 'boolean'; default?: boolean}
  | {type: 'string'; default?: string /** Placeholder in the help: `--out <dir>`. */; value: string}
) & {
  multiple?: boolean
  short?: string
  description: string
}

type OptionValue<S extends OptionSpec> = S extends {type: 'boolean'}
  ? S extends {multiple: true}
    ? boolean[]
    : boolean
  : S extends {multiple: true}
    ? string[]
    : string

/** Parsed option values; an option not given (and without default) is absent. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: OptionValue<O[K]>
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  name: string
  /** One line for the command list. */
  summary: string
  options: O
  /** Synopsis of positional arguments, e.g. `<file>…`; none are accepted without it. */
  positionals?: string
  /** Lines after the options: exit codes, environment variables. */
  epilog?: string
  run: (
    args: {values: OptionValues<O>; positionals: string[]},
    context: CliContext
  ) => Promise<number>
}

/** A command as the CLI table loads it. */
export interface DefinedCommand {
  name: string
  summary: string
  /** The full help text, also printed after a usage error. */
  usage: string
  run: Command
}

export function defineCommand<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>
): DefinedCommand {
  const usage = formatUsage(spec)
  const run: Command = async (argv, context) => {
    let parsed
    try {
      parsed = parseArgs({
        args: argv,
        options: {...parserOptions(spec.options), help: {type: 'boolean', short: 'h'}},
        allowPositionals: spec.positionals !== undefined,
        strict: true
      })
    } catch (error) {
      const code = (error as {code?: string}).code
      if (!code?.startsWith('ERR_PARSE_ARGS')) throw error
      throw new UsageError(parseArgsMessage(code, (error as Error).message, spec.options))
    }
    const {help, ...values} = parsed.values as Record<string, unknown>
    if (help === true) {
      context.stdout(usage)
      return 0
    }
    return spec.run({values: values as OptionValues<O>, positionals: parsed.positionals}, context)
  }
  return {name: spec.name, summary: spec.summary, usage, run}
}

/** parseArgs's message in our words, with a suggestion for a mistyped option. */
function parseArgsMessage(
  code: string,
  message: string,
  options: Record<string, OptionSpec>
): string {
  const quoted = /'([^']+)'/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted?.startsWith('--')) {
    const known = [...Object.keys(options), 'help'].map(name => `--${name}`)
    return `unknown option \`${quoted}\`${didYouMean(quoted.split('=')[0]!, known)}`
  }
  // `--out` alone, or followed by another option: parseArgs says `'--out <value>' argument missing`.
  const option = quoted?.split(' ')[0]
  if (
    code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' &&
    option !== undefined &&
    /argument missing|ambiguous/.test(message)
  )
    return `\`${option}\` needs a value (write \`${option}=-x\` for one that starts with a dash)`
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== undefined)
    return `unexpected argument \`${quoted}\`; this command takes options only`
  return message.split('\n')[0]!
}

function parserOptions(options: Record<string, OptionSpec>) {
  return Object.fromEntries(
    Object.entries(options).map(([name, option]) => {
      const config: {
        type: 'boolean' | 'string'
        multiple?: boolean
        short?: string
        default?: string | boolean
      } = {type: option.type}
      if (option.multiple !== undefined) config.multiple = option.multiple
      if (option.short !== undefined) config.short = option.short
      if (option.default !== undefined) config.default = option.default
      return [name, config]
    })
  )
}

/** `Usage: name [options] <positionals>`, the summary, then one aligned line per option. */
function formatUsage(
  spec: Pick<
    CommandSpec<Record<string, OptionSpec>>,
    'name' | 'summary' | 'options' | 'positionals' | 'epilog'
  >
): string {
  const rows = [
    ...Object.entries(spec.options).map(([name, option]) => [
      `${option.short === undefined ? '    ' : `-${option.short}, `}--${name}${option.type === 'string' ? ` <${option.value}>` : ''}`,
      `${option.description}${option.multiple ? ' (repeatable)' : ''}`
    ]),
    ['-h, --help', 'show this help']
  ]
  const width = Math.max(...rows.map(([left]) => left!.length))
  const synopsis = [spec.name, '[options]', spec.positionals].filter(Boolean).join(' ')
  return [
    `Usage: ${synopsis}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([left, right]) => `  ${left!.padEnd(width)}  ${right}`),
    ...(spec.epilog === undefined ? [] : ['', spec.epilog.trimEnd()]),
    ''
  ].join('\n')
}
