import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import process from 'node:process'
import {hasErrors} from '../../diagnostics/diagnostic.js'
import {parseList} from '../../entries/parse.js'
import {readListSources} from '../../entries/sources.js'
import {describeList} from '../../scaffold/list-info.js'
import {ArgumentError, newEntryUsage, parseNewEntryArgs} from '../../scaffold/options.js'
import {type EntryPlan, localDate, planEntry} from '../../scaffold/plan.js'
import {
  askForMissing,
  PromptClosed,
  type Prompter,
  readlinePrompter
} from '../../scaffold/prompt.js'
import {type CliContext, type Command, UsageError} from '../context.js'
import type {DefinedCommand} from '../define.js'
import {printDiagnostics} from '../report.js'

/** What `new-entry` takes from the outside world besides the CLI context; tests pass their own. */
export interface NewEntryIo {
  /** The clock that fills `added`. */
  now: () => Date
  /** A prompter when questions can be asked (stdin is a terminal), else undefined. Called only when needed. */
  prompter: () => Prompter | undefined
}

/** `new-entry`: scaffold `entries/<section>/<slug>.yaml` from options, or by asking in a terminal. */
export const run: Command = (argv, context) =>
  newEntry(argv, context, {
    now: () => new Date(),
    prompter: () =>
      process.stdin.isTTY ? readlinePrompter(process.stdin, process.stdout) : undefined
  })

/**
 * Not built with `defineCommand`: its options depend on the list's languages
 * (`--description-zh`), so it parses them itself; it answers `--help` the same way.
 */
export const command: DefinedCommand = {
  name: 'new-entry',
  summary: 'Create one entry file from options, or by asking in a terminal',
  usage: `${newEntryUsage}\n`,
  run
}

/**
 * Create one entry file: check the section (with a suggestion for typos), derive
 * the slug from the name, refuse to overwrite, fill `added` with today's date,
 * then validate the file together with the whole list — before writing it, so a
 * file with errors is never left behind — and print the next step.
 */
export async function newEntry(
  argv: readonly string[],
  context: CliContext,
  io: NewEntryIo
): Promise<number> {
  const sources = await readListSources(context.cwd)
  const info = describeList(sources)
  let parsed
  try {
    parsed = parseNewEntryArgs(argv, info.locales)
  } catch (error) {
    // The CLI prints the usage after the message (see `command` below).
    if (error instanceof ArgumentError) throw new UsageError(error.message)
    throw error
  }
  if (parsed.help) {
    context.stdout(`${newEntryUsage}\n`)
    return 0
  }
  if (info.sections.size === 0) {
    context.stderr(
      `new-entry: no sections found in ${path.join(context.cwd, 'entries')}; run it from the root of the list\n`
    )
    return 1
  }

  const today = localDate(io.now())
  let input = parsed.input
  let plan: EntryPlan = planEntry(input, info, today)
  if (!plan.ok) {
    const prompter = io.prompter()
    if (prompter) {
      try {
        input = await askForMissing(input, info, prompter, context.stdout)
      } catch (error) {
        if (error instanceof PromptClosed) {
          context.stderr('\nnew-entry: stopped; nothing was written\n')
          return 130
        }
        throw error
      } finally {
        prompter.close()
      }
      plan = planEntry(input, info, today)
    }
  }
  if (!plan.ok) {
    for (const problem of plan.problems) context.stderr(`new-entry: ${problem.message}\n`)
    if (plan.problems.some(p => p.code === 'missing-value')) context.stderr(`${newEntryUsage}\n`)
    return plan.problems.every(p => p.code === 'file-exists') ? 1 : 2
  }

  // Validate the new file as part of the whole list, exactly as it will be
  // written. It goes last, so a duplicate URL is reported on it, not on the
  // entry that was there first.
  const result = parseList({
    ...sources,
    entries: [...sources.entries, {path: plan.file, source: plan.text}]
  })
  const own = result.diagnostics.filter(d => d.file === plan.file)
  const othersWithErrors = new Set(
    result.diagnostics.filter(d => d.file !== plan.file && d.severity === 'error').map(d => d.file)
  )
  printDiagnostics(context, own)
  if (hasErrors(own)) {
    context.stderr(
      `new-entry: ${plan.file} was not written: fix the values above and run the command again\n`
    )
    return 1
  }

  try {
    // `wx`: never overwrite, even if the file appeared since the list was read.
    await writeFile(path.join(context.cwd, plan.file), plan.text, {encoding: 'utf8', flag: 'wx'})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      context.stderr(
        `new-entry: ${plan.file} exists already; edit it, or pass \`--slug\` with another name\n`
      )
      return 1
    }
    throw error
  }

  for (const note of plan.notes) context.stderr(`note: ${note}\n`)
  const readmes = info.outputs.length > 0 ? info.outputs.join(' and ') : 'the READMEs'
  context.stdout(`Created ${plan.file}\n${indent(plan.text)}\n`)
  context.stdout(
    `Next: check the file (see CONTRIBUTING.md), then commit ${plan.file} alone and open a pull request; leave ${readmes} as they are: main rebuilds them after the merge. To see its rows now: \`npm run preview -- --changed-since origin/main\`.\n`
  )
  if (othersWithErrors.size > 0) {
    context.stderr(
      `note: ${othersWithErrors.size} other file${othersWithErrors.size === 1 ? ' has' : 's have'} errors (run \`npm run validate\`); \`build-readme\` writes nothing until they are fixed\n`
    )
  }
  return 0
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map(line => (line === '' ? '' : `  ${line}`))
    .join('\n')
}
