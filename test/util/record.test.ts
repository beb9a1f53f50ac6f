import {describe, expect, it} from 'vitest'
import {isRecord} from '../../src/util/record.js'

describe('isRecord', () => {
  it('is true only for plain objects', () => {
    expect(isRecord({})).toBe(true)
    expect(isRecord(JSON.parse('{"a": 1}'))).toBe(true)
    for (const value of [null, undefined, [], [1], 'a', 1, true])
      expect({value, record: isRecord(value)}).toEqual({value, record: false})
  })
})
