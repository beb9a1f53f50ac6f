import {spawnSync} from 'node:child_process'
import {cp, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'

const root = path.join(import.meta.dirname, '..', '..')
const cli = path.join(root, 'dist', 'cli.js')
const child = path.join(root, 'dist', 'bench', 'child.js')

interface Run {
  ms: number
  maxRssMb: number | undefined
}

/** Time one whole `node … build-readme` process in `cwd`. */
function runBuild(cwd: string, script: string): Run {
  const start = performance.now()
  const result = spawnSync(process.execPath, [script, 'build-readme'], {cwd, encoding: 'utf8'})
  const ms = performance.now() - start
  if (result.status !== 0) throw new Error(`build-readme failed in ${cwd}:\n${result.stderr}`)
  const rss = /maxRSS=(\d+)/.exec(result.stderr)?.[1]
  return {ms, maxRssMb: rss === undefined ? undefined : Number(rss) / 1024}
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function copyProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-readme-'))
  await cp(path.join(root, 'entries'), path.join(dir, 'entries'), {recursive: true})
  await cp(path.join(root, 'templates'), path.join(dir, 'templates'), {recursive: true})
  return dir
}

/** A synthetic list of `count` entries in 20 sections, shaped like the real ones. */
async function syntheticList(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-synthetic-'))
  await cp(path.join(root, 'templates'), path.join(dir, 'templates'), {recursive: true})
  const sections = 20
  for (let s = 0; s < sections; s++) {
    const folder = path.join(dir, 'entries', `section-${s}`)
    await mkdir(folder, {recursive: true})
    await writeFile(
      path.join(folder, '_section.yaml'),
      `title:\n  en: Section ${s}\n  zh: 分区 ${s}\norder: ${s}\ncolumns:\n  - contributor\n  - name\n  - language\n  - description\nintro: Projects of kind ${s}, see [the docs](https://example.org/${s}).\n`
    )
  }
  const writes: Array<Promise<void>> = []
  for (let i = 0; i < count; i++) {
    const section = `section-${i % sections}`
    const day = String((i % 28) + 1).padStart(2, '0')
    writes.push(
      writeFile(
        path.join(dir, 'entries', section, `project-${i}.yaml`),
        `# yaml-language-server: $schema=../../schema/entry.schema.json\n\nname: Project ${i}\nurl: https://github.com/org-${i % 997}/project-${i}\ncontributor: "@org-${i % 997}"\nlanguage: en/zh\ndescription:\n  en: |-\n    Project ${i} does **useful** things with [models](https://huggingface.co/org/model-${i}) | fast.\n    Second line of the description.\n  zh: 项目 ${i} 的中文描述。\nadded: 2023-${String((i % 12) + 1).padStart(2, '0')}-${day}\n`
      )
    )
  }
  await Promise.all(writes)
  return dir
}

/** `build-readme` on the real list, and on 10,000 synthetic entries: wall time and peak memory. */
export async function benchReadme(): Promise<void> {
  const real = await copyProject()
  try {
    runBuild(real, cli) // warm the file system cache
    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      await rm(path.join(real, 'README.md'), {force: true})
      await rm(path.join(real, 'README.zh-CN.md'), {force: true})
      times.push(runBuild(real, cli).ms)
    }
    const memory = runBuild(real, child)
    console.log(
      `build-readme, real list (entries/, 2 locales), whole process: median ${median(times).toFixed(0)} ms of 10 runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); goal < 500 ms; peak RSS ${memory.maxRssMb?.toFixed(0)} MB`
    )
  } finally {
    await rm(real, {recursive: true, force: true})
  }

  const synthetic = await syntheticList(10_000)
  try {
    runBuild(synthetic, cli)
    const times: number[] = []
    let peak = 0
    for (let i = 0; i < 3; i++) {
      await rm(path.join(synthetic, 'README.md'), {force: true})
      await rm(path.join(synthetic, 'README.zh-CN.md'), {force: true})
      const run = runBuild(synthetic, child)
      times.push(run.ms)
      peak = Math.max(peak, run.maxRssMb ?? 0)
    }
    console.log(
      `build-readme, 10,000 synthetic entries (2 locales), whole process: median ${median(times).toFixed(0)} ms of 3 runs; goal < 3000 ms; peak RSS ${peak.toFixed(0)} MB; goal < 200 MB`
    )
  } finally {
    await rm(synthetic, {recursive: true, force: true})
  }
}
