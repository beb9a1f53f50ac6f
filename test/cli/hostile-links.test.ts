import {mkdir, readdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createCheckLinks} from '../../src/cli/commands/check-links.js'
import {fakeLookup} from '../helpers/lookup.js'
import {respond, startServer, type TestServer} from '../helpers/server.js'
import {testHosts} from '../links/setup.js'
import {copyList, exists} from '../support/cli.js'
import {entryYaml} from '../support/hostile.js'

let server: TestServer
beforeAll(async () => {
  server = await startServer({}, {fallback: respond.status(200)})
})
afterAll(() => server.close())

const sentinel = 'S3ntinelTok3n'

// The links of a hostile entry are never requested: check-links reads the list
// through the validator and stops (exit 2) before any request when it does not validate.
describe('check-links on a list with a hostile entry', () => {
  it.each([
    ['credentials in the URL', () => `http://admin:${sentinel}@${hostPort()}/private`],
    ['an invisible character in the host', () => `http://a.test\u200B:${server.port}/x`],
    [
      'a URL past the length limit',
      () => `${server.origin('a.test')}/${sentinel}${'p'.repeat(2100)}`
    ]
  ])('%s: exit 2, no request made, no report written, nothing leaked', async (_, url) => {
    const {dir, cleanup} = await copyList()
    try {
      await mkdir(path.join(dir, 'entries/agent'), {recursive: true})
      await writeFile(
        path.join(dir, 'entries/agent/foo.yaml'),
        entryYaml({url: url(), description: `See ${server.origin('a.test')}/also`})
      )
      let output = ''
      const check = createCheckLinks({
        clientOptions: {lookup: fakeLookup(testHosts), allowPrivateAddresses: true}
      })
      const before = server.requests.length
      const code = await check(['--no-repos'], {
        cwd: dir,
        env: {},
        stdout: text => {
          output += text
        },
        stderr: text => {
          output += text
        },
        isTTY: false
      })
      expect(code).toBe(2)
      expect(output).toContain('check-links: the list does not validate; run `npm run validate`')
      expect(output).toMatch(/^entries\/agent\/foo\.yaml:2:6: error /m)
      expect(output).not.toContain(sentinel)
      expect(server.requests.length - before).toBe(0)
      expect(await exists(path.join(dir, 'reports'))).toBe(false)
      expect((await readdir(dir)).sort()).not.toContain('status.json')
    } finally {
      await cleanup()
    }
  })
})

function hostPort(): string {
  return `a.test:${server.port}`
}
