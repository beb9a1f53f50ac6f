import {execFile} from 'node:child_process'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {parse} from 'yaml'
import {projectRoot} from '../support/cli.js'

// Run the shell steps of the workflows as a runner runs them, on temporary git repositories.

const exec = promisify(execFile)

export type Steps = Array<{id?: string; name?: string; run?: string}>

/** The steps of one job of a workflow file. */
export async function jobSteps(file: string, job: string): Promise<Steps> {
  const workflow = parse(
    await readFile(path.join(projectRoot, '.github/workflows', file), 'utf8')
  ) as {jobs: Record<string, {steps: Steps}>}
  return workflow.jobs[job]!.steps
}

/** The script of the step with this name (or id). */
export function script(steps: Steps, name: string): string {
  const found = steps.find(s => s.name === name || s.id === name)
  if (!found?.run) throw new Error(`no step \`${name}\``)
  return found.run
}

export const gitEnv = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.org'
}

export const git = async (cwd: string, ...args: string[]) =>
  (await exec('git', args, {cwd, env: {...process.env, ...gitEnv}})).stdout

/**
 * Run a step's script with `bash -e` and the runner's files (RUNNER_TEMP,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY below `temp`); PATH may start with stand-ins.
 */
export async function runStep(
  temp: string,
  cwd: string,
  run: string,
  env: Record<string, string> = {}
) {
  const files = {
    RUNNER_TEMP: path.join(temp, 'runner'),
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary')
  }
  await mkdir(files.RUNNER_TEMP, {recursive: true})
  for (const file of [files.GITHUB_OUTPUT, files.GITHUB_STEP_SUMMARY])
    await writeFile(file, '', {flag: 'a'})
  let code = 0
  let stdout = ''
  let stderr = ''
  try {
    ;({stdout, stderr} = await exec('bash', ['--noprofile', '--norc', '-e', '-c', run], {
      cwd,
      env: {...process.env, ...gitEnv, ...files, ...env}
    }))
  } catch (error) {
    ;({code, stdout, stderr} = error as {code: number; stdout: string; stderr: string})
  }
  return {
    code,
    stdout,
    stderr,
    output: await readFile(files.GITHUB_OUTPUT, 'utf8'),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8')
  }
}
