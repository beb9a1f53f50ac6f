import {isRecord} from '../util/record.js'
import type {GithubFacts} from './types.js'

/**
 * One thing to ask GitHub's GraphQL API about: a repository (with the git
 * objects its deep links need), or an account.
 */
export type GithubUnit =
  | {type: 'repo'; owner: string; name: string; expressions: readonly string[]}
  | {type: 'account'; login: string}

/** What one alias of a batch answered. */
export type UnitAnswer =
  | {type: 'repo'; facts: GithubFacts; objects: ReadonlyMap<string, boolean>}
  | {type: 'account'; login: string; accountType: 'User' | 'Organization'}
  /** `NOT_FOUND` for this alias (type and path, not message text). */
  | {type: 'not-found'}
  /** Null without a `NOT_FOUND`, or another error for this alias: REST decides. */
  | {type: 'open'; detail: string}

/** GitHub's own view of the primary limit, from `rateLimit` in the answer. */
export interface GraphqlRateLimit {
  remaining: number
  cost: number
  resetAt: number
}

const repositoryFields =
  'nameWithOwner isArchived isDisabled stargazerCount pushedAt licenseInfo { spdxId } defaultBranchRef { name }'

/**
 * A query asking about every unit of a batch through aliases (`r0`, `r1`, …),
 * with owners, names, logins and object expressions passed as variables so
 * no link text is ever spliced into the query.
 */
export function buildBatchQuery(units: readonly GithubUnit[]): {
  query: string
  variables: Record<string, string>
} {
  const declarations: string[] = []
  const fields: string[] = []
  const variables: Record<string, string> = {}
  units.forEach((unit, index) => {
    if (unit.type === 'account') {
      declarations.push(`$l${index}: String!`)
      variables[`l${index}`] = unit.login
      fields.push(`  u${index}: repositoryOwner(login: $l${index}) { __typename login }`)
      return
    }
    declarations.push(`$o${index}: String!`, `$n${index}: String!`)
    variables[`o${index}`] = unit.owner
    variables[`n${index}`] = unit.name
    const objects = unit.expressions.map((expression, e) => {
      declarations.push(`$x${index}_${e}: String!`)
      variables[`x${index}_${e}`] = expression
      return ` x${e}: object(expression: $x${index}_${e}) { __typename }`
    })
    fields.push(
      `  r${index}: repository(owner: $o${index}, name: $n${index}) { ...repo${objects.join('')} }`
    )
  })
  const query = [
    `query Repos(${declarations.join(', ')}) {`,
    '  rateLimit { cost remaining resetAt }',
    ...fields,
    '}',
    `fragment repo on Repository { ${repositoryFields} }`
  ].join('\n')
  return {query, variables}
}

/** The alias a unit of a batch answers under. */
export function aliasOf(unit: GithubUnit, index: number): string {
  return unit.type === 'account' ? `u${index}` : `r${index}`
}

/** A GraphQL error as GitHub sends it: `type` and `path` beside the message. */
export interface GraphqlError {
  type?: string
  path?: ReadonlyArray<string | number>
  message: string
}

export function readErrors(body: Record<string, unknown>): GraphqlError[] {
  const errors = body['errors']
  if (!Array.isArray(errors)) return []
  return errors.filter(isRecord).map(error => ({
    ...(typeof error['type'] === 'string' ? {type: error['type']} : {}),
    ...(Array.isArray(error['path']) ? {path: error['path'] as Array<string | number>} : {}),
    message: typeof error['message'] === 'string' ? error['message'] : ''
  }))
}

export function readRateLimit(data: Record<string, unknown>): GraphqlRateLimit | undefined {
  const rate = data['rateLimit']
  if (!isRecord(rate)) return undefined
  const remaining = rate['remaining']
  const cost = rate['cost']
  const resetAt = typeof rate['resetAt'] === 'string' ? Date.parse(rate['resetAt']) : Number.NaN
  if (typeof remaining !== 'number' || typeof cost !== 'number' || Number.isNaN(resetAt))
    return undefined
  return {remaining, cost, resetAt}
}

