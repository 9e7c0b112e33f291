import { defineProject } from 'vitest/config';

/**
 * Unit tests of the desktop: main-process tests run in node; renderer tests
 * declare `// @vitest-environment jsdom` at their top.
 */
export default defineProject({
  test: { environment: 'node', include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'] },
});
