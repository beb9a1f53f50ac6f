import {type CliContext, type Command, UsageError} from './context.js'
import type {DefinedCommand} from './define.js'
import {describeError} from './errors.js'

/** What a command module exports: `run`, and its `defineCommand` declaration. */
interface CommandModule {
  run: Command
  command: DefinedCommand
}

/** Subcommand table: each module is imported only when its command runs, so start-up stays fast. */
export const commands: Record<string, () => Promise<CommandModule>> = {
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

/**
 * Each command's one-line summary, for the command list: written here so that
 * `--help` loads no command module. A test checks them against the modules' own.
 */
export const summaries: Record<string, string> = {
  validate: 'Check every entry, section and template file; each problem with its file:line:col',
  'build-readme': "Render every language's README from entries/, templates/ and the status file",
  'build-site': 'Build the static bilingual website into site/',
  'new-entry': 'Create one entry file from options, or by asking in a terminal',
  preview: 'Print, as Markdown, the README rows of the entries changed since a git ref',
  'check-generated':
    'Fail when a branch edits a generated README instead of an entry file (pull requests)',
  'check-links': 'Check the links and repositories of the list, and report or apply what changed',
  'merge-reports': 'Merge the JSON reports of sharded check-links runs',
  import: 'Turn the hand-made English and Chinese READMEs into entry and section files',
  translations:
    'Per section, the prose texts each language is missing or has stale; a sheet to fill in'
}

const helpFlags = new Set(['--help', '-h', 'help'])

/** Run one subcommand and resolve to its exit code (2 for usage errors). */
export async function main(argv: string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv
  if (name !== undefined && helpFlags.has(name)) {
    context.stdout(commandList())
    return 0
  }
  const load =
    name === undefined ? undefined : Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!load) {
    context.stderr(
      `${name === undefined ? 'Missing command' : `Unknown command \`${name}\``}\n\n${commandList()}`
    )
    return 2
  }
  const module = await load()
  try {
    return await module.run(rest, context)
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr(`${name}: ${error.message}\n`)
      context.stderr(`\n${module.command.usage}`)
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

/** Every command with its one-line summary. */
function commandList(): string {
  const names = Object.keys(commands)
  const width = Math.max(...names.map(name => name.length))
  const lines = names.map(name => `  ${name.padEnd(width)}  ${summaries[name] ?? ''}`)
  return `Usage: node dist/cli.js <command> [options]   (npm run <command> -- [options])\n\nCommands:\n${lines.join('\n')}\n\nRun \`node dist/cli.js <command> --help\` for a command's options.\n`
}
