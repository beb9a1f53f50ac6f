import process from 'node:process'
import {keepHeapNearLiveSize} from '../src/cli/heap.js'
import {main} from '../src/cli/index.js'

// Runs one CLI command as a whole process would, then reports the process's
// peak memory on the last line of stderr, for the benchmark parent to read.
keepHeapNearLiveSize() // as src/cli/bin.ts does
const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: () => {},
  stderr: text => process.stderr.write(text),
  isTTY: false
})
process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`)
process.exitCode = code
