import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import {UsageError} from './context.js'

const execFileAsync = promisify(execFile)

/** How a file differs from the ref: added, modified or deleted (renames count as a deletion and an addition). */
export type FileChange = {status: 'added' | 'modified' | 'deleted'; path: string}

/** Outcome of asking git: the changes, or the ref git does not know. */
export type ChangedFilesResult = {ok: true; changes: FileChange[]} | {ok: false; ref: string}

/**
 * Files below `paths` changed in the working tree since the branch left `ref`
 * (`git diff --merge-base`), as root-relative POSIX paths in git's order: the
 * branch's own changes, not those `ref` gained since. On a pull request's
 * merge commit with `ref` the base branch, they are the pull request's changes.
 */
export async function changedFiles(
  root: string,
  ref: string,
  paths: readonly string[]
): Promise<ChangedFilesResult> {
  // A ref that looks like an option would be read as one by git.
  if (ref.startsWith('-')) throw new UsageError(`\`${ref}\` is not a git ref`)
  let stdout: string
  try {
    ;({stdout} = await execFileAsync(
      'git',
      ['diff', '--merge-base', '--name-status', '--no-renames', '-z', ref, '--', ...paths],
      {cwd: root, maxBuffer: 64 * 1024 * 1024}
    ))
  } catch {
    return {ok: false, ref}
  }
  // New files not yet added to git are changes too (a contributor trying the command locally).
  const {stdout: untracked} = await execFileAsync(
    'git',
    ['ls-files', '--others', '--exclude-standard', '-z', '--', ...paths],
    {cwd: root, maxBuffer: 64 * 1024 * 1024}
  )
  const fields = stdout.split('\0')
  const changes: FileChange[] = []
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const code = fields[index]!
    const path = fields[index + 1]!
    const status = code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified'
    changes.push({status, path})
  }
  for (const path of untracked.split('\0')) if (path !== '') changes.push({status: 'added', path})
  return {ok: true, changes}
}

/** The message for a ref git cannot diff against. */
export function unknownRef(command: string, ref: string): string {
  return `${command}: cannot diff against \`${ref}\` (is it a git ref of this repository? A shallow clone may lack the base branch: check out with \`fetch-depth: 0\`)\n`
}
