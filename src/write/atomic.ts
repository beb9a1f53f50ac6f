import {randomBytes} from 'node:crypto'
import {readFile, rename, rm, writeFile} from 'node:fs/promises'

/**
 * Write a file so that readers see the old or the new content, never half of
 * it: write a temporary file beside it, then rename it over the target.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}${temporarySuffix}`
  try {
    await writeFile(temporary, content, 'utf8')
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

const temporarySuffix = '.tmp'
const temporaryName = /\.(\d+)\.[0-9a-f]{8}\.tmp$/

/**
 * Whether a file name is a temporary file of `writeFileAtomic`; with
 * `stale`, only one whose writing process is gone (killed mid-write).
 */
export function isTemporaryFile(name: string, options: {stale?: boolean} = {}): boolean {
  const match = temporaryName.exec(name)
  if (!match) return false
  if (!options.stale) return true
  const pid = Number(match[1])
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** The content of a file, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const failure = error as NodeJS.ErrnoException
    if (failure.code === 'ENOENT') return undefined
    // Reading a directory fails on the open descriptor, without the path: name it for the message.
    failure.path ??= file
    throw error
  }
}
