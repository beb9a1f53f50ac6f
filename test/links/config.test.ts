import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {
  blockedReason,
  ConfigError,
  defaultConfig,
  exclusionFor,
  hostPolicy,
  matchesFilter,
  parseConfig,
  parseDuration
} from '../../src/links/config.js'

const root = path.join(import.meta.dirname, '..', '..')

describe('link checker config', () => {
  it('reads the documented config file of the repository', async () => {
    const config = parseConfig(await readFile(path.join(root, 'link-check.config.yaml'), 'utf8'))
    expect(hostPolicy(config, 'export.arxiv.org')).toMatchObject({connections: 1, minGapMs: 3000})
    expect(blockedReason(config, 'x.com')).toBeDefined()
    expect(config.deadAfter).toBe(2)
    expect(config.cacheAgeMs).toBe(86_400_000)
  })

  it('lays settings over the defaults and built-in host tables', () => {
    const config = parseConfig(
      [
        'timeout: 5s',
        'cacheAge: 12h',
        'deadAfter: 3',
        'acceptStatus: [403]',
        'perHost: {connections: 2, minGap: 100ms}',
        'hosts:',
        '  slow.example: {connections: 1, minGap: 2s, acceptStatus: [401]}',
        'blockedHosts:',
        '  - {host: bots.example, reason: captcha for every client}',
        'exclude:',
        '  - {url: "https://example.com/*", reason: placeholder links}',
        '  - {host: localhost, reason: local development}'
      ].join('\n')
    )
    expect(config).toMatchObject({
      timeoutMs: 5000,
      cacheAgeMs: 43_200_000,
      deadAfter: 3,
      acceptStatus: [403],
      defaultHost: {connections: 2, minGapMs: 100}
    })
    expect(hostPolicy(config, 'www.slow.example')).toMatchObject({
      connections: 1,
      minGapMs: 2000,
      acceptStatus: [401]
    })
    expect(hostPolicy(config, 'arxiv.org')).toMatchObject({connections: 1, minGapMs: 3000})
    expect(hostPolicy(config, 'other.example')).toEqual({connections: 2, minGapMs: 100})
    expect(blockedReason(config, 'api.bots.example')).toBe('captcha for every client')
    expect(exclusionFor(config, 'https://example.com/a/b')?.reason).toBe('placeholder links')
    expect(exclusionFor(config, 'http://localhost:3000/')?.reason).toBe('local development')
    expect(exclusionFor(config, 'https://example.org/')).toBeUndefined()
  })

  it('collects every problem with its line and column', () => {
    let error: unknown
    try {
      parseConfig(
        [
          'timout: 5s',
          'retries: -1',
          'hosts:',
          '  a.example: {conections: 2}',
          'exclude:',
          '  - {url: "https://x/*"}'
        ].join('\n'),
        'cfg.yaml'
      )
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).diagnostics.map(d => [d.line, d.column, d.message])).toEqual([
      [1, 1, 'Unknown setting `timout`; did you mean `timeout`?'],
      [2, 10, 'Expected `retries` to be an integer ≥ 0'],
      [
        4,
        15,
        'Unknown host setting `conections` in `hosts.a.example`; did you mean `connections`?'
      ],
      [6, 5, 'Each exclusion needs a `reason`']
    ])
  })

  it('parses durations', () => {
    expect([
      parseDuration('500ms'),
      parseDuration('3s'),
      parseDuration('1.5m'),
      parseDuration('1d'),
      parseDuration(250),
      parseDuration('soon')
    ]).toEqual([500, 3000, 90_000, 86_400_000, 250, undefined])
  })

  it('matches --only filters as globs or hosts', () => {
    expect(matchesFilter('https://arxiv.org/abs/1', 'arxiv.org')).toBe(true)
    expect(matchesFilter('https://export.arxiv.org/abs/1', 'arxiv.org')).toBe(true)
    expect(matchesFilter('https://notarxiv.org/', 'arxiv.org')).toBe(false)
    expect(matchesFilter('https://github.com/a/b', 'https://github.com/*')).toBe(true)
    expect(matchesFilter('https://gitlab.com/a/b', 'https://github.com/*')).toBe(false)
  })

  it('has defaults for every setting', () => {
    expect(defaultConfig()).toMatchObject({deadAfter: 2, cacheAgeMs: 86_400_000, retries: 2})
  })
})
