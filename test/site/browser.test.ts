import {mkdir, mkdtemp, rm} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadList} from '../../src/entries/load.js'
import {textIn} from '../../src/model/text.js'
import type {Entry, ListModel, SectionNode} from '../../src/model/types.js'
import {entryId, plainText} from '../../src/site/facts.js'
import {findChromium, serveSite} from '../helpers/static-site.js'
import type {TestServer} from '../helpers/server.js'
import {projectRoot, runCli} from '../support/cli.js'

// The real list, built by the real command, served on 127.0.0.1 and driven in
// the system's Chromium (playwright-core downloads no browser). Without a
// Chromium these tests are skipped with one line, unless REQUIRE_BROWSER=1
// (CI), where a missing browser is a failure.
const executablePath = findChromium()
const required = process.env['REQUIRE_BROWSER'] === '1'
if (!executablePath && !required)
  console.log(
    "Browser tests skipped: no Chromium found (install Debian's `chromium` or set CHROME_PATH; REQUIRE_BROWSER=1 makes this a failure)."
  )

const screenshots = path.join(projectRoot, 'test-results')
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

let dir: string
let server: TestServer
let browser: Browser
let model: ListModel

/** Names and descriptions of an entry in every language, as a reader would search them. */
function searchableText(entry: Entry): string {
  const values = [entry.name, ...entry.links.map(link => link.name)]
  for (const field of ['description', 'details', 'contributor'] as const) {
    const value = entry.fields[field]
    if (value !== undefined) values.push(value)
  }
  for (const id of sectionChain(entry.section)) values.push(sectionTitle(id))
  return values
    .flatMap(value => (typeof value === 'string' ? [value] : Object.values(value)))
    .map(text => plainText(text).normalize('NFKC').toLowerCase())
    .join('\n')
}

function sectionTitle(id: string): Entry['name'] {
  let title: Entry['name'] | undefined
  const walk = (nodes: readonly SectionNode[]) => {
    for (const node of nodes) {
      if (node.section.id === id) title = node.section.title
      walk(node.children)
    }
  }
  walk(model.sections)
  return title!
}

function sectionChain(id: string): string[] {
  const chain: string[] = []
  const walk = (nodes: readonly SectionNode[], above: string[]): boolean =>
    nodes.some(node => {
      const here = [node.section.id, ...above]
      if (node.section.id === id) {
        chain.push(...here)
        return true
      }
      return walk(node.children, here)
    })
  walk(model.sections, [])
  return chain
}

async function open(
  path: string,
  options: {javaScript?: boolean; width?: number} = {}
): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: {width: options.width ?? 1280, height: 900}
  })
  const page = await context.newPage()
  await page.goto(new URL(path, server.origin()).href)
  if (options.javaScript ?? true) await page.waitForSelector('#filters[data-ready="true"]')
  return page
}

async function visibleIds(page: Page): Promise<string[]> {
  return page.$$eval('li.entry:not([hidden])', items => items.map(item => item.id))
}

async function shownCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('#count', 'data-shown'))
}

