import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Network tests start real servers on 127.0.0.1; 2-core machines prefer fewer workers.
    maxWorkers: 2
  }
})
