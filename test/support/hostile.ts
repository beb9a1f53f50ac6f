import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {copyList, runCli, snapshotTree} from './cli.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** What a contributor (or an attacker) sees after laying files over the fixture list. */
export interface HostileRun {
  validate: CliRun
  build: CliRun
  /** Whether every file, READMEs included, has the same bytes after both commands. */
  unchanged: boolean
  /** Everything printed by both commands, to look for tokens that must not leak. */
  output: string
}

/**
 * Lay `files` (paths from the project root; text or raw bytes) over a copy of
 * test/fixtures/list, then run `validate` and `build-readme` as a contributor would.
 */
export async function runOnHostileList(
  files: Record<string, string | Uint8Array>,
  env: Record<string, string | undefined> = {}
): Promise<HostileRun> {
  const {dir, cleanup} = await copyList()
  try {
    for (const [relative, content] of Object.entries(files)) {
      const file = path.join(dir, relative)
      await mkdir(path.dirname(file), {recursive: true})
      await writeFile(file, content)
    }
    const before = await snapshotTree(dir)
    const validate = await runCli(dir, ['validate'], env)
    const build = await runCli(dir, ['build-readme'], env)
    const after = await snapshotTree(dir)
    const unchanged =
      before.size === after.size && [...before].every(([file, text]) => after.get(file) === text)
    const output = [validate.stdout, validate.stderr, build.stdout, build.stderr].join('\n')
    return {validate, build, unchanged, output}
  } finally {
    await cleanup()
  }
}

/** The `path:line:col: severity message (rule)` lines of an output that have `ruleId`. */
export function linesWithRule(output: string, ruleId: string): string[] {
  return output.split('\n').filter(line => line.endsWith(`(${ruleId})`))
}

/** A valid entry of the fixture list's `agent` section, with fields replaced or added. */
export function entryYaml(fields: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    name: 'Foo',
    url: 'https://example.org/foo',
    description: 'A fine project',
    added: '2024-01-01',
    ...fields
  }
  return `${Object.entries(base)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')}\n`
}
