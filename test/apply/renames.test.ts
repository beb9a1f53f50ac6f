import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {renamesFromResults} from '../../src/apply/from-results.js'
import type {UrlRename} from '../../src/apply/rename-url.js'
import {applyRenames, applyRenamesToFile} from '../../src/apply/renames.js'
import {classifyUrl} from '../../src/repos/classify.js'
import type {GithubResult, HuggingFaceResult, RepoRef} from '../../src/repos/types.js'

const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/${name}.yaml`, import.meta.url), 'utf8')

/**
 * The text expected after a rename: `before` with exactly these spans
 * replaced, each found after the previous one. Comparing it with the real
 * output shows that no other byte changed.
 */
function replaceSpans(before: string, spans: ReadonlyArray<[string, string]>): string {
  let out = ''
  let cursor = 0
  for (const [old, replacement] of spans) {
    const at = before.indexOf(old, cursor)
    if (at === -1) throw new Error(`Cannot find ${old} after ${cursor}`)
    out += before.slice(cursor, at) + replacement
    cursor = at + old.length
  }
  return out + before.slice(cursor)
}

interface Case {
  fixture: string
  renames: UrlRename[]
  /** Exactly the byte spans expected to change, in file order. */
  spans: Array<[string, string]>
}

const cases: Case[] = [
  {
    fixture: 'agentscope',
    renames: [
      {
        from: 'https://github.com/modelscope/agentscope',
        to: 'https://github.com/agentscope-ai/agentscope'
      }
    ],
    spans: [
      ['modelscope/agentscope/tree', 'agentscope-ai/agentscope/tree'],
      ['modelscope/agentscope/blob', 'agentscope-ai/agentscope/blob']
    ]
  },
  {
    fixture: 'aquila',
    renames: [
      {from: 'https://github.com/FlagAI-Open/FlagAI', to: 'https://github.com/FlagOpen/FlagAI'},
      {from: 'https://github.com/FlagAI-Open/Aquila2', to: 'https://github.com/FlagOpen/Aquila2'}
    ],
    spans: [
      ['FlagAI-Open/FlagAI/tree', 'FlagOpen/FlagAI/tree'],
      ['FlagAI-Open/Aquila2\n', 'FlagOpen/Aquila2\n'],
      ['FlagAI-Open/FlagAI/blob', 'FlagOpen/FlagAI/blob']
    ]
  },
  {
    fixture: 'mamba',
    renames: [
      {from: 'https://github.com/state-spaces/s4', to: 'https://github.com/state-spaces/s4-legacy'}
    ],
    spans: [['state-spaces/s4)', 'state-spaces/s4-legacy)']]
  },
  {
    fixture: 'cva',
    renames: [
      {
        from: 'https://github.com/PKU-Alignment/safe-rlhf',
        to: 'https://github.com/PKU-Alignment/safe-rlhf-v2'
      }
    ],
    spans: [
      ['PKU-Alignment/safe-rlhf#', 'PKU-Alignment/safe-rlhf-v2#'],
      ['PKU-Alignment/safe-rlhf)', 'PKU-Alignment/safe-rlhf-v2)']
    ]
  },
  {
    fixture: 'rrhf',
    // A permanent redirect of the same resource: the exact URL is replaced.
    renames: [
      {from: 'https://arxiv.org/pdf/2304.05302v1.pdf', to: 'https://arxiv.org/abs/2304.05302v1'}
    ],
    spans: [['https://arxiv.org/pdf/2304.05302v1.pdf', 'https://arxiv.org/abs/2304.05302v1']]
  },
  {
    fixture: 'commented',
    renames: [
      {from: 'https://github.com/acme/thing', to: 'https://github.com/acme-labs/thing-core'}
    ],
    spans: [
      ['ACME/Thing', 'acme-labs/thing-core'],
      ['acme/thing/blob', 'acme-labs/thing-core/blob'],
      ['acme/thing. ', 'acme-labs/thing-core. '],
      ['acme/thing)', 'acme-labs/thing-core)']
    ]
  }
]

describe('applyRenames', () => {
  for (const {fixture: name, renames, spans} of cases) {
    it(`changes exactly the URL bytes of ${name}.yaml, and nothing the second time`, () => {
      const before = fixture(name)
      const after = applyRenames(before, renames)
      expect(after).not.toBe(before)
      expect(after).toBe(replaceSpans(before, spans))
      expect(applyRenames(after, renames)).toBe(after)
    })
  }

  it('keeps path, query, fragment and `.git`, swapping only owner and name', () => {
    const after = applyRenames(fixture('commented'), [
      {from: 'https://github.com/acme/thing', to: 'https://github.com/acme-labs/thing-core'}
    ])
    expect(after).toContain("url: 'https://github.com/acme-labs/thing-core.git'")
    expect(after).toContain(
      '[Thing](https://github.com/acme-labs/thing-core/blob/main/docs/a.md#usage)'
    )
    expect(after).toContain(
      'https://github.com/acme-labs/thing-core. And https://github.com/acme/thingamajig stays.'
    )
    expect(after).toContain('url: "https://github.com/acme/other"')
    expect(after).toContain('name: Thing   # trailing comment')
  })

  it('renames Hugging Face repositories by id, for their type only', () => {
    const source =
      'name: X\nurl: https://huggingface.co/oldorg/model/blob/main/LICENSE\ndescription: "[data](https://huggingface.co/datasets/oldorg/model)"\nadded: 2024-01-01\n'
    const after = applyRenames(source, [
      {from: 'https://huggingface.co/oldorg/model', to: 'https://huggingface.co/NewOrg/model-v2'}
    ])
    expect(after).toBe(
      source.replace('huggingface.co/oldorg/model/blob', 'huggingface.co/NewOrg/model-v2/blob')
    )
  })

  it('returns the very same text when nothing applies, and leaves unparsable files alone', () => {
    const source = fixture('mamba')
    expect(
      applyRenames(source, [
        {from: 'https://github.com/other/repo', to: 'https://github.com/other/repo2'}
      ])
    ).toBe(source)
    expect(applyRenames(source, [])).toBe(source)
    const broken = 'name: [unclosed\nurl: https://github.com/a/b\n'
    expect(
      applyRenames(broken, [{from: 'https://github.com/a/b', to: 'https://github.com/c/d'}])
    ).toBe(broken)
  })

  it('falls back to the Document API when an escape stands in the way of an in-place edit', () => {
    const source =
      'name: X\n# kept\ndescription: "see \\x68ttps://github.com/a/b"\nadded: 2024-01-01\n'
    const after = applyRenames(source, [
      {from: 'https://github.com/a/b', to: 'https://github.com/c/d'}
    ])
    expect(after).toBe(
      'name: X\n# kept\ndescription: "see https://github.com/c/d"\nadded: 2024-01-01\n'
    )
  })

  it('writes a file only when something changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apply-'))
    try {
      const file = join(dir, 'mamba.yaml')
      await writeFile(file, fixture('mamba'))
      const renames = [
        {
          from: 'https://github.com/state-spaces/mamba',
          to: 'https://github.com/state-spaces/mamba2'
        }
      ]
      expect(await applyRenamesToFile(file, renames)).toBe(true)
      expect(await readFile(file, 'utf8')).toContain(
        'url: https://github.com/state-spaces/mamba2\n'
      )
      const written = (await stat(file)).mtimeMs
      expect(await applyRenamesToFile(file, renames)).toBe(false)
      expect((await stat(file)).mtimeMs).toBe(written)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})

describe('renamesFromResults', () => {
  it('gives bare repository URLs for moved GitHub and Hugging Face repositories', () => {
    const refs = [
      'https://github.com/acme/old',
      'https://github.com/acme/docs/tree/main/x',
      'https://github.com/acme/ok',
      'https://huggingface.co/datasets/org/data'
    ].map(url => classifyUrl(url)!) as RepoRef[]
    const facts = {nameWithOwner: '', archived: false, disabled: false, stars: 0}
    const github = new Map<string, GithubResult>([
      [
        refs[0]!.key,
        {
          kind: 'renamed',
          from: 'acme/old',
          to: 'acme/new',
          facts: {...facts, nameWithOwner: 'acme/new'}
        }
      ],
      [
        refs[1]!.key,
        {
          kind: 'deep-ok',
          ref: 'main',
          path: 'x',
          facts: {...facts, nameWithOwner: 'newco/docs'},
          renamedTo: 'newco/docs'
        }
      ],
      [refs[2]!.key, {kind: 'ok', facts: {...facts, nameWithOwner: 'acme/ok'}}]
    ])
    const hf = new Map<string, HuggingFaceResult>([
      [
        refs[3]!.key,
        {
          kind: 'renamed',
          from: 'org/data',
          to: 'org2/data',
          facts: {id: 'org2/data', gated: false, disabled: false, private: false}
        }
      ]
    ])
    expect(renamesFromResults(refs, github, hf)).toEqual([
      {from: 'https://github.com/acme/docs', to: 'https://github.com/newco/docs'},
      {from: 'https://github.com/acme/old', to: 'https://github.com/acme/new'},
      {
        from: 'https://huggingface.co/datasets/org/data',
        to: 'https://huggingface.co/datasets/org2/data'
      }
    ])
  })
})

describe('applyRenames over every real entry file', () => {
  it('renames every GitHub repository of each file and back again to the very same bytes', async () => {
    const {readdir} = await import('node:fs/promises')
    const root = new URL('../../entries/', import.meta.url)
    let files = 0
    let renamed = 0
    for (const section of await readdir(root)) {
      for (const name of await readdir(new URL(`${section}/`, root))) {
        const source = await readFile(new URL(`${section}/${name}`, root), 'utf8')
        const repos = new Set<string>()
        for (const match of source.matchAll(/https:\/\/github\.com\/[^\s)"'#?]+/g)) {
          const ref = classifyUrl(match[0])
          if (ref?.kind === 'github-repo' || ref?.kind === 'github-deep')
            repos.add(`${ref.owner}/${ref.name}`)
        }
        if (repos.size === 0) continue
        files++
        const forward = [...repos].map(repo => ({
          from: `https://github.com/${repo}`,
          to: `https://github.com/${repo}-moved`
        }))
        const back = [...repos].map(repo => ({
          from: `https://github.com/${repo}-moved`,
          to: `https://github.com/${repo}`
        }))
        const moved = applyRenames(source, forward)
        expect(moved, name).not.toBe(source)
        // Only lines holding a URL changed, and no line was added or removed.
        const before = source.split('\n')
        const after = moved.split('\n')
        expect(after.length, name).toBe(before.length)
        after.forEach((line, index) => {
          if (line !== before[index]) expect(line, name).toContain('-moved')
        })
        expect(applyRenames(moved, forward), name).toBe(moved)
        expect(applyRenames(moved, back), name).toBe(source)
        renamed++
      }
    }
    expect(files).toBeGreaterThan(300)
    expect(renamed).toBe(files)
  })
})
