import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the embeddable chat widget: one self-contained IIFE script, no CSS file, no chunks. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./src/main.ts', import.meta.url)),
      name: 'OmniCCChat',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
