import type {
  ArxivRef,
  GithubAccountRef,
  GithubDeepRef,
  GithubRepoRef,
  HuggingFaceRef,
  HuggingFaceRepoType,
  RepoRef
} from './types.js'

/**
 * First path segments of github.com that are pages of the site, not
 * accounts (`github.com/features`, `github.com/topics/llm`).
 */
const githubReserved = new Set([
  'about',
  'account',
  'apps',
  'codespaces',
  'collections',
  'contact',
  'customer-stories',
  'enterprise',
  'events',
  'explore',
  'features',
  'home',
  'issues',
  'join',
  'login',
  'logout',
  'marketplace',
  'new',
  'nonprofit',
  'notifications',
  'organizations',
  'pricing',
  'pulls',
  'readme',
  'search',
  'security',
  'settings',
  'site',
  'sponsors',
  'team',
  'topics',
  'trending'
])

/** First path segments of huggingface.co that are pages of the Hub, not model owners. */
const huggingFaceReserved = new Set([
  'api',
  'autotrain',
  'billing',
  'blog',
  'brand',
  'changelog',
  'chat',
  'collections',
  'datasets',
  'docs',
  'enterprise',
  'huggingchat',
  'hub',
  'inference-api',
  'inference-endpoints',
  'join',
  'learn',
  'login',
  'logout',
  'models',
  'new',
  'notifications',
  'oauth',
  'organizations',
  'papers',
  'posts',
  'pricing',
  'privacy',
  'search',
  'security',
  'settings',
  'spaces',
  'storage',
  'support',
  'tasks',
  'terms-of-service',
  'welcome'
])

const githubLogin = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
const githubRepoName = /^[A-Za-z0-9._-]{1,100}$/
const huggingFacePart = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/
/** New-style (`2106.09685`) and old-style (`hep-th/9901001`, `math.GT/0309136`) arXiv ids, with an optional version. */
const arxivId = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/

/**
 * What kind of repository or paper a URL points to, if it is one the API
 * checkers understand: a GitHub repository, a path inside one, a GitHub
 * account, a Hugging Face model/dataset/space, or an arXiv paper. Anything
 * else (`undefined`) is left to the plain HTTP checker.
 *
 * Query strings (`?tab=readme-ov-file`), fragments (`#readme`), a trailing
 * `/` and a trailing `.git` do not change what is pointed to.
 */
export function classifyUrl(url: string): RepoRef | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '')
  const segments = pathSegments(parsed.pathname)
  if (segments === undefined) return undefined
  if (host === 'github.com') return classifyGithub(url, segments)
  if (host === 'huggingface.co' || host === 'hf.co') return classifyHuggingFace(url, segments)
  if (host === 'arxiv.org' || host === 'export.arxiv.org' || host === 'browse.arxiv.org')
    return classifyArxiv(url, segments)
  return undefined
}

/** Decoded, non-empty path segments; undefined when the path is not valid percent-encoding. */
function pathSegments(pathname: string): string[] | undefined {
  try {
    return pathname
      .split('/')
      .filter(segment => segment !== '')
      .map(segment => decodeURIComponent(segment))
  } catch {
    return undefined
  }
}

function classifyGithub(
  url: string,
  segments: string[]
): GithubRepoRef | GithubDeepRef | GithubAccountRef | undefined {
  const [first, second, view, ...rest] = segments
  if (first === undefined) return undefined
  if (first === 'orgs' && second !== undefined && segments.length === 2) return account(url, second)
  if (githubReserved.has(first.toLowerCase()) || !githubLogin.test(first)) return undefined
  if (second === undefined) return account(url, first)
  const name = second.replace(/\.git$/i, '')
  if (!githubRepoName.test(name) || name === '.' || name === '..') return undefined
  const repo = `${first}/${name}`.toLowerCase()
  if ((view === 'tree' || view === 'blob') && rest.length > 0) {
    return {
      kind: 'github-deep',
      key: `github:${repo}/${view}/${rest.join('/')}`,
      url,
      owner: first,
      name,
      view,
      segments: rest
    }
  }
  // Other pages of a repository (issues, releases, wiki, …) live as long as the repository does.
  return {kind: 'github-repo', key: `github:${repo}`, url, owner: first, name}
}

function account(url: string, login: string): GithubAccountRef | undefined {
  if (!githubLogin.test(login)) return undefined
  return {kind: 'github-account', key: `github:@${login.toLowerCase()}`, url, login}
}

function classifyHuggingFace(url: string, segments: string[]): HuggingFaceRef | undefined {
  const [first] = segments
  if (first === undefined) return undefined
  let repoType: HuggingFaceRepoType = 'model'
  let rest = segments
  if (first === 'datasets' || first === 'spaces') {
    repoType = first === 'datasets' ? 'dataset' : 'space'
    rest = segments.slice(1)
  } else if (huggingFaceReserved.has(first.toLowerCase())) {
    return undefined
  }
  const [owner, name] = rest
  if (owner === undefined || !huggingFacePart.test(owner)) return undefined
  // `huggingface.co/<name>` alone is an account page; only legacy datasets have ids without an owner.
  if (name === undefined || !huggingFacePart.test(name)) {
    if (repoType !== 'dataset' || rest.length !== 1) return undefined
    return {
      kind: 'huggingface',
      key: `hf:datasets/${owner.toLowerCase()}`,
      url,
      repoType,
      id: owner,
      path: ''
    }
  }
  const id = `${owner}/${name}`
  const prefix = repoType === 'model' ? '' : `${repoType}s/`
  return {
    kind: 'huggingface',
    key: `hf:${prefix}${id.toLowerCase()}`,
    url,
    repoType,
    id,
    path: rest.slice(2).join('/')
  }
}

function classifyArxiv(url: string, segments: string[]): ArxivRef | undefined {
  const [view, ...rest] = segments
  if ((view !== 'abs' && view !== 'pdf') || rest.length === 0) return undefined
  const raw = rest.join('/').replace(/\.pdf$/i, '')
  const match = arxivId.exec(raw)
  if (!match) return undefined
  const id = match[1]!
  const version = match[2]
  return {kind: 'arxiv', key: `arxiv:${id}`, url, id, ...(version === undefined ? {} : {version})}
}

/** The `owner/name` a GitHub ref points into, lower-case (accounts have none). */
export function githubRepoKey(ref: GithubRepoRef | GithubDeepRef): string {
  return `${ref.owner}/${ref.name}`.toLowerCase()
}
