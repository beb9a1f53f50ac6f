import type {Diagnostic} from '../../diagnostics/diagnostic.js'
import {fileStart} from '../../diagnostics/diagnostic.js'
import {localesPath, readOptional} from '../../entries/sources.js'
import {describeList} from '../../scaffold/list-info.js'
import {UsageError} from '../context.js'
import {defineCommand} from '../define.js'
import {changedFiles, unknownRef} from '../git.js'
import {printDiagnostics} from '../report.js'

/**
 * `check-generated --changed-since <ref>`: fail when a branch edits a file the
 * build writes (the READMEs). Pull requests carry entry files only: `main`
 * rebuilds the READMEs after the merge, so an edit made by hand would be lost,
 * and regenerated READMEs in two pull requests would conflict with each other.
 */
export const command = defineCommand({
  name: 'check-generated',
  summary: 'Fail when a branch edits a generated README instead of an entry file (pull requests)',
  options: {
    'changed-since': {
      type: 'string',
      value: 'ref',
      description: 'compare with the branch point from this git ref (required), e.g. origin/main'
    }
  },
  epilog: 'Exit code: 0 no generated file changed, 1 a generated file changed, 2 usage error.',
  run: async ({values}, context) => {
    const ref = values['changed-since']
    if (ref === undefined) throw new UsageError('missing --changed-since <ref>')
    // The outputs are data (templates/locales.yaml, read alone: the entries are not
    // needed); read forgivingly, as a broken file is the validator's to report.
    const {outputs} = describeList({
      locales: await readOptional(context.cwd, localesPath),
      strings: undefined,
      entries: [],
      templates: []
    })
    if (outputs.length === 0) {
      context.stderr('check-generated: templates/locales.yaml names no README to protect\n')
      return 1
    }
    const result = await changedFiles(context.cwd, ref, outputs)
    if (!result.ok) {
      context.stderr(unknownRef('check-generated', result.ref))
      return 2
    }
    const diagnostics: Diagnostic[] = result.changes.map(change => ({
      file: change.path,
      ...fileStart,
      severity: 'error',
      ruleId: 'generated-file-edited',
      message: `\`${change.path}\` is generated from the entry files and was ${change.status} on this branch; edit the entry file instead (\`entries/<section>/<slug>.yaml\`) and leave \`${change.path}\` as it is: \`main\` rebuilds it after the merge`
    }))
    printDiagnostics(context, diagnostics)
    if (diagnostics.length > 0) {
      context.stderr(
        `To undo the change: git checkout ${ref} -- ${result.changes.map(c => c.path).join(' ')}\n`
      )
      return 1
    }
    context.stdout(`${outputs.join(', ')} untouched since ${ref}\n`)
    return 0
  }
})
export const run = command.run
