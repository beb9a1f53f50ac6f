import {Agent, type Dispatcher, Pool} from 'undici'
import {fakeLookup} from './lookup.js'
import type {TestServer} from './server.js'

/**
 * An undici dispatcher for the link checker's HTTP client that sends every
 * request for one of `sites` (an origin such as `https://github.com`) to a
 * local test server, as if that server were the site: the checker asks for
 * `https://github.com/o/r/tree/main`, the server on 127.0.0.1 sees
 * `/o/r/tree/main` and its answer (a 404, a 301 to another github.com URL)
 * is the site's. Any other name fails to resolve, as offline.
 */
export function routeSites(sites: Record<string, TestServer>): Dispatcher {
  return new Agent({
    connect: {lookup: fakeLookup([])},
    factory: (origin, options) => {
      const server = sites[String(origin)]
      return new Pool(server === undefined ? origin : server.origin(), options)
    }
  })
}
