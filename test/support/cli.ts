import {cp, mkdtemp, readdir, readFile, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {main} from '../../src/cli/index.js'

export const fixtures = path.join(import.meta.dirname, '..', 'fixtures')
export const projectRoot = path.join(import.meta.dirname, '..', '..')

/** Run a CLI command in-process against `cwd`, capturing what it prints. */
export async function runCli(
  cwd: string,
  argv: string[],
  env: Record<string, string | undefined> = {}
): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    cwd,
    env,
    stdout: text => {
      stdout += text
    },
    stderr: text => {
      stderr += text
    },
    isTTY: false
  })
  return {code, stdout, stderr}
}

/** A temporary copy of a fixture list (`test/fixtures/list` by default) with files laid over it. */
export async function copyList(
  overlay?: string,
  base = path.join(fixtures, 'list')
): Promise<{dir: string; cleanup: () => Promise<void>}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'list-'))
  await cp(base, dir, {recursive: true})
  if (overlay) await cp(overlay, dir, {recursive: true})
  return {dir, cleanup: () => rm(dir, {recursive: true, force: true})}
}

/** Every file below `dir` with its content, for before/after comparisons. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files.set(path.relative(dir, file), await readFile(file, 'utf8'))
  }
  return files
}

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false
  )
}
