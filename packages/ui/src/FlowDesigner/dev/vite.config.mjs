import { fileURLToPath } from 'node:url';

/**
 * Serves the designer's dev page (not shipped), with the desktop's Vite:
 * `cd apps/desktop && ./node_modules/.bin/vite --config ../../packages/ui/src/FlowDesigner/dev/vite.config.mjs`,
 * then http://127.0.0.1:5199/?locale=zh-CN (also &diff=1, &readOnly=1).
 */
export default {
  root: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic' },
  server: { host: '127.0.0.1', port: 5199, strictPort: true },
};
