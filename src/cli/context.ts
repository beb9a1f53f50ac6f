/** What a command may touch of the outside world; tests pass their own. */
export interface CliContext {
  /** Project root: the folder holding `entries/` and `templates/`. */
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stdout is an interactive terminal (progress bars only there). */
  isTTY: boolean
}

/** A subcommand: parses its own arguments and returns the process exit code. */
export type Command = (argv: string[], context: CliContext) => Promise<number>

/** Thrown for bad command-line usage; the CLI prints it and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
