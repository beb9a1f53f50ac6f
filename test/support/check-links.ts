import {createCheckLinks} from '../../src/cli/commands/check-links.js'
import type {ClientOptions} from '../../src/links/client.js'
import type {RepoCheckOptions} from '../../src/repos/check.js'
import {fakeLookup} from '../helpers/lookup.js'

/**
 * Run `check-links` in-process on `dir` with test names resolving to
 * 127.0.0.1 (every other name is NXDOMAIN, as offline) and, when given, a
 * fixed clock; capture what it prints. `clientOptions` replace parts of the
 * HTTP client's network edge (a dispatcher that plays github.com), and
 * `repoOptions` point the API clients at fakes.
 */
export async function checkLinksIn(
  dir: string,
  argv: string[],
  options: {
    hosts?: string[]
    now?: Date
    clientOptions?: ClientOptions
    repoOptions?: RepoCheckOptions
  } = {}
): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  const command = createCheckLinks({
    clientOptions: {
      lookup: fakeLookup(options.hosts ?? []),
      allowPrivateAddresses: true,
      ...options.clientOptions
    },
    ...(options.repoOptions ? {repoOptions: options.repoOptions} : {}),
    ...(options.now ? {now: () => options.now!} : {})
  })
  const code = await command(argv, {
    cwd: dir,
    env: {},
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    isTTY: false
  })
  return {code, stdout, stderr}
}
