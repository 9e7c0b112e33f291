import { defineConfig } from 'vitest/config';

/**
 * One `vitest run` covers every package: unit tests (node or jsdom) and the
 * Chromium e2e specs. The closing line counts them all.
 */
export default defineConfig({
  test: {
    projects: [
      'packages/shared',
      'packages/flows',
      'packages/ui',
      'apps/cti-server',
      'apps/bss-sim',
      'apps/desktop',
      'apps/desktop/e2e',
    ],
  },
});
