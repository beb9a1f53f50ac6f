import {lookup as systemLookup} from 'node:dns'
import {isIP, type LookupFunction} from 'node:net'

/**
 * Whether an IP address is one the checker may request: not loopback,
 * private, link-local (the cloud metadata address 169.254.169.254 among
 * them), shared, multicast, reserved or unspecified. IPv4-mapped and
 * -compatible IPv6 forms are judged as the IPv4 address they carry; the URL
 * parser has already turned decimal, octal and hex hosts into dotted form.
 */
export function isPublicAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase()
  const version = isIP(ip)
  if (version === 4) return isPublicV4(ip)
  if (version !== 6) return false
  const words = expandV6(ip)
  if (words === undefined) return false
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): the IPv4 inside decides.
  const embedded = `${words[6]! >> 8}.${words[6]! & 255}.${words[7]! >> 8}.${words[7]! & 255}`
  if (words.slice(0, 5).every(w => w === 0) && (words[5] === 0xffff || words[5] === 0))
    return isPublicV4(embedded)
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every(w => w === 0))
    return isPublicV4(embedded)
  const first = words[0]!
  if (words.every(w => w === 0)) return false // ::
  if ((first & 0xfe00) === 0xfc00) return false // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return false // fe80::/10 link-local
  if ((first & 0xffc0) === 0xfec0) return false // fec0::/10 site-local (deprecated)
  if ((first & 0xff00) === 0xff00) return false // multicast
  if (first === 0x2001 && words[1] === 0x0db8) return false // documentation
  if (first === 0x2002)
    return isPublicV4(`${words[1]! >> 8}.${words[1]! & 255}.${words[2]! >> 8}.${words[2]! & 255}`) // 6to4
  return true
}

function isPublicV4(ip: string): boolean {
  const [a, b, c] = ip.split('.').map(Number) as [number, number, number, number]
  if (a === 0 || a === 10 || a === 127) return false
  if (a === 100 && b >= 64 && b <= 127) return false // shared address space (CGNAT)
  if (a === 169 && b === 254) return false // link-local, cloud metadata
  if (a === 172 && b >= 16 && b <= 31) return false
  if (a === 192 && b === 168) return false
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false // IETF, documentation
  if (a === 198 && (b === 18 || b === 19)) return false // benchmarking
  if (a === 198 && b === 51 && c === 100) return false
  if (a === 203 && b === 0 && c === 113) return false
  if (a >= 224) return false // multicast, reserved, broadcast
  return true
}

function expandV6(ip: string): number[] | undefined {
  let text = ip
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::') as [string, string | undefined]
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map(h => Number.parseInt(h, 16))
  const left = parse(head)
  const right = tail === undefined ? [] : parse(tail)
  const fill = tail === undefined ? 0 : 8 - left.length - right.length
  const words = [...left, ...Array(Math.max(0, fill)).fill(0), ...right]
  return words.length === 8 && words.every(w => Number.isInteger(w) && w >= 0 && w <= 0xffff)
    ? words
    : undefined
}

/** The error a refused address gives; classified as the `private-address` cause. */
export const privateAddressCode = 'ERR_PRIVATE_ADDRESS'

/**
 * A resolver that refuses names resolving to any address that is not
 * public, so that no request, redirects included, reaches the runner's own
 * network. It checks every address the name has, since the connection may
 * use any of them.
 */
export function publicOnlyLookup(
  base: LookupFunction = systemLookup as LookupFunction
): LookupFunction {
  return ((hostname: string, options: {all?: boolean}, callback: (...args: unknown[]) => void) => {
    base(hostname, {...options, all: true}, ((
      error: Error | null,
      addresses: Array<{address: string; family: number}>
    ) => {
      if (error) return callback(error)
      const refused = addresses.find(entry => !isPublicAddress(entry.address))
      if (refused)
        return callback(
          Object.assign(
            new Error(`${hostname} resolves to ${refused.address}, which is not a public address`),
            {
              code: privateAddressCode,
              hostname
            }
          )
        )
      if (options.all) return callback(null, addresses)
      const first = addresses[0]!
      return callback(null, first.address, first.family)
    }) as never)
  }) as LookupFunction
}
