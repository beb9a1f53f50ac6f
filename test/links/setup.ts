import {createChecker} from '../../src/links/check.js'
import {createHttpClient, type HttpClient} from '../../src/links/client.js'
import {defaultConfig, hostPolicy, type LinkCheckConfig} from '../../src/links/config.js'
import {fakeLookup} from '../helpers/lookup.js'

/** Names tests use; all resolve to 127.0.0.1, everything else is NXDOMAIN. */
export const testHosts = [
  'a.test',
  'b.test',
  'secure.test',
  'untrusted.test',
  'polite.test',
  'slow.test',
  'x.test',
  'login.test'
]

/** The defaults with timings scaled down so the fault matrix runs in seconds. */
export function testConfig(overrides: Partial<LinkCheckConfig> = {}): LinkCheckConfig {
  return {
    ...defaultConfig(),
    timeoutMs: 600,
    retries: 2,
    backoffBaseMs: 30,
    backoffMaxMs: 200,
    retryAfterCapMs: 3000,
    confirmDelayMs: 10,
    ...overrides
  }
}

/** A client that resolves the test names to 127.0.0.1 and trusts the test CA. */
export function testClient(config: LinkCheckConfig, ca?: string): HttpClient {
  return createHttpClient({
    lookup: fakeLookup(testHosts),
    // The test servers listen on 127.0.0.1, which the checker refuses by default.
    allowPrivateAddresses: true,
    ...(ca === undefined ? {} : {ca}),
    connectionsFor: origin => hostPolicy(config, origin.hostname).connections
  })
}

/** A checker wired to a test client; `close` ends the client. */
export function testChecker(config: LinkCheckConfig, ca?: string) {
  const client = testClient(config, ca)
  const checker = createChecker({config, client, random: () => 0.5})
  return {checker, client, close: () => client.close()}
}
