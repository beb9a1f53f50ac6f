import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {parseList} from '../../src/entries/parse.js'
import {readListSources} from '../../src/entries/sources.js'
import {describeList, sectionsWithTable} from '../../src/scaffold/list-info.js'
import {copyList, projectRoot, runCli} from '../support/cli.js'
import {npmShim} from './npm-shim.js'

// The contributor's path, as documented: the guides' commands and examples
// must work, and the issue form must offer the sections the list has.

const exec = promisify(execFile)
const fixture = path.join(import.meta.dirname, '..', 'scaffold', 'fixtures', 'list')
const read = (file: string) => readFile(path.join(projectRoot, file), 'utf8')
const guides = ['CONTRIBUTING.md', 'CONTRIBUTING.zh-CN.md']

/** Fenced code blocks of one language in a Markdown file. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(
    m => m[1]!
  )
}

describe.each(guides)('%s', guide => {
  it('runs only npm scripts that exist', async () => {
    const {scripts} = JSON.parse(await read('package.json')) as {scripts: Record<string, string>}
    const used = [...(await read(guide)).matchAll(/npm run ([\w-]+)/g)].map(m => m[1]!)
    expect(used.length).toBeGreaterThan(5)
    for (const script of new Set(used))
      expect(Object.keys(scripts), `npm run ${script}`).toContain(script)
  })

  it('gives a new-entry command that creates a valid entry, as written', async () => {
    const [command] = codeBlocks(await read(guide), 'sh').filter(block =>
      block.startsWith('npm run new-entry')
    )
    expect(command).toBeDefined()
    const {dir, cleanup} = await copyList(undefined, fixture)
    try {
      const bin = await npmShim(dir)
      const {stdout} = await exec('bash', ['-e', '-c', command!], {
        cwd: dir,
        env: {...process.env, PATH: `${bin}:${process.env['PATH']}`}
      })
      expect(stdout).toContain('Created entries/agent/my-agent.yaml')
      expect(await runCli(dir, ['validate'])).toMatchObject({code: 0, stderr: ''})
    } finally {
      await cleanup()
    }
  })

  it('shows an example entry that validates', async () => {
    const [example] = codeBlocks(await read(guide), 'yaml')
    const sources = await readListSources(fixture)
    // In a section that shows `contributor` and `description`. The example lists AutoGen, which the
    // fixture lists in another section: one project appears once, so the fixture's copy makes way.
    sources.entries = sources.entries.filter(file => file.path !== 'entries/agent/autogen.yaml')
    sources.entries.push({path: 'entries/base-models/example.yaml', source: example!})
    const {diagnostics} = parseList(sources)
    expect(diagnostics).toEqual([])
  })

  it('leads with the browser path, and keeps the local one second', async () => {
    const headings = (await read(guide)).split('\n').filter(line => line.startsWith('## '))
    expect(headings[0]).toBe(
      guide === 'CONTRIBUTING.md' ? '## Add a project from your browser' : '## 只用浏览器添加项目'
    )
    expect(headings[1]).toBe(
      guide === 'CONTRIBUTING.md'
        ? '## Or on your computer, with the scaffold'
        : '## 或者在自己的电脑上使用脚手架'
    )
  })

  it('gives a browser example that validates as the file it tells you to create', async () => {
    const text = await read(guide)
    const browser = text.slice(
      text.indexOf('\n## '),
      text.indexOf('\n## ', text.indexOf('\n## ') + 1)
    )
    const [indented] = [...browser.matchAll(/^ {3}```yaml\n([\s\S]*?)^ {3}```$/gm)].map(m => m[1]!)
    expect(indented).toBeDefined()
    const example = indented!.replace(/^ {3}/gm, '')
    expect(browser).toContain('`my-agent.yaml`')
    const sources = await readListSources(fixture)
    sources.entries.push({path: 'entries/agent/my-agent.yaml', source: example})
    expect(parseList(sources).diagnostics).toEqual([])
    // It asks for the entry file only: the READMEs are main's to rebuild.
    expect(browser).not.toContain('build-readme')
  })

  it('never asks a contributor to commit the READMEs', async () => {
    const text = await read(guide)
    expect(text).not.toMatch(
      /commit (the entry file )?\*\*and both READMEs|一起提交 README|\*\*和两份 README\*\* 一起提交/
    )
  })

  it('links the other language, docs/ci.md and the issue form', async () => {
    const text = await read(guide)
    expect(text).toContain(
      guide === 'CONTRIBUTING.md' ? '(CONTRIBUTING.zh-CN.md)' : '(CONTRIBUTING.md)'
    )
    expect(text).toContain('(docs/ci.md)')
    expect(text).toContain('(../../issues/new/choose)')
  })
})

describe('the issue form for suggesting a project', () => {
  interface Element {
    type: string
    id?: string
    attributes: {label?: string; options?: Array<string | {label: string}>}
    validations?: {required?: boolean}
  }

  it('asks for name, link, section and description, with unique ids', async () => {
    const form = parse(await read('.github/ISSUE_TEMPLATE/suggest-project.yml')) as {
      name: string
      description: string
      body: Element[]
    }
    expect(form.name).toBeTruthy()
    expect(form.description).toBeTruthy()
    const ids = form.body.filter(e => e.type !== 'markdown').map(e => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    const required = form.body.filter(e => e.validations?.required).map(e => e.id)
    expect(required).toEqual(['name', 'url', 'section', 'description'])
    for (const element of form.body)
      expect(['markdown', 'input', 'textarea', 'dropdown', 'checkboxes']).toContain(element.type)
  })

  it('offers exactly the sections with a table, named by id, plus "not sure"', async () => {
    const form = parse(await read('.github/ISSUE_TEMPLATE/suggest-project.yml')) as {
      body: Element[]
    }
    const options = form.body.find(e => e.id === 'section')!.attributes.options as string[]
    const ids = options.slice(0, -1).map(option => /\(([a-z0-9-]+)\)$/.exec(option)?.[1])
    const sections = sectionsWithTable(describeList(await readListSources(projectRoot))).map(
      s => s.id
    )
    expect([...ids].sort()).toEqual(sections)
    expect(options.at(-1)).toBe('Not sure / 不确定')
  })

  it('has a config that keeps blank issues for toolchain bugs', async () => {
    expect(parse(await read('.github/ISSUE_TEMPLATE/config.yml'))).toEqual({
      blank_issues_enabled: true
    })
  })
})

describe('the pull request template', () => {
  it('is a checklist that asks for entry files only, and no README edit', async () => {
    const template = await read('.github/pull_request_template.md')
    const items = template.split('\n').filter(line => line.startsWith('- [ ] '))
    expect(items.length).toBeGreaterThanOrEqual(4)
    expect(template).toContain('`npm run validate`')
    expect(template).toContain('I did not edit `README.md` and `README.zh-CN.md`')
    expect(template).not.toContain('`npm run build-readme` was run')
  })
})

describe("the README's opening lines", () => {
  it.each([
    ['templates/README.en.md', 'README.md', '(CONTRIBUTING.md)'],
    ['templates/README.zh.md', 'README.zh-CN.md', '(CONTRIBUTING.zh-CN.md)']
  ])(
    '%s says how to add a project, right after the language switcher, and %s shows it',
    async (template, readme, link) => {
      const source = await read(template)
      const [, afterSwitcher] = source.split('{{language-switcher}}\n\n')
      const firstParagraph = afterSwitcher!.split('\n\n')[0]!
      expect(firstParagraph).toContain(link)
      // Generated from the template, not edited by hand: the committed README has it in its first lines.
      const opening = (await read(readme)).split('\n').slice(0, 6).join('\n')
      expect(opening).toContain(firstParagraph)
    }
  )
})

// Keep the fixture honest: it must validate on its own for the tests above to mean anything.
it('the scaffold fixture validates', async () => {
  expect(parseList(await readListSources(fixture)).diagnostics).toEqual([])
})
