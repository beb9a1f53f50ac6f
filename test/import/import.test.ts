import {cp, mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseAddedTsv} from '../../src/import/added.js'
import {importList, type ImportResult} from '../../src/import/import-list.js'
import {fixtures, projectRoot, runCli} from '../support/cli.js'

const upstream = path.join(fixtures, 'upstream')
const read = (file: string) => readFile(path.join(upstream, file), 'utf8')
let result: ImportResult

beforeAll(async () => {
  result = importList({
    documents: [
      {locale: 'en', file: 'README_EN.md', source: await read('README_EN.md')},
      {locale: 'zh', file: 'README.md', source: await read('README.md')}
    ],
    added: parseAddedTsv(await read('added.tsv'))
  })
})

describe('importList on the hand-made READMEs', () => {
  it('turns every table row of both languages into an entry, pairing the two languages', () => {
    expect(result.sections).toHaveLength(42)
    expect(result.entries).toHaveLength(396)
    for (const locale of ['en', 'zh']) {
      expect(
        result.entries.reduce((rows, entry) => rows + (entry.rows[locale]?.length ?? 0), 0)
      ).toBe(398)
    }
    expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([])
  })

  it('reports what a human must look at: repeated rows merged, one URL shared by two projects', () => {
    const byRule = (ruleId: string) =>
      result.diagnostics.filter(d => d.ruleId === ruleId).map(d => `${d.file}:${d.line}`)
    expect(byRule('merged-duplicate')).toEqual(['README_EN.md:459', 'README_EN.md:650'])
    expect(byRule('duplicate-url')).toEqual(['README_EN.md:509'])
  })

  it('models a cell of several projects as a main link and further links', () => {
    const bentsao = result.entries.find(e => e.slug === 'bentsao')!
    expect(bentsao).toMatchObject({
      section: 'domain-models',
      name: 'BenTsao',
      url: 'https://github.com/SCIR-HI/Huatuo-Llama-Med-Chinese',
      links: [{name: 'ChatGLM-Med', url: 'https://github.com/SCIR-HI/Med-ChatGLM'}],
      added: '2023-04-19'
    })
  })

  it('keeps what differs between the languages as {en, zh}, and a page per language', () => {
    const ksana = result.entries.find(
      e => e.url === 'https://github.com/pcg-mlp/KsanaLLM/tree/main'
    )!
    expect(ksana.name).toEqual({en: 'KsanaLLM', zh: '一念'})
    expect(ksana.fields.contributor).toEqual({en: 'tencent', zh: '腾讯'})
    const agentscope = result.entries.find(e => e.slug === 'agentscope')!
    expect(agentscope.url).toEqual({
      en: 'https://github.com/modelscope/agentscope/tree/main?tab=readme-ov-file',
      zh: 'https://github.com/modelscope/agentscope/blob/main/README_ZH.md'
    })
  })

  it('turns <br /> into new lines and keeps section prose', () => {
    const llama = result.entries.find(e => e.slug === 'llama-llama2')!
    expect(llama.fields.description).toBe(
      'LLaMA-13B outperforms GPT-3(175B) and LLaMA-65B is competitive to PaLM-540M.\nBase model for most follow-up works.'
    )
    const domain = result.sections.find(s => s.id === 'domain-models')!
    expect(domain.outro).toContain(
      '[Awesome-Domain-LLM](https://github.com/luban-agi/Awesome-Domain-LLM)'
    )
    expect(result.sections.find(s => s.id === 'pretrain-data')).toMatchObject({
      parent: 'data',
      order: 1
    })
  })

  it('drops access tokens pasted into the prose, and never repeats them', () => {
    const token = `ghp_${'REDACTED'.repeat(4)}0000`
    expect(result.diagnostics.filter(d => d.ruleId === 'secret-removed')).toHaveLength(2)
    expect(JSON.stringify(result)).not.toContain(token)
    expect(result.sections.find(s => s.id === 'vocabulary-expansion')?.intro).toMatch(
      /some works are shown below:$/
    )
  })

  it('dates every entry from added.tsv, or from the row above when the URL is not there', () => {
    expect(result.entries.every(e => /^\d{4}-\d{2}-\d{2}$/.test(e.added))).toBe(true)
    expect(result.diagnostics.filter(d => d.ruleId === 'added-inferred')).toHaveLength(4)
  })
})

describe('the import command', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'import-'))
    await cp(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), {recursive: true})
  })
  afterAll(() => rm(dir, {recursive: true, force: true}))

  const args = [
    'import',
    '--en',
    path.join(upstream, 'README_EN.md'),
    '--zh',
    path.join(upstream, 'README.md'),
    '--added',
    path.join(upstream, 'added.tsv')
  ]

  it('writes one file per entry and section, at the paths the committed list uses', async () => {
    const result = await runCli(dir, args)
    expect(result.stdout).toBe('imported 396 entries in 42 sections into entries/\n')
    expect(result.code).toBe(0)
    const written = (await readdir(path.join(dir, 'entries'), {recursive: true}))
      .filter(f => f.endsWith('.yaml'))
      .sort()
    const committed = (await readdir(path.join(projectRoot, 'entries'), {recursive: true}))
      .filter(f => f.endsWith('.yaml'))
      .sort()
    // The content review (issue 13) merged one project listed in two sections into one entry.
    const merged = 'general-domain-instruction-models/langchain-chatglm.yaml'
    expect(written.filter(file => file !== merged)).toEqual(committed)
  })

  it('leaves only what needs a human: validate --fix mends the prose slips, the shared URLs remain', async () => {
    const result = await runCli(dir, ['validate', '--fix'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^fixed \d+ files \(\d+ double-space, \d+ missing-space\)\n$/)
    const errors = result.stderr.split('\n').filter(line => line.includes(': error '))
    // The upstream mistake (two rows, one paper) and the six projects listed in two sections,
    // which the content review resolved in the committed entries (merged, or see_also).
    expect(errors).toHaveLength(7)
    expect(errors.every(line => line.endsWith('(duplicate-url)'))).toBe(true)
    expect(errors[0]).toMatch(
      /^entries\/extending-context-window\/scm\.yaml:4:6: error Duplicate project: https:\/\/arxiv\.org\/abs\/2304\.11062 is already listed by `entries\/extending-context-window\/rmt\.yaml`/
    )
  })

  it('refuses to write over a list that exists, and rejects bad usage with exit code 2', async () => {
    expect((await runCli(dir, args)).code).toBe(1)
    const usage = await runCli(dir, ['import', '--en'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/^import: `--en` needs a value.*\n\nUsage: import \[options\]/)
  })
})
