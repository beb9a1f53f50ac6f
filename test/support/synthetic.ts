import {cp, mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {projectRoot} from './cli.js'

/**
 * A temporary list of `count` entries shaped like the real ones (a GitHub
 * link, a contributor, languages, a two-line English description with a link
 * and bold text, a Chinese one), spread over `sections` sections, with the
 * real templates. `page` is written into every section file when given.
 */
export async function syntheticList(
  count: number,
  sections: number,
  page?: 'auto' | 'own' | 'readme'
): Promise<{dir: string}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'list-synthetic-'))
  await cp(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), {recursive: true})
  for (let s = 0; s < sections; s++) {
    const folder = path.join(dir, 'entries', `section-${s}`)
    await mkdir(folder, {recursive: true})
    await writeFile(
      path.join(folder, '_section.yaml'),
      `title:\n  en: Section ${s}\n  zh: 分区 ${s}\norder: ${s}\n${page ? `page: ${page}\n` : ''}columns:\n  - contributor\n  - name\n  - language\n  - description\nintro: Projects of kind ${s}, see [the docs](https://example.org/${s}).\n`
    )
  }
  const writes: Array<Promise<void>> = []
  for (let i = 0; i < count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0')
    writes.push(
      writeFile(
        path.join(dir, 'entries', `section-${i % sections}`, `project-${i}.yaml`),
        `name: Project ${i}\nurl: https://github.com/org-${i % 997}/project-${i}\ncontributor: "@org-${i % 997}"\nlanguage: en/zh\ndescription:\n  en: |-\n    Project ${i} does **useful** things with [models](https://huggingface.co/org/model-${i}), fast and well.\n    A second line of the description.\n  zh: 项目 ${i} 的中文描述。\nadded: 2023-${String((i % 12) + 1).padStart(2, '0')}-${day}\n`
      )
    )
  }
  await Promise.all(writes)
  return {dir}
}
