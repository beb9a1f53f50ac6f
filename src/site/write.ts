import {randomBytes} from 'node:crypto'
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {SiteFile} from './build.js'

/**
 * Replace the folder `dir` with exactly `files`, so that it never holds half a
 * site or files of an older build: everything is written into a new folder
 * beside it, which then takes its place.
 */
export async function writeSiteAtomic(dir: string, files: readonly SiteFile[]): Promise<void> {
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`
  const fresh = `${dir}.${suffix}.tmp`
  const old = `${dir}.${suffix}.old`
  try {
    for (const file of files) {
      const target = path.join(fresh, ...file.path.split('/'))
      await mkdir(path.dirname(target), {recursive: true})
      await writeFile(target, file.content, 'utf8')
    }
    await rename(dir, old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    await rename(fresh, dir)
  } catch (error) {
    await rm(fresh, {recursive: true, force: true})
    throw error
  } finally {
    await rm(old, {recursive: true, force: true})
  }
}
