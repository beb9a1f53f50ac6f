import {execFile} from 'node:child_process'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {projectRoot} from '../support/cli.js'

const run = promisify(execFile)
const markdownlint = path.join(projectRoot, 'node_modules', '.bin', 'markdownlint-cli2')

// The rules switched off are listed, with reasons, in .markdownlint-cli2.jsonc.
describe('markdownlint', () => {
  it('passes on both generated READMEs', async () => {
    const result = await run(markdownlint, ['README.md', 'README.zh-CN.md'], {
      cwd: projectRoot
    }).catch((error: {stdout: string; stderr: string; code: number}) => error)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('Linting: 2 file(s)')
    expect(result.stdout).toContain('Summary: 0 error(s)')
  })

  it('reports a broken README (the check can fail)', async () => {
    const result = await run(
      markdownlint,
      ['--config', '.markdownlint-cli2.jsonc', 'test/render/fixtures/lint/bad.md'],
      {cwd: projectRoot}
    ).catch((error: {stdout: string; stderr: string; code: number}) => error)
    expect(result.stderr).toMatch(/MD001|MD047/)
  })
})

// awesome-lint's table rules (remark-lint), but for table-pipe-alignment: aligning
// pipes means padding every cell to its column's width, which made the hand-made
// READMEs ~400 KB and would push the list past GitHub's 512 KB rendering limit.
describe('awesome-lint table rules', () => {
  it.each(['README.md', 'README.zh-CN.md'])(
    '%s passes table-cell-padding, table-pipes and no-table-indentation',
    async file => {
      const {unified} = await import('unified')
      const {default: remarkParse} = await import('remark-parse')
      const {default: remarkGfm} = await import('remark-gfm')
      const {default: remarkLint} = await import('remark-lint')
      const {default: cellPadding} = await import('remark-lint-table-cell-padding')
      const {default: tablePipes} = await import('remark-lint-table-pipes')
      const {default: noTableIndentation} = await import('remark-lint-no-table-indentation')
      const {VFile} = await import('vfile')
      const {readFile} = await import('node:fs/promises')
      const processor = unified()
        .use(remarkParse)
        .use(remarkGfm)
        .use(remarkLint)
        .use(cellPadding, 'consistent')
        .use(tablePipes)
        .use(noTableIndentation)
      const vfile = new VFile({
        path: file,
        value: await readFile(path.join(projectRoot, file), 'utf8')
      })
      await processor.run(processor.parse(vfile), vfile)
      expect(vfile.messages.map(String)).toEqual([])
    }
  )
})
