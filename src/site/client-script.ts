import path from 'node:path'

/** The page script, bundled into the CLI by `scripts/build.mjs` (absent when running from source). */
declare const SITE_CLIENT_SCRIPT: string | undefined

/** Where the page script's source is. */
export const clientEntry = path.join(import.meta.dirname, 'client', 'main.ts')

/** esbuild settings for the page script; `scripts/build.mjs` uses the same. */
export const clientBuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none'
} as const

/**
 * The page script for browsers. The built CLI carries it (so `build-site`
 * needs no bundler at run time); from source (tests), it is bundled here.
 */
export async function clientScript(): Promise<string> {
  if (typeof SITE_CLIENT_SCRIPT === 'string') return SITE_CLIENT_SCRIPT
  const {build} = await import('esbuild')
  const result = await build({...clientBuildOptions, entryPoints: [clientEntry], write: false})
  return result.outputFiles[0]!.text
}
