import {chmod, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {projectRoot} from '../support/cli.js'

/**
 * Put a stand-in `npm` in `dir/.bin` that runs `npm run [--silent] <command> [-- args]`
 * as the CLI from source (through tsx), so workflow steps and documented
 * commands run as written, without a build. Returns the folder to put first on PATH.
 */
export async function npmShim(dir: string): Promise<string> {
  const bin = path.join(dir, '.bin')
  await mkdir(bin, {recursive: true})
  const tsx = path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs')
  const cli = path.join(projectRoot, 'src/cli/bin.ts')
  await writeFile(
    path.join(bin, 'npm'),
    [
      '#!/usr/bin/env bash',
      '[ "$1" = run ] || { echo "npm shim: only \\`npm run\\` is supported" >&2; exit 64; }',
      'shift',
      '[ "$1" = --silent ] && shift',
      'command="$1"; shift',
      '[ "$1" = -- ] && shift',
      `exec "${process.execPath}" "${tsx}" "${cli}" "$command" "$@"`,
      ''
    ].join('\n')
  )
  await chmod(path.join(bin, 'npm'), 0o755)
  return bin
}
