import {type CliContext, type Command, UsageError} from './context.js'
import type {DefinedCommand} from './define.js'
import {describeError} from './errors.js'

/** What a command module exports: `run`, and `command` once it is declared with `defineCommand`. */
interface CommandModule {
  run: Command
  command?: DefinedCommand
}

/** Subcommand table: each module is imported only when its command runs, so start-up stays fast. */
const commands: Record<string, () => Promise<CommandModule>> = {
  validate: () => import('./commands/validate.js'),
  'build-readme': () => import('./commands/build-readme.js'),
  'build-site': () => import('./commands/build-site.js'),
  'new-entry': () => import('./commands/new-entry.js'),
  preview: () => import('./commands/preview.js'),
  'check-generated': () => import('./commands/check-generated.js'),
  'check-links': () => import('./commands/check-links.js'),
  'merge-reports': () => import('./commands/merge-reports.js'),
  import: () => import('./commands/import.js'),
  translations: () => import('./commands/translations.js')
}

/** Summaries of the commands not yet declared with `defineCommand` (see define.ts). */
const legacySummaries: Record<string, string> = {
  'build-site': 'Build the static bilingual website into site/'
}

const helpFlags = new Set(['--help', '-h', 'help'])

/** Run one subcommand and resolve to its exit code (2 for usage errors). */
export async function main(argv: string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv
  if (name !== undefined && helpFlags.has(name)) {
    context.stdout(await commandList())
    return 0
  }
  const load =
    name === undefined ? undefined : Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!load) {
    context.stderr(
      `${name === undefined ? 'Missing command' : `Unknown command \`${name}\``}\n\n${await commandList()}`
    )
    return 2
  }
  const module = await load()
  try {
    return await module.run(rest, context)
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr(`${name}: ${error.message}\n`)
      if (module.command) context.stderr(`\n${module.command.usage}`)
      return 2
    }
    // Disk full, read-only, a directory where a file belongs: one line and exit 2, never the
    // exit 1 that means "links are dead" to the workflow.
    const message = describeError(error, context.cwd)
    if (message === undefined) throw error
    context.stderr(`${name}: ${message}\n`)
    return 2
  }
}

/** Every command with its one-line summary; loads each module, which only `--help` needs. */
async function commandList(): Promise<string> {
  const names = Object.keys(commands)
  const width = Math.max(...names.map(name => name.length))
  const lines = await Promise.all(
    names.map(async name => {
      const module = await commands[name]!()
      const summary = module.command?.summary ?? legacySummaries[name] ?? ''
      return `  ${name.padEnd(width)}  ${summary}`
    })
  )
  return `Usage: node dist/cli.js <command> [options]   (npm run <command> -- [options])\n\nCommands:\n${lines.join('\n')}\n\nRun \`node dist/cli.js <command> --help\` for a command's options.\n`
}
