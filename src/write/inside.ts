import {lstat, realpath} from 'node:fs/promises'
import path from 'node:path'

/** Whether a generated file may be written at `relative` below `root`, and why not. */
export type WriteTarget = {ok: true; file: string} | {ok: false; reason: string}

/**
 * Check, just before writing, that `relative` stays inside `root` on disk:
 * its folder, once symbolic links are resolved, is `root` or below it, and
 * the file itself is not a symbolic link (reading it to compare would read
 * wherever it points). The path itself was checked when the list was read.
 */
export async function writeTargetInside(root: string, relative: string): Promise<WriteTarget> {
  const file = path.join(root, relative)
  const realRoot = await realpath(root)
  let realFolder: string
  try {
    realFolder = await realpath(path.dirname(file))
  } catch (error) {
    // A folder that does not exist is no escape; writing there fails with its own message.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {ok: true, file}
    throw error
  }
  if (realFolder !== realRoot && !realFolder.startsWith(`${realRoot}${path.sep}`))
    return {ok: false, reason: 'its folder is a symbolic link that leads out of the repository'}
  const stats = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (stats?.isSymbolicLink())
    return {ok: false, reason: 'it is a symbolic link; a generated file must be a plain file'}
  return {ok: true, file}
}
