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
    const result = await run(markdownlint, ['README.md', 'README.zh-CN.md'], {cwd: projectRoot}).catch((error: {stdout: string; stderr: string; code: number}) => error)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('Linting: 2 file(s)')
    expect(result.stdout).toContain('Summary: 0 error(s)')
  })

  it('reports a broken README (the check can fail)', async () => {
    const result = await run(markdownlint, ['--config', '.markdownlint-cli2.jsonc', 'test/render/fixtures/lint/bad.md'], {cwd: projectRoot}).catch((error: {stdout: string; stderr: string; code: number}) => error)
    expect(result.stderr).toMatch(/MD001|MD047/)
  })
})
