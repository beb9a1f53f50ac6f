/**
 * What we know about particular sites, in one table: hosts that publish
 * limits for automated clients, and hosts that refuse automated clients so
 * that no answer from them means anything. The repository config adds to
 * and overrides these (`link-check.config.yaml`).
 */

/** Limits for one host; absent fields fall back to the defaults. */
export interface HostLimits {
  /** Requests in flight at once (and open connections). */
  connections?: number
  /** Minimum time between the starts of two requests, in milliseconds. */
  minGapMs?: number
}

/** Hosts that publish how automated clients should behave. Subdomains inherit. */
export const builtInHostLimits: Readonly<Record<string, HostLimits>> = {
  // https://info.arxiv.org/help/api/tou.html: "no more than one request every three seconds", a single connection.
  'arxiv.org': {connections: 1, minGapMs: 3000},
  // Unauthenticated github.com pages answer 429 quickly to bursts.
  'github.com': {connections: 4, minGapMs: 100},
  // The Hub rate-limits anonymous clients per IP.
  'huggingface.co': {connections: 4, minGapMs: 100}
}

/** Hosts whose answers to automated clients say nothing about the page (login walls, bot blocking). Subdomains inherit. */
export const builtInBlockedHosts: Readonly<Record<string, string>> = {
  'x.com': 'answers every automated client with a login wall or 403',
  'twitter.com': 'redirects every automated client to x.com login',
  't.co': 'shortener of x.com; same blocking',
  'linkedin.com': 'answers automated clients with 999',
  'zhihu.com': 'answers automated clients with 403 and a captcha',
  'mp.weixin.qq.com': 'WeChat articles need a WeChat session'
}

/** Path patterns of login pages: a 200 reached through a redirect to one of them is only a warning. */
export const loginPathPattern =
  /(?:^|\/)(?:log-?in|sign-?in|signin|auth(?:orize)?|sso|session|accounts?\/(?:login|signin))(?:[/?.#]|$)/i

/** Walk `hostname` and its parent domains (`a.b.c`, `b.c`, `c`) and return the first value found in `table`. */
export function lookupHost<T>(table: Readonly<Record<string, T>>, hostname: string): T | undefined {
  let name = hostname.toLowerCase().replace(/\.$/, '')
  for (;;) {
    const value = Object.hasOwn(table, name) ? table[name] : undefined
    if (value !== undefined) return value
    const dot = name.indexOf('.')
    if (dot === -1) return undefined
    name = name.slice(dot + 1)
  }
}

/** Whether `hostname` is `host` or one of its subdomains. */
export function hostMatches(hostname: string, host: string): boolean {
  const name = hostname.toLowerCase()
  const wanted = host.toLowerCase()
  return name === wanted || name.endsWith(`.${wanted}`)
}
