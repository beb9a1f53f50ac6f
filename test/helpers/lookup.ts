import type {LookupFunction} from 'node:net'

/**
 * A resolver for tests: names in `hosts` resolve to their address (default
 * 127.0.0.1 for every listed name); anything else fails with ENOTFOUND, as
 * NXDOMAIN does, so no test can reach the internet by accident.
 */
export function fakeLookup(hosts: Record<string, string> | string[]): LookupFunction {
  const table: Record<string, string> = Array.isArray(hosts)
    ? Object.fromEntries(hosts.map(name => [name, '127.0.0.1']))
    : hosts
  const lookup = (
    hostname: string,
    options: {all?: boolean},
    callback: (...args: unknown[]) => void
  ): void => {
    const address = Object.hasOwn(table, hostname) ? table[hostname] : undefined
    process.nextTick(() => {
      if (address === undefined) {
        callback(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
            code: 'ENOTFOUND',
            syscall: 'getaddrinfo',
            hostname
          })
        )
      } else if (options.all) callback(null, [{address, family: 4}])
      else callback(null, address, 4)
    })
  }
  return lookup as unknown as LookupFunction
}
