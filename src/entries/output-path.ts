import path from 'node:path'

/** Top-level folders a generated README must never be written into: the sources, dependencies. */
const reservedFolders = ['entries', 'templates', 'node_modules']

/**
 * Why `output` (a locale's README, a path from the project root) may not be
 * written, or undefined when it may. Outputs are Markdown files inside the
 * repository: not absolute, not climbing out with `..`, not into `.git` (a
 * hook there runs on the maintainer's next commit) nor over the list's own
 * sources. Symbolic links are checked where the file is written (write/inside.ts).
 */
export function outputPathProblem(output: string): string | undefined {
  if (output.trim() === '') return 'it is empty'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  if (/[\u0000-\u001F\u007F]/.test(output)) return 'it has a control character or a line break'
  if (output.includes('\\')) return 'it has a backslash; separate folders with `/`'
  if (/^\//.test(output) || /^[A-Za-z]:/.test(output)) return 'it is absolute'
  const normal = path.posix.normalize(output)
  if (normal === '..' || normal.startsWith('../')) return 'it leads out of the repository'
  if (!/\.md$/i.test(normal)) return 'it is not a Markdown file (`.md`)'
  const folders = normal.split('/').slice(0, -1)
  // Case-insensitive: on macOS and Windows `.GIT` is `.git`. A nested `.git` is a submodule's.
  const reserved = folders.find(
    (folder, index) =>
      folder.toLowerCase() === '.git' ||
      (index === 0 && reservedFolders.includes(folder.toLowerCase()))
  )
  if (reserved !== undefined)
    return `it is inside \`${reserved}/\`, which the build must not write to`
  return undefined
}
