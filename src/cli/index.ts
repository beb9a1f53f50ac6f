import {type CliContext, type Command, UsageError} from './context.js'

/** Subcommand table: each module is imported only when its command runs, so start-up stays fast. */
const commands: Record<string, () => Promise<{run: Command}>> = {
  'build-readme': () => import('./commands/build-readme.js'),
  validate: () => import('./commands/validate.js'),
  import: () => import('./commands/import.js'),
  'check-links': () => import('./commands/check-links.js'),
  'new-entry': () => import('./commands/new-entry.js'),
  'merge-reports': () => import('./commands/merge-reports.js'),
  translations: () => import('./commands/translations.js')
}

/** Run one subcommand and resolve to its exit code (2 for usage errors). */
export async function main(argv: string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv
  const load = name === undefined ? undefined : commands[name]
  if (!load) {
    context.stderr(
      `${name === undefined ? 'Missing command' : `Unknown command \`${name}\``}; expected one of: ${Object.keys(commands).join(', ')}\n`
    )
    return 2
  }
  try {
    const {run} = await load()
    return await run(rest, context)
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr(`${name}: ${error.message}\n`)
      return 2
    }
    throw error
  }
}
