import path from 'node:path'
import {StatusFileError} from '../status/file.js'

/** What a failing system call means, in words (`EROFS` → read-only file system). */
const causes: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'no such file or directory',
  EIO: 'input/output error',
  EEXIST: 'a file is in the way'
}

/**
 * One line for an error the user can act on (a file-system failure, an
 * unusable status file), naming the path and the cause; undefined for a bug,
 * whose stack trace the CLI prints instead.
 */
export function describeError(error: unknown, cwd: string): string | undefined {
  if (error instanceof StatusFileError) return error.message
  const system = error as NodeJS.ErrnoException
  const cause = typeof system?.code === 'string' ? causes[system.code] : undefined
  if (cause === undefined) return undefined
  const where =
    typeof system.path === 'string' ? ` \`${path.relative(cwd, system.path) || '.'}\`` : ''
  const action = system.syscall ? `cannot ${system.syscall}${where}` : `failed on${where}`
  return `${action}: ${cause} (${system.code})`
}
