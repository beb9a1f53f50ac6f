import type {UrlRename} from '../apply/rename-url.js'
import {classifyUrl} from '../repos/classify.js'

/** A fix the network proposed that will not be written, and why. */
export interface RefusedFix extends UrlRename {
  reason: string
}

/** GitHub's `owner/name` and the Hub's repository ids, as their sites allow them. */
const githubRepo =
  /^https:\/\/github\.com\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/
const huggingFaceRepo =
  /^https:\/\/huggingface\.co\/(?:(?:datasets|spaces)\/)?[A-Za-z0-9][A-Za-z0-9_.-]{0,95}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/

/**
 * Why a URL taken from the network (a redirect's `Location`, a renamed
 * repository's new name) may not be written into an entry, or undefined when
 * it may: it must parse, be http(s), come back unchanged from the URL parser,
 * and hold none of the characters that could end a Markdown link or start
 * another (`()[]<>|`, quotes, backslashes, spaces, controls). A repository
 * rename must moreover have the shape of a GitHub or Hugging Face repository.
 */
export function unsafeFixReason(fix: UrlRename): string | undefined {
  const to = fix.to
  if (to.length > 2048) return 'the new URL is longer than 2,048 characters'
  let parsed: URL
  try {
    parsed = new URL(to)
  } catch {
    return 'the new URL does not parse'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'the new URL is not http(s)'
  if (parsed.href !== to) return 'the new URL is not in its canonical form'
  if (parsed.username !== '' || parsed.password !== '') return 'the new URL carries credentials'
  if (
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what it refuses
    /[\s()[\]<>|"'`\\{}^\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u.test(
      to
    )
  )
    return 'the new URL holds characters that could change the Markdown around it'
  const from = classifyUrl(fix.from)
  const bareRepo = from?.kind === 'github-repo' || from?.kind === 'huggingface'
  if (bareRepo && /github\.com|huggingface\.co|hf\.co/i.test(parsed.hostname)) {
    const shape = parsed.hostname === 'github.com' ? githubRepo : huggingFaceRepo
    if (!shape.test(to)) return 'the new repository name does not have the shape of one'
  }
  return undefined
}

/** The fixes that may be written, and those refused (reported, not applied). */
export function vetFixes(fixes: readonly UrlRename[]): {safe: UrlRename[]; refused: RefusedFix[]} {
  const safe: UrlRename[] = []
  const refused: RefusedFix[] = []
  for (const fix of fixes) {
    const reason = unsafeFixReason(fix)
    if (reason === undefined) safe.push(fix)
    else refused.push({...fix, reason})
  }
  return {safe, refused}
}
