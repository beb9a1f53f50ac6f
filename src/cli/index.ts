#!/usr/bin/env node
import process from 'node:process'
import {type CliContext, type Command, UsageError} from './context.js'

/** Subcommand table: each module is imported only when its command runs, so start-up stays fast. */
const commands: Record<string, () => Promise<{run: Command}>> = {
  'build-readme': () => import('./commands/build-readme.js'),
  validate: () => import('./commands/validate.js'),
  import: () => import('./commands/import.js'),
  'check-links': () => import('./commands/check-links.js')
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

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli/index.js')) {
  const context: CliContext = {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY)
  }
  main(process.argv.slice(2), context).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 1
    }
  )
}
