import {readFile, writeFile, mkdir} from 'node:fs/promises'
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import {afterEach, describe, expect, it} from 'vitest'
import {loadList} from '../../src/entries/load.js'
import {renderReadmes} from '../../src/render/readme.js'
import {inlineHast} from '../../src/site/markdown.js'
import {copyList, exists, fixtures, runCli, snapshotTree} from '../support/cli.js'

const withStatus = path.join(import.meta.dirname, 'fixtures', 'with-status')
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map(cleanup => cleanup()))
})

async function built(overlay?: string, args: string[] = []) {
  const list = await copyList(overlay)
  cleanups.push(list.cleanup)
  const result = await runCli(list.dir, ['build-site', ...args])
  return {...result, dir: list.dir, site: path.join(list.dir, 'site')}
}

/** The `<li>` of one entry, as served. */
function entryHtml(page: string, id: string): string {
  const start = page.indexOf(`<li class="entry`, page.indexOf(`id="${id}"`) - 200)
  expect(start, id).toBeGreaterThan(-1)
  return page.slice(start, page.indexOf('</li>', page.indexOf(`id="${id}"`)) + 5)
}

describe('build-site', () => {
  it('writes one page per locale, a what-is-new page and a feed each, and the assets', async () => {
    const {code, stdout, stderr, site} = await built()
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^wrote site\/ \(9 files, \d+ bytes; 4 entries, 2 locales\)\n$/)
    expect([...(await snapshotTree(site)).keys()].sort()).toEqual([
      'assets/search.json',
      'assets/site.css',
      'assets/site.js',
      'feed.xml',
      'index.html',
      'new/index.html',
      'zh/feed.xml',
      'zh/index.html',
      'zh/new/index.html'
    ])
  })

  it('is deterministic, and replaces the whole folder (no file of an older build stays)', async () => {
    const {dir, site} = await built()
    const first = await snapshotTree(site)
    await writeFile(path.join(site, 'stale.html'), 'old')
    await mkdir(path.join(site, 'old-folder'))
    expect((await runCli(dir, ['build-site'])).code).toBe(0)
    expect(await snapshotTree(site)).toEqual(first)
    expect(await exists(path.join(site, 'old-folder'))).toBe(false)
  })

  it('gives each locale its texts, its language, hreflang links and the README anchors', async () => {
    const {dir, site} = await built()
    const en = await readFile(path.join(site, 'index.html'), 'utf8')
    const zh = await readFile(path.join(site, 'zh', 'index.html'), 'utf8')
    expect(en).toMatch(/^<!doctype html><html lang="en"/)
    expect(zh).toMatch(/^<!doctype html><html lang="zh"/)
    expect(en).toContain('<link rel="alternate" hreflang="zh" href="zh/">')
    expect(zh).toContain('<link rel="alternate" hreflang="en" href="../">')
    expect(zh).toContain('<a href="../" hreflang="en" lang="en">English</a>')
    expect(en).toContain('human evaluation')
    expect(zh).toContain('人工评估')
    expect(zh).toContain('预训练数据')
    // Every anchor of the README is an id on the page of the same language.
    const {model} = await loadList(dir)
    for (const readme of renderReadmes(model!).readmes) {
      const page = readme.locale.id === 'en' ? en : zh
      const anchors = [...readme.content.matchAll(/<a id="([^"]+)"><\/a>/g)].map(m => m[1]!)
      expect(anchors.length).toBeGreaterThan(2)
      for (const anchor of anchors) expect(page).toContain(` id="${anchor}"`)
    }
  })

  it('shows the facts of the status file: archived, dead, stars, last push, license, rename', async () => {
    const {site} = await built(withStatus)
    const en = await readFile(path.join(site, 'index.html'), 'utf8')
    const autogen = entryHtml(en, 'entry-agent--autogen')
    expect(autogen).toContain('class="entry is-archived"')
    expect(autogen).toContain('data-status="archived"')
    expect(autogen).toContain('data-stars="31234"')
    expect(autogen).toContain('data-license="cc-by-4.0"')
    expect(autogen).toContain('⭐ 31k')
    expect(autogen).toContain('2024-05')
    expect(autogen).toContain('archived: read-only, no longer developed')
    const babyagi = entryHtml(en, 'entry-agent--babyagi')
    expect(babyagi).toContain(
      '<a href="https://github.com/yoheinakajima/babyagi-classic">yoheinakajima/babyagi-classic</a>'
    )
    expect(babyagi).not.toContain('data-status')
    expect(entryHtml(en, 'entry-pretrain-data--redpajama')).toContain('data-status="dead"')
    // The filter offers the licenses there are.
    expect(en).toContain('<option value="mit">MIT</option>')
  })

  it('writes Atom feeds newest first, dated from `added`, with absolute links when the address is known', async () => {
    const {site} = await built(undefined, ['--base-url', 'https://example.github.io/list'])
    const feed = await readFile(path.join(site, 'zh', 'feed.xml'), 'utf8')
    expect(feed).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="zh">/
    )
    expect(feed).toContain(
      '<link rel="self" type="application/atom+xml" href="https://example.github.io/list/zh/feed.xml" />'
    )
    const titles = [...feed.matchAll(/<entry><title>([^<]*)<\/title>/g)].map(m => m[1])
    const dates = [...feed.matchAll(/<entry>.*?<updated>([^<]*)<\/updated>/g)].map(m => m[1])
    expect(titles).toHaveLength(4)
    expect(titles).toContain('人工评估')
    expect(dates).toEqual([...dates].sort().reverse())
    expect(feed).toContain(`<updated>${dates[0]}</updated><author>`)
    const en = await readFile(path.join(site, 'index.html'), 'utf8')
    expect(en).toContain(
      '<link rel="alternate" hreflang="zh" href="https://example.github.io/list/zh/">'
    )
  })

  it('writes nothing when an entry is invalid, and says where', async () => {
    const {code, stderr, site} = await built(
      path.join(fixtures, '..', 'entries', 'fixtures', 'invalid', 'bad-date', 'overlay')
    )
    expect(code).toBe(1)
    expect(stderr).toMatch(/^entries\/agent\/foo\.yaml:\d+:\d+: error .+\(.+\)$/m)
    expect(stderr).toContain('No site was written')
    expect(await exists(site)).toBe(false)
  })

  it.each([
    [['--out'], '`--out` needs a value'],
    [['--base-url', 'ftp://example.org'], '`--base-url` must be an absolute http(s) URL'],
    [['--fast'], 'unknown option `--fast`']
  ])('rejects %j with a usage error', async (args, message) => {
    const {code, stderr, site} = await built(undefined, args)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
    expect(await exists(site)).toBe(false)
  })
})

describe('entry text on the site', () => {
  it('is sanitised as in the README: no raw HTML, no script links, line breaks kept', () => {
    const html = toHtml({
      type: 'root',
      children: inlineHast(
        'a <b onclick="x()">bold</b> <script>alert(1)</script> [click](javascript:alert(1)) [ok](https://example.org) *em*\nsecond line'
      )
    })
    expect(html).not.toMatch(/<b[ >]|<script|javascript:|onclick/i)
    expect(html).toContain('<a href="https://example.org">ok</a>')
    expect(html).toContain('<em>em</em>')
    expect(html).toContain('click')
    expect(html).toContain('<br>')
    expect(html).toContain('second line')
  })
})
