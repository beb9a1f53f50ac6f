import {classifyUrl} from '../repos/classify.js'

/**
 * What a URL identifies, whatever its spelling: two links with the same key
 * point at the same project. Scheme, `www.`, a trailing slash, `#readme`, a
 * `.git` suffix and the default-branch `tree/main` (or `tree/master`) of a
 * repository root are ignored; GitHub and Hugging Face owners and names are
 * compared without case; an arXiv paper is the same across `abs`, `pdf` and
 * versions. Text that is not a URL is its own key.
 */
export function urlIdentity(value: string): string {
  const ref = classifyUrl(value.trim())
  if (ref?.kind === 'arxiv') return ref.key
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return value.trim()
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '')
  let segments = url.pathname.split('/').filter(segment => segment !== '')
  const hash = url.hash === '#readme' || url.hash === '#' ? '' : url.hash
  if (host === 'github.com' || host === 'huggingface.co' || host === 'hf.co') {
    const typed = host !== 'github.com' && (segments[0] === 'datasets' || segments[0] === 'spaces')
    const prefix = typed ? segments.slice(0, 1) : []
    const [owner, name, ...rest] = typed ? segments.slice(1) : segments
    if (owner !== undefined) {
      const repo = [owner, ...(name === undefined ? [] : [name.replace(/\.git$/i, '')])].map(s =>
        s.toLowerCase()
      )
      const atRoot = rest.length === 2 && rest[0] === 'tree' && /^(main|master)$/.test(rest[1]!)
      segments = [...prefix, ...repo, ...(atRoot ? [] : rest)]
    }
    return `${host === 'hf.co' ? 'huggingface.co' : host}/${segments.join('/')}${url.search}${hash}`
  }
  const path = segments.join('/')
  return `${host}${url.port ? `:${url.port}` : ''}/${path}${url.search}${hash}`
}
