import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface FakeArxivOptions {
  /** Ids that exist (without version); with `everythingExists`, all well-formed ids do. */
  papers?: string[]
  everythingExists?: boolean
  /** The first requests answered 503 with `Retry-After: 3`. */
  busy?: number
  /** Milliseconds each answer takes (the link benchmark's realistic latencies). */
  latencyMs?: number
}

export interface FakeArxiv {
  baseUrl: string
  requests: Array<{path: string; idList: string[]; maxResults: number}>
  close(): Promise<void>
}

const wellFormed = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/

/** Start a fake arXiv export API on 127.0.0.1 that answers `id_list` queries with an Atom feed. */
export async function startFakeArxiv(options: FakeArxivOptions = {}): Promise<FakeArxiv> {
  const papers = new Set(options.papers ?? [])
  const requests: FakeArxiv['requests'] = []
  let busy = options.busy ?? 0
  const server = createServer(async (request, response) => {
    if (options.latencyMs) await new Promise(resolve => setTimeout(resolve, options.latencyMs))
    const url = new URL(request.url ?? '/', 'http://x')
    const idList = (url.searchParams.get('id_list') ?? '').split(',').filter(id => id !== '')
    const maxResults = Number(url.searchParams.get('max_results') ?? '10')
    requests.push({path: url.pathname, idList, maxResults})
    if (busy > 0) {
      busy--
      response
        .writeHead(503, {'retry-after': '3', 'content-type': 'text/plain'})
        .end('Rate exceeded.')
      return
    }
    if (url.pathname !== '/api/query') {
      response.writeHead(404).end()
      return
    }
    const entries: string[] = []
    // Like arXiv: one malformed id turns the whole answer into a single error entry.
    const malformed = idList.find(id => !wellFormed.test(id))
    if (malformed !== undefined) {
      entries.push(
        `<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_${malformed}</id><title>Error</title><summary>incorrect id format for ${malformed}</summary></entry>`
      )
    } else {
      for (const id of idList.slice(0, maxResults)) {
        const base = id.replace(/v\d+$/, '')
        if (!options.everythingExists && !papers.has(base)) continue
        entries.push(
          `<entry>\n    <id>http://arxiv.org/abs/${base}v2</id>\n    <updated>2023-01-01T00:00:00Z</updated>\n    <title>Paper &amp; ${base}</title>\n  </entry>`
        )
      }
    }
    response.writeHead(200, {'content-type': 'application/atom+xml; charset=utf-8'})
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <title type="html">ArXiv Query</title>\n  <id>http://arxiv.org/api/x</id>\n  ${entries.join('\n  ')}\n</feed>\n`
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
