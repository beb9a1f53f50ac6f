/** Repository health: GitHub, Hugging Face and arXiv lookups, and the facts they give. */
export {checkArxiv, type ArxivCheckOptions} from './arxiv.js'
export {checkRepos, type RepoCheckOptions, type RepoCheckRun} from './check.js'
export {classifyUrl, githubRepoKey} from './classify.js'
export {checkGithub, type GithubCheckOptions} from './github.js'
export {
  entryHealth,
  healthFromResult,
  isStale,
  type HealthOptions,
  type RepoResult
} from './health.js'
export {checkHuggingFace, type HuggingFaceCheckOptions} from './huggingface.js'
export {redact} from './redact.js'
export {systemClock} from './rate-limit.js'
export type * from './types.js'
