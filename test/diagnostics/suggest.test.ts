import {describe, expect, it} from 'vitest'
import {closest, didYouMean, editDistance} from '../../src/diagnostics/suggest.js'

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('', '')).toBe(0)
    expect(editDistance('agent', 'agent')).toBe(0)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('abc', '')).toBe(3)
    expect(editDistance('desciption', 'description')).toBe(1)
    expect(editDistance('colour', 'color')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    // A swap is one edit, not two substitutions.
    expect(editDistance('agnet', 'agent')).toBe(1)
    expect(editDistance('langauge', 'language')).toBe(1)
    expect(editDistance('ab', 'ba')).toBe(1)
    // Optimal string alignment: no substring is edited twice.
    expect(editDistance('ca', 'abc')).toBe(3)
  })

  it('is symmetric', () => {
    const words = ['agent', 'agnet', 'base-models', 'data', 'dat', 'abc', 'ca', '']
    for (const a of words)
      for (const b of words)
        expect({a, b, d: editDistance(a, b)}).toEqual({a, b, d: editDistance(b, a)})
  })
})

describe('closest', () => {
  it('suggests a candidate within a third of the longer word, ignoring case', () => {
    expect(closest('Agnet', ['agent', 'data'])).toBe('agent')
    expect(closest('dat', ['data', 'agent'])).toBe('data')
    expect(closest('inference', ['agent', 'data'])).toBeUndefined()
    expect(didYouMean('langauge', ['language', 'name'])).toBe('; did you mean `language`?')
    expect(didYouMean('zzz', ['language'])).toBe('')
  })
})
