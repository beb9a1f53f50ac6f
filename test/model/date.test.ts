import {describe, expect, it} from 'vitest'
import {isRealDate} from '../../src/model/date.js'

describe('isRealDate', () => {
  it('accepts real calendar dates written as YYYY-MM-DD', () => {
    for (const date of ['2023-01-31', '2024-02-29', '1999-12-01'])
      expect({date, real: isRealDate(date)}).toEqual({date, real: true})
  })

  it('refuses impossible dates and other spellings', () => {
    for (const date of [
      '2023-02-29',
      '2023-13-01',
      '2023-04-31',
      '2023-1-5',
      '2023-01-05T00:00',
      ' 2023-01-05',
      '20230105',
      ''
    ])
      expect({date, real: isRealDate(date)}).toEqual({date, real: false})
  })
})
