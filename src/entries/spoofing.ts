import {domainToUnicode} from 'node:url'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {codePoint} from './encoding.js'
import {forEachString, isUrlPath} from './limits.js'
import {locate} from './text-rules.js'
import type {YamlFile} from './yaml-file.js'

/**
 * Characters that take no space: in a name or a URL they make two different
 * strings look the same (a second entry that looks like the first, a link
 * whose visible text differs from where it goes). In descriptions they stay
 * allowed: emoji sequences need the zero-width joiner.
 */
const invisible =
  /\u034F|[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]/g

/** The same set, for one match at a time. */
const invisibleOne = new RegExp(invisible.source)

const invisibleNames: Record<string, string> = {
  '\u00AD': 'SOFT HYPHEN',
  '\u200B': 'ZERO WIDTH SPACE',
  '\u200C': 'ZERO WIDTH NON-JOINER',
  '\u200D': 'ZERO WIDTH JOINER',
  '\u200E': 'LEFT-TO-RIGHT MARK',
  '\u200F': 'RIGHT-TO-LEFT MARK',
  '\u2060': 'WORD JOINER',
  '\uFEFF': 'ZERO WIDTH NO-BREAK SPACE'
}

/**
 * http(s) URLs written inside a text (link targets, autolinks, bare URLs).
 * U+FEFF is white space to `\s` but not to a URL parser, so it stays inside.
 */
const urlInText = /https?:\/\/(?:[^\s<>()[\]"'`]|\uFEFF)+/gi

/** Credentials before the host: `user@`, `user:password@`, `:token@`. */
const userInfo = /^https?:\/\/[^/?#]*@/i

/** Scripts a host label may combine (Unicode TS #39, "highly restrictive"). */
const allowedScriptSets: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul'])
]

const scripts = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Han',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Hangul',
  'Arabic',
  'Hebrew',
  'Cherokee'
].map(name => ({name, pattern: new RegExp(`^\\p{Script=${name}}$`, 'u')}))

/** Letters of other scripts drawn like Latin ones (the common part of Unicode's confusables). */
const latinLookalikes: Record<string, string> = {
  а: 'a',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  ӏ: 'l',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  у: 'y',
  ԝ: 'w',
  х: 'x',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ո: 'n',
  ս: 'u',
  օ: 'o',
  ɡ: 'g',
  ı: 'i'
}

/** Hosts the list links to most, named when a host imitates one of them. */
const knownHosts = [
  'github.com',
  'huggingface.co',
  'arxiv.org',
  'gitee.com',
  'modelscope.cn',
  'openai.com',
  'google.com',
  'microsoft.com',
  'paperswithcode.com',
  'twitter.com',
  'x.com',
  'youtube.com',
  'zhihu.com',
  'bilibili.com',
  'wikipedia.org'
]

/**
 * Spoofing in a parsed file: invisible characters in names (`name`, `title`)
 * and URLs, credentials in URLs (errors), and hosts whose letters mix scripts
 * or imitate Latin ones (warnings: a real host can be written that way).
 * URLs are the `url` fields and every http(s) URL inside a text.
 */
export function checkSpoofing(yaml: YamlFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  forEachString(yaml.data, (text, path) => {
    const last = path.at(-1)
    const field = typeof last === 'string' && /^[a-z]{2}$/.test(last) ? path.at(-2) : last
    if (field === 'name' || field === 'title') {
      const match = invisibleOne.exec(text)
      if (match)
        diagnostics.push({
          ...locate(yaml, path, match[0]),
          severity: 'error',
          ruleId: 'invisible-character',
          message: `Invisible character ${describe(match[0])} in a ${field}: it makes the ${field} look like another one; delete it`
        })
    }
    if (isUrlPath(path)) diagnostics.push(...checkUrl(yaml, [...path], text))
    else if (text.includes('://'))
      for (const [url] of text.matchAll(urlInText))
        diagnostics.push(...checkUrl(yaml, [...path], url))
  })
  return diagnostics
}

function checkUrl(yaml: YamlFile, path: Array<string | number>, url: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const invisibleMatch = invisibleOne.exec(url)
  if (invisibleMatch)
    diagnostics.push({
      ...locate(yaml, path, url),
      severity: 'error',
      ruleId: 'invisible-character',
      message: `Invisible character ${describe(invisibleMatch[0])} in a URL: the link goes somewhere other than it reads; delete it`
    })
  if (userInfo.test(url))
    // The credentials are not repeated: this output may be public.
    diagnostics.push({
      ...locate(yaml, path, url),
      severity: 'error',
      ruleId: 'url-credentials',
      message:
        'URL has credentials (`…@` before the host); remove them: a public link needs none, and if a password or token was written here, change it'
    })
  // Only a host with letters beyond ASCII, or punycode for them, can mix scripts.
  const host = /[^!-~]|xn--/i.test(url) ? hostOf(url) : undefined
  const finding = host === undefined ? undefined : mixedScripts(host)
  if (finding)
    diagnostics.push({
      ...locate(yaml, path, url),
      severity: 'warning',
      ruleId: 'confusable-host',
      message: `Host \`${host}\` ${finding}; check that the link goes where it seems to, and write the host in one script`
    })
  return diagnostics
}

/** The host of a URL as a reader sees it (punycode decoded), or undefined when it does not parse. */
function hostOf(url: string): string | undefined {
  try {
    const {hostname} = new URL(url.replace(invisible, ''))
    const unicode = domainToUnicode(hostname)
    return unicode === '' ? hostname : unicode
  } catch {
    return undefined
  }
}

/**
 * Why a host looks like something it is not, or undefined: a label that
 * mixes scripts (`gіthub`, Latin with a Cyrillic і), or a label whose every
 * letter has a Latin twin (`аррӏе`, all Cyrillic).
 */
export function mixedScripts(host: string): string | undefined {
  if (/^[!-~]*$/.test(host)) return undefined
  const skeleton = [...host].map(character => latinLookalikes[character] ?? character).join('')
  const imitated = knownHosts.find(known => known !== host && known === skeleton)
  const imitation = imitated ? ` (it reads as \`${imitated}\`)` : ''
  for (const label of host.split('.')) {
    const found = new Set<string>()
    for (const character of label) {
      if (!/\p{L}/u.test(character)) continue
      found.add(scripts.find(script => script.pattern.test(character))?.name ?? 'Other')
    }
    const names = [...found].sort()
    const allowed =
      names.length <= 1 || allowedScriptSets.some(set => names.every(name => set.has(name)))
    if (!allowed) return `mixes ${names.join(' and ')} letters in \`${label}\`${imitation}`
    const lookalike = [...label].every(character => latinLookalikes[character] !== undefined)
    if (lookalike && names[0] !== 'Latin')
      return `is written in ${names[0]} letters that look like Latin ones in \`${label}\`${imitation}`
  }
  return imitated ? `reads as \`${imitated}\` but is another host` : undefined
}

function describe(character: string): string {
  const name = invisibleNames[character]
  return `${codePoint(character)}${name ? ` (${name})` : ''}`
}
