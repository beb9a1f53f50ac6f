import {readFileSync} from 'node:fs'
import {readdir, readFile, rm} from 'node:fs/promises'
import path from 'node:path'
import {isTemporaryFile} from '../write/atomic.js'

/** A file of the list's data, with a path relative to the project root (POSIX separators). */
export interface SourceFile {
  path: string
  source: string
}

/** Every input of the build, read from disk; `parseList` turns it into a model. */
export interface ListSources {
  locales: SourceFile | undefined
  strings: SourceFile | undefined
  /** Every file below `entries/`, whatever its name: misplaced files are diagnosed, not ignored. */
  entries: SourceFile[]
  /** Every file below `templates/` (README templates per locale). */
  templates: SourceFile[]
}

export const localesPath = 'templates/locales.yaml'
export const stringsPath = 'templates/strings.yaml'
export const entriesDir = 'entries'
export const templatesDir = 'templates'

async function readAll(root: string, dir: string): Promise<SourceFile[]> {
  // Synchronous reads: for thousands of small files they are several times
  // faster than as many promises queued on libuv's thread pool.
  return (await listFiles(root, dir)).map(relative => ({
    path: relative,
    source: readFileSync(path.join(root, relative), 'utf8')
  }))
}

/** Read the list's sources below `root`; missing files are reported later by the validator. */
export async function readListSources(root: string): Promise<ListSources> {
  const [locales, strings, entries, templates] = await Promise.all([
    readOptional(root, localesPath),
    readOptional(root, stringsPath),
    readAll(root, entriesDir),
    readAll(root, templatesDir)
  ])
  return {locales, strings, entries, templates}
}

/** One file of the list below `root`, or undefined when it does not exist. */
export async function readOptional(
  root: string,
  relative: string
): Promise<SourceFile | undefined> {
  try {
    return {path: relative, source: await readFile(path.join(root, relative), 'utf8')}
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** All files below `dir` (recursive), as sorted root-relative POSIX paths. */
async function listFiles(root: string, dir: string): Promise<string[]> {
  let dirents
  try {
    dirents = await readdir(path.join(root, dir), {withFileTypes: true, recursive: true})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  // A run killed while writing leaves a temporary file beside its target: not data. Remove it
  // when its process is gone, so that it does not linger; skip it either way.
  for (const dirent of dirents)
    if (dirent.isFile() && isTemporaryFile(dirent.name, {stale: true}))
      await rm(path.join(dirent.parentPath, dirent.name), {force: true}).catch(() => {})
  return dirents
    .filter(dirent => dirent.isFile() && !isTemporaryFile(dirent.name))
    .map(dirent =>
      path.relative(root, path.join(dirent.parentPath, dirent.name)).split(path.sep).join('/')
    )
    .sort()
}
