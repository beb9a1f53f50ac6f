#!/usr/bin/env bash
# Install only what the CLI needs to run, and build it: the production
# dependencies and esbuild, not the test tools (vitest, Chromium driver,
# cmark-gfm's native build, linters). For jobs that only run the CLI
# (validate, preview, check-generated, check-links, build-readme): about ten
# seconds with npm's cache, instead of a two-minute `npm ci`.
set -euo pipefail

npm ci --omit=dev --ignore-scripts --no-audit --no-fund
# esbuild is a devDependency; the lockfile's version is installed beside the
# project (so package.json and the lockfile stay untouched) and linked in.
version=$(node -p "require('./package-lock.json').packages['node_modules/esbuild'].version")
prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/esbuild-$version"
npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund "esbuild@$version"
ln -sfn "$prefix/node_modules/esbuild" node_modules/esbuild
node scripts/build.mjs
