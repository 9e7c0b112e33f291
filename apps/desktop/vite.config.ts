import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The CTI server in development; the built app is served by the server itself at its own origin. */
const server = 'http://127.0.0.1:8080';
const proxy = {
  '/api': { target: server, changeOrigin: false },
  '/socket.io': { target: server, ws: true, changeOrigin: false },
};

/**
 * The renderer as a web app: the same bundle Electron loads and the server
 * serves in B/S mode. Output is CSP-friendly (`script-src 'self'`,
 * `style-src 'self'`): CSS is extracted into files, nothing inline.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Separate .map files (never inline): debuggable without bloating or exposing the bundle inline.
    sourcemap: true,
    target: 'es2022',
    // Keep tiny assets as files too: data: URLs for scripts or styles would fight the CSP.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 5180, proxy },
});
