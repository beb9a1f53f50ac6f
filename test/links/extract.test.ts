import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadList} from '../../src/entries/load.js'
import {extractLinks} from '../../src/links/extract.js'
import {fixtures, projectRoot} from '../support/cli.js'

describe('extractLinks', () => {
  it('finds every link of the fixture list with the file and line that uses it', async () => {
    const {model} = await loadList(path.join(fixtures, 'list'))
    const links = extractLinks(model!).map(l => `${l.file}:${l.line} ${l.url}`)
    // Links inside a text point at the line where they stand.
    expect(links).toEqual([
      'entries/pretrain-data/redpajama.yaml:4 https://github.com/togethercomputer/RedPajama-Data',
      'entries/agent/babyagi.yaml:4 https://github.com/yoheinakajima/babyagi',
      'entries/agent/babyagi.yaml:7 https://github.com/yoheinakajima/babyagi-2',
      'entries/agent/autogen.yaml:4 https://github.com/microsoft/autogen',
      'entries/agent/autogen.yaml:9 https://example.org/conversable',
      'entries/agent/_section.yaml:11 https://github.com/WooooDyy/LLM-Agent-Paper-List'
    ])
  })

  it('finds every URL of the real list, including both pages of an entry with a page per language', async () => {
    const {model} = await loadList(projectRoot)
    const urls = new Set(extractLinks(model!).map(l => l.url))
    expect(urls).toContain('https://github.com/modelscope/agentscope/blob/main/README_ZH.md')
    expect(urls).toContain('https://github.com/modelscope/agentscope/tree/main?tab=readme-ov-file')
    expect(urls.size).toBeGreaterThan(450)
  })
})
