#!/usr/bin/env node
import process from 'node:process'
import type {CliContext} from './context.js'
import {keepHeapNearLiveSize} from './heap.js'
import {main} from './index.js'

// The process edge: real streams and environment in, exit code out.
keepHeapNearLiveSize()
const context: CliContext = {
  cwd: process.cwd(),
  env: process.env,
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY)
}

main(process.argv.slice(2), context).then(
  code => {
    process.exitCode = code
  },
  (error: unknown) => {
    // A bug: the stack helps whoever fixes it. Exit 2, because 1 means "something is dead".
    process.stderr.write(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    )
    process.exitCode = 2
  }
)
