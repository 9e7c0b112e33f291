import { defineProject } from 'vitest/config';

/**
 * Browser end-to-end tests: the real server (started the way the README's
 * start command starts it) and the real web desktop, driven in Debian Chromium.
 */
export default defineProject({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One server and browser per file; files run one after another on 2 cores.
    fileParallelism: false,
  },
});
