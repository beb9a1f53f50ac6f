import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {projectRoot} from './support/cli.js'

/**
 * Which stage folder of `src/` may import which (docs/architecture.md).
 * Data flows one way: entries → model → render → write, and
 * links → check → report → apply; the CLI sits on top of everything.
 */
const allowed: Record<string, readonly string[]> = {
  diagnostics: [],
  markdown: [],
  write: [],
  util: [],
  model: [],
  links: ['diagnostics', 'markdown', 'model', 'write'],
  repos: ['links', 'util'],
  entries: ['diagnostics', 'markdown', 'model', 'repos', 'util', 'write'],
  status: ['links', 'model', 'repos', 'util', 'write'],
  render: ['diagnostics', 'markdown', 'model', 'repos', 'status'],
  site: ['markdown', 'model', 'render', 'repos', 'status'],
  import: ['diagnostics', 'entries', 'markdown', 'model'],
  scaffold: ['diagnostics', 'entries', 'import', 'links', 'model'],
  translations: ['entries', 'model'],
  apply: ['entries', 'repos', 'write'],
  check: ['apply', 'diagnostics', 'entries', 'links', 'model', 'repos', 'status', 'write'],
  cli: [
    'check',
    'diagnostics',
    'entries',
    'import',
    'links',
    'markdown',
    'model',
    'render',
    'repos',
    'scaffold',
    'site',
    'status',
    'translations',
    'write'
  ]
}

async function folderImports(): Promise<Map<string, Set<string>>> {
  const src = path.join(projectRoot, 'src')
  const graph = new Map<string, Set<string>>()
  for (const entry of await readdir(src, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
    const file = path.join(entry.parentPath, entry.name)
    const from = path.relative(src, file).split(path.sep)[0]!
    if (from.endsWith('.ts')) continue
    const targets = graph.get(from) ?? new Set<string>()
    graph.set(from, targets)
    for (const match of (await readFile(file, 'utf8')).matchAll(/from '(\.[^']+)'/g)) {
      const [to] = path.relative(src, path.resolve(path.dirname(file), match[1]!)).split(path.sep)
      // Files outside src/ (the JSON schemas) are data, not a stage.
      if (to !== undefined && to !== from && to !== '..' && !to.endsWith('.js')) targets.add(to)
    }
  }
  return graph
}

describe('architecture', () => {
  it('every stage folder imports only the folders upstream of it', async () => {
    const graph = await folderImports()
    const unexpected = [...graph].flatMap(([from, targets]) =>
      [...targets]
        .filter(to => !(allowed[from] ?? []).includes(to))
        .map(to => `${from} → ${to}${from in allowed ? '' : ` (${from} is not in the table)`}`)
    )
    expect(unexpected).toEqual([])
  })

  it('the allowed graph has no cycles', () => {
    const visiting = new Set<string>()
    const done = new Set<string>()
    const visit = (folder: string, trail: string[]): void => {
      if (done.has(folder)) return
      if (visiting.has(folder)) throw new Error(`cycle: ${[...trail, folder].join(' → ')}`)
      visiting.add(folder)
      for (const next of allowed[folder] ?? []) visit(next, [...trail, folder])
      visiting.delete(folder)
      done.add(folder)
    }
    for (const folder of Object.keys(allowed)) visit(folder, [])
  })
})
