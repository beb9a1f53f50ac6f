import {describe, expect, it} from 'vitest'
import {entryYaml, runOnHostileList} from '../support/hostile.js'

const actions = {GITHUB_ACTIONS: 'true'}

/**
 * The workflow commands the runner would run from this output: every line
 * that starts with `::` once leading white space is dropped (what the
 * Actions runner does before it looks for a command).
 */
function commandsIn(output: string): string[] {
  return output.split(/\r\n|\r|\n/).filter(line => line.trimStart().startsWith('::'))
}

/** The only commands the validator may emit: annotations on a file of the list, with escaped data. */
const annotation =
  /^::(error|warning) file=(entries|templates)\/[^,:]*,line=\d+,col=\d+,title=[a-z0-9-]+::[^\r\n]*$/

describe('validator output in GitHub Actions', () => {
  it.each([
    [
      'raw HTML over several lines of a section intro',
      {
        'entries/agent/_section.yaml':
          'title: Agent\norder: 2\ncolumns:\n  - name\nintro: |-\n  <div>\n  ::warning title=pwned::injected\n  ::add-mask::x</div>\n'
      }
    ],
    [
      'a key with line breaks written as YAML escapes',
      {
        'entries/agent/foo.yaml': `${entryYaml()}"x\\n::error title=pwned::injected\\r::set-output name=a::b": 1\n`
      }
    ],
    [
      'a key that starts a line after leading spaces',
      {'entries/agent/foo.yaml': `${entryYaml()}"x\\n   ::notice::pwned": 1\n`}
    ],
    [
      'a file name with line breaks',
      {
        'entries/agent/a\n::warning title=pwned::injected\n.yaml': entryYaml({
          description: 'x <b>y</b>'
        })
      }
    ],
    [
      'a section folder named like a command',
      {'entries/::error title=pwned::x/_section.yaml': 'title: X\norder: 9\ncolumns:\n  - name\n'}
    ]
  ])('%s emits no command but its own annotations', async (_, files) => {
    const run = await runOnHostileList(files, actions)
    expect(run.validate.code).toBe(1)
    const commands = commandsIn(run.validate.stderr)
    expect(commands.length).toBeGreaterThan(0)
    for (const command of commands) expect(command).toMatch(annotation)
    // The injected text is still shown, as text, for the contributor to find.
    expect(run.validate.stderr).toMatch(/pwned|injected|::x/)
    expect(commandsIn(run.build.stderr).every(line => annotation.test(line))).toBe(true)
  })

  it('outside Actions each diagnostic is one line, line breaks shown as \\u000A', async () => {
    const run = await runOnHostileList({
      'entries/agent/foo.yaml': `${entryYaml()}"a\\nb\\u001b[2Jc": 1\n`
    })
    const lines = run.validate.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      /^entries\/agent\/foo\.yaml:5:1: error Unknown field `a\\u000Ab\\u001B\[2Jc`; expected one of: .* \(unknown-field\)$/
    )
    expect(lines[1]).toBe('1 error, 0 warnings')
  })
})
