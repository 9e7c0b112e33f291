// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Process boundaries from DESIGN.md are lint errors, not conventions:
 * - the renderer runs in a sandboxed page: no electron, no node built-ins;
 * - packages/flows is pure: no React, no xyflow, no Node built-ins;
 * - packages/shared is imported by everyone and imports nothing app-side.
 */
/** Bare names go in `paths` (exact match): as patterns they would also match folders like ./net/. */
const nodeBuiltinNames = ['fs', 'path', 'child_process', 'os', 'net', 'http', 'https', 'crypto'];
const nodeBuiltinPaths = nodeBuiltinNames.map((name) => ({ name, message: 'Node built-ins are not available here.' }));

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      '**/.data/**',
      '**/artifacts/**',
      '**/*.config.{js,ts,mjs}',
      '**/scripts/*.mjs',
      'apps/cti-server/drizzle/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}', 'packages/ui/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: use window.desktop (DesktopApi).' }, ...nodeBuiltinPaths],
          patterns: [{ group: ['node:*'], message: 'The renderer cannot use Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['packages/flows/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths,
          patterns: [{ group: ['react', 'react-*', '@xyflow/*', 'node:*'], message: 'packages/flows is pure TypeScript: it runs in the server, the designer and the desktop.' }],
        },
      ],
    },
  },
  {
    files: ['packages/shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths,
          patterns: [{ group: ['@omnicc/*', '../../apps/*', 'react', 'electron', 'node:*'], message: 'packages/shared imports nothing app-side.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', '**/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
