import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadList} from '../../src/entries/load.js'
import type {ListModel} from '../../src/model/types.js'
import {projectRoot} from '../support/cli.js'
import {tablesInModel, tablesSeenByCmark, tablesSeenByRemark} from '../support/tables.js'

let model: ListModel

beforeAll(async () => {
  const result = await loadList(projectRoot)
  if (!result.model)
    throw new Error(
      `the real list does not validate: ${JSON.stringify(result.diagnostics.slice(0, 3))}`
    )
  model = result.model
})

// Parse the committed READMEs back, with GitHub's own renderer and with
// remark-gfm: per section, the rows, cells and links must be the entries'.
describe.each([
  ['en', 'README.md'],
  ['zh', 'README.zh-CN.md']
])('GitHub sees the data of %s (%s)', (locale, file) => {
  it('cmark-gfm sees exactly the rows, cells and links of the entries', async () => {
    const markdown = await readFile(path.join(projectRoot, file), 'utf8')
    const expected = tablesInModel(model, locale)
    const seen = tablesSeenByCmark(markdown)
    expect([...seen.keys()].sort()).toEqual([...expected.keys()].sort())
    for (const [id, table] of expected) expect({id, ...seen.get(id)}).toEqual({id, ...table})
  })

  it('remark-gfm sees exactly the rows, cells and links of the entries', async () => {
    const markdown = await readFile(path.join(projectRoot, file), 'utf8')
    const expected = tablesInModel(model, locale)
    const seen = tablesSeenByRemark(markdown)
    expect([...seen.keys()].sort()).toEqual([...expected.keys()].sort())
    for (const [id, table] of expected) expect({id, ...seen.get(id)}).toEqual({id, ...table})
  })
})
