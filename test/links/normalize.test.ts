import {describe, expect, it} from 'vitest'
import {isHttpUrl, normalizeUrl, requestUrl} from '../../src/links/normalize.js'

describe('isHttpUrl', () => {
  it('accepts absolute http(s) URLs with a host', () => {
    for (const url of ['https://github.com/a/b', 'http://example.org', 'HTTPS://Example.org/x?y#z'])
      expect({url, ok: isHttpUrl(url)}).toEqual({url, ok: true})
  })

  it('refuses other schemes, relative and malformed URLs, and whitespace (as the entry schema does)', () => {
    const refused = [
      '',
      'ftp://example.org',
      'mailto:a@b.c',
      '//example.org',
      '/docs',
      'https:/example.org',
      'https://',
      'https://exa mple.org',
      'https://example.org/a b',
      ' https://example.org',
      'https://[::1'
    ]
    for (const url of refused) expect({url, ok: isHttpUrl(url)}).toEqual({url, ok: false})
  })
})

describe('normalizeUrl', () => {
  it('lower-cases scheme and host, drops default ports and an empty fragment, keeps the rest', () => {
    expect(normalizeUrl('HTTPS://GitHub.com:443/A/B#')).toBe('https://github.com/A/B')
    expect(normalizeUrl('https://a.org/x#top')).toBe('https://a.org/x#top')
    expect(normalizeUrl('not a url')).toBeUndefined()
    expect(requestUrl('https://a.org/x#top')).toBe('https://a.org/x')
  })
})
