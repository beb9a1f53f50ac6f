import {describe, expect, it} from 'vitest'
import {checkCommentCutTexts, quoteHint, textPaths} from '../../src/entries/yaml-hints.js'
import {parseYamlFile} from '../../src/entries/yaml-file.js'

const fields = ['name', 'description', 'contributor']

function cut(source: string) {
  const {yaml, diagnostics} = parseYamlFile('entries/agent/x.yaml', source)
  expect(diagnostics).toEqual([])
  return checkCommentCutTexts(yaml, textPaths(yaml.data, fields)).map(d => ({
    line: d.line,
    column: d.column,
    ruleId: d.ruleId,
    message: d.message
  }))
}

describe('checkCommentCutTexts', () => {
  it('finds a text cut in a link name, at the #', () => {
    expect(cut('name: X\nlinks:\n  - name: Model #2\n    url: https://example.org/2\n')).toEqual([
      {
        line: 3,
        column: 17,
        ruleId: 'text-cut-by-comment',
        message:
          'Text of `links.name` ends at ` #`: YAML reads `#2` as a comment, so the text is only `Model`; quote the text: "Model #2"'
      }
    ])
  })

  it('leaves alone quoted and block texts, # without a space before it, and comments after other fields', () => {
    expect(
      cut(
        'name: "C #"\ndescription: |\n  Line #1\ncontributor: C#fans\nurl: https://example.org/#top # home\nadded: 2024-01-01 # today\n'
      )
    ).toEqual([])
  })

  it('quotes a text that holds a double quote or a backslash correctly', () => {
    const [found] = cut('name: X\ndescription: Says "hi" \\o/ #1\n')
    expect(found!.message).toMatch(/quote the text: "Says \\"hi\\" \\\\o\/ #1"$/)
  })
})

describe('quoteHint', () => {
  it('suggests the quoted line for the errors a quote fixes', () => {
    const source = 'name: X\n  - name: @org\n'
    expect(quoteHint('BAD_SCALAR_START', source, source.indexOf('@'))).toBe(
      '; a text that holds `: ` or starts with `@` or a backtick must be quoted: - name: "@org"'
    )
  })

  it('adds nothing to other errors, or when the value is quoted already', () => {
    expect(quoteHint('DUPLICATE_KEY', 'a: 1\na: 2\n', 5)).toBe('')
    expect(quoteHint('BLOCK_AS_IMPLICIT_KEY', 'a: "x": y\n', 3)).toBe('')
  })
})
