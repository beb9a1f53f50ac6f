import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseList} from '../../src/entries/parse.js'
import {readListSources} from '../../src/entries/sources.js'
import {formatPushed, formatStars, type EntryHealth} from '../../src/model/health.js'
import {renderReadmes} from '../../src/render/readme.js'
import {fixtures} from '../support/cli.js'

const list = path.join(fixtures, 'list')

describe('health marks in the READMEs', () => {
  it('marks dead, archived and inactive projects and explains the marks in each language', async () => {
    const health: Record<string, EntryHealth> = {
      'entries/agent/babyagi.yaml': {archived: true, inactive: true},
      'entries/agent/autogen.yaml': {dead: true, archived: true},
      'entries/pretrain-data/redpajama.yaml': {inactive: true}
    }
    const {model} = parseList(await readListSources(list))
    const [en, zh] = renderReadmes(model!, file => health[file]).readmes.map(r => r.content)
    expect(en).toContain(
      '| [BabyAGI](https://github.com/yoheinakajima/babyagi) / [BabyAGI-2](https://github.com/yoheinakajima/babyagi-2) 🗄️ |'
    )
    expect(en).toContain('| [AutoGen](https://github.com/microsoft/autogen) 💀 |')
    expect(en).toContain(
      '| [RedPajama-Data](https://github.com/togethercomputer/RedPajama-Data) 💤 |'
    )
    expect(en).toContain(
      '💀 dead: the repository or page is gone · 🗄️ archived: read-only, no longer developed · 💤 inactive: no commit for over a year'
    )
    expect(zh).toContain(
      '💀 失效：仓库或页面已不存在 · 🗄️ 已归档：只读，不再开发 · 💤 不活跃：超过一年没有提交'
    )
  })

  it('shows no legend when nothing is marked', async () => {
    const {model} = parseList(await readListSources(list))
    const [en] = renderReadmes(model!).readmes.map(r => r.content)
    expect(en).not.toContain('💀')
    expect(en).not.toContain('archived')
  })
})

describe('rounding that keeps weekly runs from churning the README', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1k'],
    [1234, '1.2k'],
    [1299, '1.2k'],
    [9999, '9.9k'],
    [12_345, '12k'],
    [123_456, '123k']
  ])('%i stars show as %s', (stars, shown) => {
    expect(formatStars(stars)).toBe(shown)
  })

  it('shows the month of the last push', () => {
    expect(formatPushed('2024-05-17T08:00:00Z')).toBe('2024-05')
  })
})
