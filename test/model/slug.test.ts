import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {isSlug, slugPattern} from '../../src/model/slug.js'
import {projectRoot} from '../support/cli.js'

describe('isSlug', () => {
  it('accepts lowercase words of letters and digits joined by single hyphens', () => {
    for (const slug of ['agent', 'base-models', 'gpt-4', '2023'])
      expect({slug, ok: isSlug(slug)}).toEqual({slug, ok: true})
  })

  it('refuses anything that is not safe in a file name and an anchor', () => {
    for (const slug of [
      '',
      'Agent',
      'base--models',
      '-agent',
      'agent-',
      'base_models',
      'ägent',
      'a b',
      'a/b'
    ])
      expect({slug, ok: isSlug(slug)}).toEqual({slug, ok: false})
  })

  it('is the pattern the section schema gives editors', async () => {
    const schema = JSON.parse(
      await readFile(path.join(projectRoot, 'schema/section.schema.json'), 'utf8')
    ) as {properties: {parent: {pattern: string}}}
    expect(schema.properties.parent.pattern).toBe(slugPattern.source)
  })
})