/** Read each unit's answer from `data`, using errors only by their `type` and `path`. */
export function readBatchAnswers(
  units: readonly GithubUnit[],
  data: Record<string, unknown>,
  errors: readonly GraphqlError[]
): UnitAnswer[] {
  return units.map((unit, index) => {
    const alias = aliasOf(unit, index)
    const own = errors.filter(error => error.path?.[0] === alias)
    const value = data[alias]
    if (own.some(error => error.type === 'NOT_FOUND' && error.path?.length === 1))
      return {type: 'not-found'}
    if (own.length > 0) {
      return {
        type: 'open',
        detail: `GraphQL ${own.map(error => error.type ?? 'error').join(', ')} for ${alias}`
      }
    }
    if (unit.type === 'account') {
      // GitHub answers an unknown login with null and no error.
      if (value === null) return {type: 'not-found'}
      if (!isRecord(value) || typeof value['login'] !== 'string')
        return {type: 'open', detail: `Unexpected answer for ${alias}`}
      return {
        type: 'account',
        login: value['login'],
        accountType: value['__typename'] === 'User' ? 'User' : 'Organization'
      }
    }
    if (!isRecord(value)) return {type: 'open', detail: `No repository and no error for ${alias}`}
    const facts = readFacts(value)
    if (facts === undefined) return {type: 'open', detail: `Unexpected answer for ${alias}`}
    const objects = new Map<string, boolean>()
    for (const [e, expression] of unit.expressions.entries())
      objects.set(expression, value[`x${e}`] !== null && value[`x${e}`] !== undefined)
    return {type: 'repo', facts, objects}
  })
}

function readFacts(value: Record<string, unknown>): GithubFacts | undefined {
  const nameWithOwner = value['nameWithOwner']
  if (typeof nameWithOwner !== 'string') return undefined
  const license = isRecord(value['licenseInfo']) ? value['licenseInfo']['spdxId'] : undefined
  const defaultBranch = isRecord(value['defaultBranchRef'])
    ? value['defaultBranchRef']['name']
    : undefined
  const pushedAt = value['pushedAt']
  return {
    nameWithOwner,
    archived: value['isArchived'] === true,
    disabled: value['isDisabled'] === true,
    stars: typeof value['stargazerCount'] === 'number' ? value['stargazerCount'] : 0,
    ...(typeof pushedAt === 'string' ? {pushedAt} : {}),
    ...(typeof license === 'string' ? {license} : {}),
    ...(typeof defaultBranch === 'string' ? {defaultBranch} : {})
  }
}

/** Facts from a REST `GET /repos/{owner}/{repo}` answer. */
export function readRestFacts(value: unknown): GithubFacts | undefined {
  if (!isRecord(value) || typeof value['full_name'] !== 'string') return undefined
  const license = isRecord(value['license']) ? value['license']['spdx_id'] : undefined
  const pushedAt = value['pushed_at']
  const defaultBranch = value['default_branch']
  return {
    nameWithOwner: value['full_name'],
    archived: value['archived'] === true,
    disabled: value['disabled'] === true,
    stars: typeof value['stargazers_count'] === 'number' ? value['stargazers_count'] : 0,
    ...(typeof pushedAt === 'string' ? {pushedAt} : {}),
    ...(typeof license === 'string' ? {license} : {}),
    ...(typeof defaultBranch === 'string' ? {defaultBranch} : {})
  }
}

/**
 * Errors that say the batch as a whole was too big or too costly for GitHub:
 * the batch is halved and each half asked again.
 */
export const tooCostlyTypes = new Set([
  'MAX_NODE_LIMIT_EXCEEDED',
  'RESOURCE_LIMITS_EXCEEDED',
  'EXCESSIVE_PAGINATION',
  'TIMEOUT'
])
