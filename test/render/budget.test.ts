import {readdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {choosePages, defaultBudget, pagePath} from '../../src/render/budget.js'
import {copyList, runCli} from '../support/cli.js'
import {syntheticList} from '../support/synthetic.js'
import {allUrls} from '../support/tables.js'

/** Every generated Markdown file of a list: the READMEs and `lists/*.md`. */
async function generatedFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const name of ['README.md', 'README.zh-CN.md'])
    files.set(name, await readFile(path.join(dir, name), 'utf8'))
  const lists = await readdir(path.join(dir, 'lists')).catch(() => [] as string[])
  for (const name of lists.sort())
    files.set(`lists/${name}`, await readFile(path.join(dir, 'lists', name), 'utf8'))
  return files
}

/** Links between the generated files (`#x`, `lists/a.md#x`, `../README.md#x`) that find no such file or anchor. */
function brokenLinks(files: ReadonlyMap<string, string>): string[] {
  const anchors = new Map(
    [...files].map(([name, text]) => [
      name,
      new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map(m => m[1]!))
    ])
  )
  const broken: string[] = []
  for (const [name, text] of files) {
    for (const url of allUrls(text)) {
      if (/^[a-z]+:/i.test(url)) continue
      const [file = '', anchor = ''] = url.split('#')
      const target = file === '' ? name : path.posix.join(path.posix.dirname(name), file)
      // Hand-written files the templates link to (CONTRIBUTING.md) are not generated here.
      if (!/^(README|lists\/)/.test(target)) continue
      const found = anchor === '' ? anchors.has(target) : anchors.get(target)?.has(anchor)
      if (!found) broken.push(`${name} → ${url}`)
    }
  }
  return broken
}

describe('choosePages', () => {
  it('moves the largest movable tables first, only as many as needed, the same for every locale', () => {
    const tables = new Map([
      [
        'a',
        new Map([
          ['en', 1000],
          ['zh', 900]
        ])
      ],
      [
        'b',
        new Map([
          ['en', 3000],
          ['zh', 3500]
        ])
      ],
      [
        'c',
        new Map([
          ['en', 2000],
          ['zh', 2000]
        ])
      ]
    ])
    const readme = new Map([
      ['en', 7000],
      ['zh', 7400]
    ])
    expect(choosePages(readme, tables, new Set(['a', 'b', 'c']), 8000)).toEqual(new Set())
    // b alone brings both under 4,500 (each move leaves a link behind: 400 bytes allowed).
    expect(choosePages(readme, tables, new Set(['a', 'b', 'c']), 4500)).toEqual(new Set(['b']))
    expect(choosePages(readme, tables, new Set(['a', 'c']), 5500)).toEqual(new Set(['c', 'a']))
  })
  it("puts each locale's page beside its README", () => {
    const locale = {id: 'zh', name: '简体中文', output: 'README.zh-CN.md', template: 't'}
    expect(pagePath(locale, 'agent')).toBe('lists/agent.zh-CN.md')
    expect(pagePath({...locale, output: 'README.md'}, 'agent')).toBe('lists/agent.md')
  })
})

describe('the list grows past what one README holds', () => {
  it('4,000 real-shaped entries: every page under the budget, every entry once, every anchor resolves', async () => {
    const {dir} = await syntheticList(4000, 16)
    try {
      const result = await runCli(dir, ['build-readme'])
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(
        /^size budget: README\.md [\d.]+ KiB, README\.zh-CN\.md [\d.]+ KiB, largest page [\d.]+ KiB of 500\.0 KiB each \(warning from 400\.0 KiB\)$/m
      )
      const files = await generatedFiles(dir)
      expect(files.size).toBeGreaterThan(2)
      for (const [name, text] of files) {
        const limit = name.startsWith('README') ? defaultBudget.warnBytes : defaultBudget.maxBytes
        expect({name, fits: Buffer.byteLength(text) <= limit}).toEqual({name, fits: true})
      }
      expect(brokenLinks(files)).toEqual([])
      // Each project is listed exactly once per language, in the README or on a page.
      for (const suffix of ['.md', '.zh-CN.md']) {
        const rows = [...files]
          .filter(
            ([name]) =>
              name.endsWith(suffix) && (suffix === '.zh-CN.md' || !name.endsWith('.zh-CN.md'))
          )
          .flatMap(([, text]) => [...text.matchAll(/\| \[Project (\d+)\]/g)].map(m => m[1]))
        expect(new Set(rows).size).toBe(4000)
        expect(rows).toHaveLength(4000)
      }
      expect(await runCli(dir, ['build-readme', '--check'])).toMatchObject({code: 0})
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  }, 240_000)

  it('fails past 500 KiB with the figure and what to do, and writes nothing', async () => {
    const {dir} = await syntheticList(2400, 1, 'readme')
    try {
      const result = await runCli(dir, ['build-readme'])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(
        /^README\.md: error [\d.]+ KiB is past the size budget of 500\.0 KiB \(GitHub stops rendering a Markdown file at 512 KiB\); set `page: own`/m
      )
      expect(result.stderr).toContain('No README was written.')
      await expect(readFile(path.join(dir, 'README.md'), 'utf8')).rejects.toThrow()
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  }, 240_000)
})

describe('page: own', () => {
  it('puts the table on its own page per language, keeps the anchor in the README, and removes the page when it comes back', async () => {
    const {dir, cleanup} = await copyList(
      path.join(import.meta.dirname, 'fixtures', 'own-page', 'overlay')
    )
    try {
      const sectionFile = path.join(dir, 'entries/agent/_section.yaml')
      const original = await readFile(sectionFile, 'utf8')
      await writeFile(sectionFile, original.replace('order: 2\n', 'order: 2\npage: own\n'))
      const built = await runCli(dir, ['build-readme'])
      expect(built.code).toBe(0)
      expect(built.stdout).toContain(
        '1 section on its own page (2 of 2 page files written, 0 removed): agent'
      )
      const files = await generatedFiles(dir)
      expect([...files.keys()]).toEqual([
        'README.md',
        'README.zh-CN.md',
        'lists/agent.md',
        'lists/agent.zh-CN.md'
      ])
      expect(files.get('README.md')).toContain('[Agent](lists/agent.md#agent)')
      expect(files.get('README.md')).toContain('<a id="agent"></a>')
      expect(files.get('README.md')).not.toContain('[AutoGen]')
      expect(files.get('lists/agent.md')).toContain(
        '[AutoGen](https://github.com/microsoft/autogen)'
      )
      expect(files.get('lists/agent.zh-CN.md')).toContain('../README.zh-CN.md#agent')
      expect(brokenLinks(files)).toEqual([])

      await writeFile(sectionFile, original)
      expect((await runCli(dir, ['build-readme', '--check'])).stderr).toContain(
        'lists/agent.md is no longer generated'
      )
      const back = await runCli(dir, ['build-readme'])
      expect(back.stdout).toContain(
        '0 sections on their own pages (0 of 0 page files written, 2 removed)'
      )
      expect([...(await generatedFiles(dir)).keys()]).toEqual(['README.md', 'README.zh-CN.md'])
    } finally {
      await cleanup()
    }
  })
})
