import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ruleIds} from '../../src/diagnostics/rules.js'
import {projectRoot} from '../support/cli.js'

describe('rule ids', () => {
  it('are unique, and each is produced somewhere in src/ (the type checker holds code to the list)', async () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length)
    const src = path.join(projectRoot, 'src')
    let code = ''
    for (const entry of await readdir(src, {recursive: true, withFileTypes: true}))
      if (entry.isFile() && entry.name.endsWith('.ts') && entry.name !== 'rules.ts')
        code += await readFile(path.join(entry.parentPath, entry.name), 'utf8')
    expect(ruleIds.filter(id => !code.includes(`'${id}'`))).toEqual([])
  })
})