describe.runIf(executablePath !== undefined || required)('the website in Chromium', () => {
  beforeAll(async () => {
    if (!executablePath)
      throw new Error(
        "REQUIRE_BROWSER=1 but no Chromium was found: install Debian's `chromium` or set CHROME_PATH"
      )
    const loaded = await loadList(projectRoot)
    model = loaded.model!
    dir = await mkdtemp(path.join(tmpdir(), 'site-'))
    const built = await runCli(projectRoot, ['build-site', '--out', path.join(dir, 'site')])
    expect(built.stderr).toBe('')
    expect(built.code).toBe(0)
    server = await serveSite(path.join(dir, 'site'))
    browser = await chromium.launch({executablePath, args: ['--no-sandbox']})
    await mkdir(screenshots, {recursive: true})
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dir) await rm(dir, {recursive: true, force: true})
  })

  it.each(['/', '/zh/'])(
    '%s shows every entry of the list',
    async pagePath => {
      const page = await open(pagePath)
      // The real list: every entry file under entries/ (395 after the duplicates were merged).
      expect(model.entries.length).toBeGreaterThan(390)
      expect(await page.locator('li.entry').count()).toBe(model.entries.length)
      expect(await visibleIds(page)).toEqual(model.entries.map(entryId))
      expect(await shownCount(page)).toBe(model.entries.length)
      expect(await page.getAttribute('html', 'lang')).toBe(pagePath === '/' ? 'en' : 'zh')
      await page.context().close()
    },
    60_000
  )

  it.each([
    ['/', 'autogen'],
    ['/', 'instruction tuning'],
    ['/zh/', '对齐'],
    ['/', '搜索'],
    ['/zh/', 'Mistral 7B']
  ])(
    'on %s, a search for %s finds the entries whose names or descriptions hold it, in any language',
    async (pagePath, query) => {
      const page = await open(pagePath)
      await page.fill('#f-q', query)
      await page.waitForFunction(q => new URL(location.href).searchParams.get('q') === q, query)
      await page.waitForFunction(
        total => document.querySelector('#count')?.getAttribute('data-shown') !== String(total),
        model.entries.length
      )
      const terms = query.toLowerCase().split(' ')
      const expected = model.entries
        .filter(entry => terms.every(term => searchableText(entry).includes(term)))
        .map(entryId)
      expect(expected.length).toBeGreaterThan(0)
      expect(await visibleIds(page)).toEqual(expected)
      expect(await shownCount(page)).toBe(expected.length)
      await page.context().close()
    },
    60_000
  )

  it('finds the expected projects by name in English and in Chinese', async () => {
    const page = await open('/?q=autogen')
    expect(await visibleIds(page)).toContain('entry-agent--autogen')
    await page.goto(new URL('/zh/?q=%E5%AF%B9%E9%BD%90', server.origin()).href)
    await page.waitForSelector('#filters[data-ready="true"]')
    // Every project of the Alignment section (对齐), though most of their text is English only.
    const alignment = model.entries.filter(e => e.section === 'alignment').map(entryId)
    expect(alignment.length).toBeGreaterThan(5)
    expect(await visibleIds(page)).toEqual(expect.arrayContaining(alignment))
    await page.context().close()
  }, 60_000)

  it('combines filters, with counts equal to those computed from the model, from the keyboard too', async () => {
    const page = await open('/')
    await page.selectOption('#f-section', 'domain-models')
    await page.selectOption('#f-lang', 'zh')
    await page.fill('#f-since', '2023-06')
    await page.check('#f-hide')
    const expected = model.entries.filter(entry => {
      const languages = textIn(entry.fields.language ?? '', 'en', ['en', 'zh'])
        .toLowerCase()
        .split('/')
      return (
        sectionChain(entry.section).includes('domain-models') &&
        languages.includes('zh') &&
        entry.added >= '2023-06-01'
      )
    })
    expect(expected.length).toBeGreaterThan(0)
    await page.waitForFunction(
      n => document.querySelector('#count')?.getAttribute('data-shown') === String(n),
      expected.length
    )
    expect(await visibleIds(page)).toEqual(expected.map(entryId))
    expect(await page.textContent('#count')).toBe(
      `${expected.length} of ${model.entries.length} projects`
    )
    // Sections without a match are hidden; the one with matches is not.
    expect(await page.isHidden('section[data-section="agent"]')).toBe(true)

    // Keyboard: the language filter moves with the arrow keys and the list follows.
    await page.focus('#f-lang')
    await page.keyboard.press('ArrowDown')
    const lang = await page.inputValue('#f-lang')
    expect(lang).not.toBe('zh')
    await page.waitForFunction(l => new URL(location.href).searchParams.get('lang') === l, lang)
    await page.context().close()
  }, 60_000)

  it('reaches the search box and every filter with Tab', async () => {
    const page = await open('/')
    const reached = new Set<string>()
    for (let i = 0; i < 40 && reached.size < 8; i++) {
      await page.keyboard.press('Tab')
      const id = await page.evaluate(() => document.activeElement?.id ?? '')
      if (id.startsWith('f-')) reached.add(id)
    }
    expect([...reached].sort()).toEqual(
      ['f-hide', 'f-lang', 'f-license', 'f-q', 'f-section', 'f-since', 'f-sort'].sort()
    )
    await page.context().close()
  }, 60_000)

  it('keeps the view in the URL: a shared link shows the same view', async () => {
    const page = await open('/zh/')
    await page.fill('#f-q', 'llama')
    await page.selectOption('#f-sort', 'added')
    await page.selectOption('#f-lang', 'en')
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'added')
    await page.waitForFunction(() => new URL(location.href).searchParams.get('lang') === 'en')
    const url = page.url()
    expect(new URL(url).search).toBe('?q=llama&lang=en&sort=added')
    const ids = await visibleIds(page)
    const order = await page.$$eval('li.entry:not([hidden])', items =>
      items.map(i => i.getAttribute('data-added'))
    )

    const shared = await open(url)
    expect(await shared.inputValue('#f-q')).toBe('llama')
    expect(await shared.inputValue('#f-sort')).toBe('added')
    expect(await shared.inputValue('#f-lang')).toBe('en')
    expect(await visibleIds(shared)).toEqual(ids)
    // Newest first within each section.
    expect(order.length).toBeGreaterThan(1)
    const bySection = await shared.$$eval('ul.entries', lists =>
      lists.map(list =>
        [...list.querySelectorAll('li.entry:not([hidden])')].map(i => i.getAttribute('data-added')!)
      )
    )
    for (const dates of bySection) expect(dates).toEqual([...dates].sort().reverse())
    await page.context().close()
    await shared.context().close()
  }, 60_000)

  it('works without JavaScript: every entry is there, the form that needs it is not', async () => {
    for (const pagePath of ['/', '/zh/']) {
      const page = await open(pagePath, {javaScript: false})
      expect(await page.locator('li.entry').count()).toBe(model.entries.length)
      expect(await page.locator('li.entry[hidden]').count()).toBe(0)
      expect(await page.isHidden('#filters')).toBe(true)
      expect(await page.textContent('#count')).toContain(String(model.entries.length))
      await page.context().close()
    }
    const page = await open('/new/', {javaScript: false})
    expect(await page.locator('.new-entries > li').count()).toBe(model.entries.length)
    await page.context().close()
  }, 60_000)

  it('has no serious or critical axe-core violations, in light and dark mode', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}})
    const page = await context.newPage()
    const found: string[] = []
    for (const pagePath of ['/', '/zh/', '/new/', '/zh/new/']) {
      await page.goto(new URL(pagePath, server.origin()).href)
      if (!pagePath.includes('new')) await page.waitForSelector('#filters[data-ready="true"]')
      await page.addScriptTag({path: axeSource})
      // Colours come from one style sheet: dark mode is checked on the English pages only (axe is slow).
      const schemes = pagePath.startsWith('/zh/')
        ? (['light'] as const)
        : (['light', 'dark'] as const)
      for (const colorScheme of schemes) {
        await page.emulateMedia({colorScheme})
        const violations = await page.evaluate(async () => {
          type Result = {violations: Array<{id: string; impact: string; nodes: unknown[]}>}
          const {axe} = window as unknown as {axe: {run: () => Promise<Result>}}
          const result = await axe.run()
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`)
        })
        found.push(...violations.map(v => `${pagePath} ${colorScheme}: ${v}`))
      }
    }
    expect(found).toEqual([])
    await context.close()
  }, 480_000)

  it('parses the feeds as Atom, 50 entries each, newest first', async () => {
    const page = await open('/')
    for (const feed of ['feed.xml', 'zh/feed.xml']) {
      const result = await page.evaluate(async url => {
        const text = await (await fetch(url)).text()
        const doc = new DOMParser().parseFromString(text, 'application/xml')
        const atom = 'http://www.w3.org/2005/Atom'
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
          entries: [...doc.getElementsByTagNameNS(atom, 'entry')].map(entry => ({
            id: entry.getElementsByTagNameNS(atom, 'id')[0]?.textContent,
            title: entry.getElementsByTagNameNS(atom, 'title')[0]?.textContent,
            updated: entry.getElementsByTagNameNS(atom, 'updated')[0]?.textContent
          }))
        }
      }, feed)
      expect(result.error).toBeNull()
      expect(result.root).toBe('http://www.w3.org/2005/Atom feed')
      expect(result.entries).toHaveLength(50)
      const dates = result.entries.map(e => e.updated!)
      expect(dates).toEqual([...dates].sort().reverse())
      for (const entry of result.entries) {
        expect(entry.id).toMatch(/^tag:/)
        expect(entry.title).not.toBe('')
      }
    }
    await page.context().close()
  }, 60_000)

  it('resolves every internal link and anchor', async () => {
    const page = await open('/')
    const pending = ['/', '/zh/']
    const seen = new Set<string>()
    const broken: string[] = []
    const idsByPage = new Map<string, Set<string>>()
    const anchors: Array<{from: string; url: URL}> = []
    while (pending.length > 0) {
      const pagePath = pending.shift()!
      if (seen.has(pagePath)) continue
      seen.add(pagePath)
      const response = await page.goto(new URL(pagePath, server.origin()).href)
      if (response?.status() !== 200) {
        broken.push(`${pagePath}: ${response?.status()}`)
        continue
      }
      if (!pagePath.endsWith('/')) continue
      const {links, ids} = await page.evaluate(() => ({
        links: [...document.querySelectorAll('a[href], link[href], script[src]')].map(
          node => (node as HTMLAnchorElement).href || (node as HTMLScriptElement).src
        ),
        ids: [...document.querySelectorAll('[id]')].map(node => node.id)
      }))
      idsByPage.set(pagePath, new Set(ids))
      for (const link of links) {
        const url = new URL(link)
        if (url.origin !== server.origin()) continue
        if (url.hash !== '') anchors.push({from: pagePath, url})
        if (!seen.has(url.pathname)) pending.push(url.pathname)
      }
    }
    for (const {from, url} of anchors) {
      const ids = idsByPage.get(url.pathname)
      if (!ids?.has(decodeURIComponent(url.hash.slice(1))))
        broken.push(`${from} → ${url.pathname}${url.hash}`)
    }
    expect(broken).toEqual([])
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        '/',
        '/assets/site.css',
        '/assets/site.js',
        '/feed.xml',
        '/new/',
        '/zh/',
        '/zh/feed.xml',
        '/zh/new/'
      ])
    )
    expect(anchors.length).toBeGreaterThan(model.entries.length * 2)
    await page.context().close()
  }, 120_000)

  it('takes screenshots at 1280 px and 360 px', async () => {
    for (const [name, pagePath, width, height] of [
      ['site-en-1280', '/', 1280, 800],
      ['site-zh-1280', '/zh/', 1280, 800],
      ['site-en-360', '/', 360, 780],
      ['site-zh-360', '/zh/?q=%E5%AF%B9%E9%BD%90', 360, 780],
      ['site-new-360', '/new/', 360, 780]
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({viewport: {width, height}, colorScheme})
        const page = await context.newPage()
        await page.goto(new URL(pagePath, server.origin()).href)
        if (!pagePath.includes('new')) await page.waitForSelector('#filters[data-ready="true"]')
        // Nothing wider than the screen: no sideways scrolling on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          width
        )
        await page.screenshot({path: path.join(screenshots, `${name}-${colorScheme}.png`)})
        await context.close()
      }
    }
  }, 120_000)
})
