import {classifyUrl, githubRepoKey} from '../repos/classify.js'
import type {RepoRef} from '../repos/types.js'

/** One URL change to write into the entries: a moved repository or a permanent redirect. */
export interface UrlRename {
  from: string
  to: string
}

/** Rewrites one URL, or gives undefined when the rename does not concern it. */
export type UrlRewriter = (url: string) => string | undefined

const githubPrefix =
  /^(https?:\/\/(?:www\.)?github\.com\/)([^/?#]+)\/([^/?#]+?)((?:\.git)?)(?=[/?#]|$)/i
const huggingFacePrefix =
  /^(https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(?:(?:datasets|spaces)\/)?)([^/?#]+)\/([^/?#]+)()(?=[/?#]|$)/i

/**
 * How a rename applies to URLs. When `from` and `to` are both bare
 * repository URLs (`https://github.com/old/name`, a Hugging Face repository),
 * every link into that repository follows it: only owner and name are
 * swapped, the rest (path, query, fragment, `.git`) is kept. Otherwise the
 * rename replaces that exact URL.
 */
export function compileRename(rename: UrlRename): UrlRewriter {
  const from = classifyUrl(rename.from)
  const to = classifyUrl(rename.to)
  const repoRename =
    from !== undefined &&
    to !== undefined &&
    isBareRepo(rename.from, from) &&
    isBareRepo(rename.to, to) &&
    repoIdentity(from)?.kind === repoIdentity(to)?.kind
  if (repoRename) {
    const identity = repoIdentity(from)!
    const target = ownerAndName(rename.to, to)!
    return url => {
      const ref = classifyUrl(url)
      if (ref === undefined) return undefined
      const own = repoIdentity(ref)
      if (own === undefined || own.kind !== identity.kind || own.id !== identity.id)
        return undefined
      const pattern = ref.kind === 'huggingface' ? huggingFacePrefix : githubPrefix
      const match = pattern.exec(url)
      if (!match) return undefined
      const renamed = `${match[1]}${target.owner}/${target.name}${match[4]}${url.slice(match[0].length)}`
      return renamed === url ? undefined : renamed
    }
  }
  return url => (url === rename.from && rename.to !== url ? rename.to : undefined)
}

/** What identifies a repository across link shapes: GitHub `owner/name`, or a Hub repository of one type. */
function repoIdentity(ref: RepoRef): {kind: string; id: string} | undefined {
  if (ref.kind === 'github-repo' || ref.kind === 'github-deep')
    return {kind: 'github', id: githubRepoKey(ref)}
  if (ref.kind === 'huggingface') return {kind: `hf-${ref.repoType}`, id: ref.id.toLowerCase()}
  return undefined
}

function isBareRepo(url: string, ref: RepoRef): boolean {
  const parts = ownerAndName(url, ref)
  if (parts === undefined) return false
  const pattern = ref.kind === 'huggingface' ? huggingFacePrefix : githubPrefix
  const match = pattern.exec(url)
  return match !== null && /^\/?$/.test(url.slice(match[0].length))
}

function ownerAndName(url: string, ref: RepoRef): {owner: string; name: string} | undefined {
  if (ref.kind === 'github-repo') return {owner: ref.owner, name: ref.name}
  if (ref.kind === 'huggingface') {
    const match = huggingFacePrefix.exec(url)
    return match ? {owner: match[2]!, name: match[3]!} : undefined
  }
  return undefined
}

/** URLs inside Markdown text: link destinations and bare autolinks (without trailing punctuation). */
const urlInText = /https?:\/\/[^\s<>()[\]{}"'`|]+/g

/**
 * Rewrite every URL in a text (or, with `whole`, the text as one URL) with
 * the first rewriter that applies. Gives the new text and the URL pairs
 * changed, in order.
 */
export function rewriteText(
  text: string,
  rewriters: readonly UrlRewriter[],
  whole: boolean
): {text: string; changes: Array<[string, string]>} {
  const changes: Array<[string, string]> = []
  const rewrite = (url: string): string => {
    for (const rewriter of rewriters) {
      const next = rewriter(url)
      if (next !== undefined) {
        changes.push([url, next])
        return next
      }
    }
    return url
  }
  if (whole) return {text: rewrite(text), changes}
  const out = text.replace(urlInText, match => {
    const url = match.replace(/[.,;:!?*_~]+$/, '')
    return rewrite(url) + match.slice(url.length)
  })
  return {text: out, changes}
}
