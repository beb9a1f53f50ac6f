import type {Root, RootContent} from 'mdast'
import {hasErrors} from '../../diagnostics/diagnostic.js'
import {sectionFileName} from '../../entries/parse.js'
import {loadList} from '../../entries/load.js'
import {entriesDir} from '../../entries/sources.js'
import {serialize} from '../../markdown/serialize.js'
import {allSections} from '../../model/build.js'
import type {HealthLookup} from '../../model/health.js'
import type {ListModel} from '../../model/types.js'
import {createContext, localize} from '../../render/context.js'
import {sectionTable} from '../../render/table.js'
import {readStatus, StatusFileError} from '../../status/file.js'
import {healthFromStatus} from '../../status/repos.js'
import {UsageError} from '../context.js'
import {defineCommand} from '../define.js'
import {type FileChange, changedFiles, unknownRef} from '../git.js'

/**
 * `preview --changed-since <ref>`: the table rows each changed entry will
 * produce, in every language, as Markdown for a pull request's job summary.
 * A contributor who never runs the build sees here what `main` will render.
 */
export const command = defineCommand({
  name: 'preview',
  summary: 'Print, as Markdown, the README rows of the entries changed since a git ref',
  options: {
    'changed-since': {
      type: 'string',
      value: 'ref',
      description: 'compare with the branch point from this git ref (required), e.g. origin/main'
    }
  },
  epilog:
    'Exit code: 0 printed, 1 the list does not validate (run `validate`), 2 usage error.\nIn CI: `npm run --silent preview -- --changed-since origin/main >> "$GITHUB_STEP_SUMMARY"`.',
  run: async ({values}, context) => {
    const ref = values['changed-since']
    if (ref === undefined) throw new UsageError('missing --changed-since <ref>')
    const result = await changedFiles(context.cwd, ref, [entriesDir])
    if (!result.ok) {
      context.stderr(unknownRef('preview', result.ref))
      return 2
    }
    const {model, diagnostics} = await loadList(context.cwd)
    if (!model || hasErrors(diagnostics)) {
      context.stdout(
        serialize(
          document([
            {
              type: 'paragraph',
              children: [
                {
                  type: 'text',
                  value:
                    'No preview: the list does not validate. Fix the problems marked on your files (see '
                },
                {type: 'inlineCode', value: 'npm run validate'},
                {type: 'text', value: '), and the rows will show here.'}
              ]
            }
          ])
        )
      )
      return 1
    }
    context.stdout(
      previewMarkdown(model, await healthOrNothing(context.cwd, model), result.changes)
    )
    return 0
  }
})
export const run = command.run

/** The preview document: per changed entry, its section and one table per language. */
export function previewMarkdown(
  model: ListModel,
  health: HealthLookup,
  changes: readonly FileChange[]
): string {
  const blocks: RootContent[] = [heading(3, [{type: 'text', value: 'Preview of your entries'}])]
  const entryChanges = changes.filter(c => !c.path.endsWith(`/${sectionFileName}`))
  const sectionChanges = changes.filter(c => c.path.endsWith(`/${sectionFileName}`))
  if (entryChanges.length === 0)
    blocks.push(paragraph('No entry file was added or changed on this branch.'))
  const nodes = new Map(allSections(model.sections).map(node => [node.section.id, node]))
  for (const change of entryChanges) {
    const entry = model.entries.find(e => e.file === change.path)
    if (change.status === 'deleted' || !entry) {
      blocks.push(
        heading(4, [
          {type: 'inlineCode', value: change.path},
          {type: 'text', value: ' (removed)'}
        ]),
        paragraph('Its row leaves both READMEs.')
      )
      continue
    }
    const node = nodes.get(entry.section)
    if (!node) continue
    const titles = model.locales.map(locale =>
      localize(createContext(model, locale), node.section.title)
    )
    blocks.push(
      heading(4, [
        {type: 'inlineCode', value: change.path},
        {type: 'text', value: ` (${change.status}) → ${[...new Set(titles)].join(' / ')}`}
      ])
    )
    for (const locale of model.locales) {
      const context = createContext(model, locale, health)
      blocks.push(
        {
          type: 'paragraph',
          children: [
            {type: 'strong', children: [{type: 'text', value: locale.name}]},
            {type: 'text', value: ' in '},
            {type: 'inlineCode', value: locale.output}
          ]
        },
        sectionTable(context, {...node, entries: [entry], children: []})
      )
    }
  }
  if (sectionChanges.length > 0)
    blocks.push(
      paragraph(
        `Section files changed too (${sectionChanges.map(c => c.path).join(', ')}): their titles, prose and columns show in the READMEs once main rebuilds them.`
      )
    )
  blocks.push(
    paragraph(
      'You do not need to run the build: after the merge, main regenerates README.md and README.zh-CN.md itself.'
    )
  )
  return serialize(document(blocks))
}

/** Health marks from the status file; a preview without them is still useful. */
async function healthOrNothing(root: string, model: ListModel): Promise<HealthLookup> {
  try {
    return healthFromStatus(model, await readStatus(root))
  } catch (error) {
    if (error instanceof StatusFileError) return () => undefined
    throw error
  }
}

function document(children: RootContent[]): Root {
  return {type: 'root', children}
}

function heading(depth: 3 | 4, children: Extract<RootContent, {type: 'heading'}>['children']) {
  return {type: 'heading', depth, children} satisfies RootContent
}

function paragraph(value: string): RootContent {
  return {type: 'paragraph', children: [{type: 'text', value}]}
}
