import type {GithubResult, HuggingFaceResult, RepoRef} from '../repos/types.js'
import type {UrlRename} from './rename-url.js'

/**
 * The renames to write into the entries from what the repository checkers
 * found: a renamed or transferred GitHub repository (also when only a deep
 * link into it showed the move), a Hugging Face repository the Hub
 * redirected. Given as bare repository URLs, so every link into the
 * repository follows. Sorted and without duplicates.
 */
export function renamesFromResults(
  refs: readonly RepoRef[],
  github: ReadonlyMap<string, GithubResult>,
  huggingFace: ReadonlyMap<string, HuggingFaceResult> = new Map()
): UrlRename[] {
  const renames = new Map<string, UrlRename>()
  const add = (from: string, to: string) => {
    if (from.toLowerCase() !== to.toLowerCase()) renames.set(from.toLowerCase(), {from, to})
  }
  for (const ref of refs) {
    if (ref.kind === 'github-repo' || ref.kind === 'github-deep') {
      const result = github.get(ref.key)
      const to =
        result?.kind === 'renamed' || result?.kind === 'transferred'
          ? result.to
          : result?.kind === 'deep-ok' ||
              result?.kind === 'deep-path-missing' ||
              result?.kind === 'deep-ref-missing'
            ? result.renamedTo
            : undefined
      if (to !== undefined)
        add(`https://github.com/${ref.owner}/${ref.name}`, `https://github.com/${to}`)
    } else if (ref.kind === 'huggingface') {
      const result = huggingFace.get(ref.key)
      if (result?.kind === 'renamed') {
        const prefix = ref.repoType === 'model' ? '' : `${ref.repoType}s/`
        add(
          `https://huggingface.co/${prefix}${result.from}`,
          `https://huggingface.co/${prefix}${result.to}`
        )
      }
    }
  }
  return [...renames.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
}
