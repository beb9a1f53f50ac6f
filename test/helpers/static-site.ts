import {existsSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {startServer, type TestServer} from './server.js'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/atom+xml; charset=utf-8'
}

/** Serve a built site from `dir` on 127.0.0.1, as GitHub Pages does: `folder/` answers with `folder/index.html`. */
export async function serveSite(dir: string): Promise<TestServer> {
  return startServer(
    {},
    {
      fallback: (request, response) => {
        const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
        const file = path.join(
          dir,
          ...pathname.split('/'),
          pathname.endsWith('/') ? 'index.html' : ''
        )
        if (!file.startsWith(dir)) return void response.writeHead(403).end()
        stat(file)
          .then(async info => {
            if (info.isDirectory())
              return void response.writeHead(301, {location: `${pathname}/`}).end()
            const body = await readFile(file)
            response
              .writeHead(200, {
                'content-type': types[path.extname(file)] ?? 'application/octet-stream'
              })
              .end(body)
          })
          .catch(() => response.writeHead(404).end('not found'))
      }
    }
  )
}

/** Where a Chromium is: `CHROME_PATH`, else the usual system locations; undefined when none. */
export function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env
): string | undefined {
  const candidates = [
    env['CHROME_PATH'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable'
  ]
  return candidates.find(
    (file): file is string => file !== undefined && file !== '' && existsSync(file)
  )
}
