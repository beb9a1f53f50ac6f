// Build the CLI and benchmarks into dist/ as bundled ES modules.
// Bundling matters for `build-readme`'s start-up: the unified/micromark
// ecosystem is hundreds of small modules, and loading them one by one costs
// more than the build itself on a cold process. Types are checked by `npm run typecheck`.
import {rm} from 'node:fs/promises'
import {build} from 'esbuild'

await rm('dist', {recursive: true, force: true})

// The website's page script, for browsers; the CLI carries it as a constant
// (`SITE_CLIENT_SCRIPT`, see src/site/client-script.ts), so `build-site` needs no bundler.
const client = await build({
  entryPoints: ['src/site/client/main.ts'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  write: false,
  logLevel: 'warning'
})

await build({
  entryPoints: await entries(),
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  define: {SITE_CLIENT_SCRIPT: JSON.stringify(client.outputFiles[0].text)},
  // Loaded from node_modules, not bundled: esbuild (only when running from source, for the
  // page script) and playwright-core (the site benchmark; it finds its own files at run time).
  external: ['esbuild', 'playwright-core'],
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"
  },
  // Smaller code parses faster on every cold start; names are kept for readable stack traces.
  minify: !process.env.NO_MINIFY,
  keepNames: true,
  logLevel: 'warning'
})

/** Entry points that exist (the link-checker benchmark may not, in an older checkout). */
async function entries() {
  const {existsSync} = await import('node:fs')
  const candidates = {
    cli: 'src/cli/bin.ts',
    'bench/index': 'bench/index.ts',
    'bench/child': 'bench/child.ts',
    'bench/links': 'bench/links.ts',
    'bench/site': 'bench/site.ts'
  }
  return Object.fromEntries(Object.entries(candidates).filter(([, file]) => existsSync(file)))
}
