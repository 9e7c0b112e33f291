import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where the built web desktop and widget live in the repo (overridable by config). */
export const DEFAULT_WEB_DIR = path.resolve(here, '../../../../desktop/dist');
export const WIDGET_DIR = path.resolve(here, '../../../widget');

/**
 * Serves the web desktop at `/` (the same renderer Electron loads: one UI,
 * B/S and C/S), the chat widget at `/widget.js` and a demo host page at `/demo/`.
 */
export async function registerStaticRoutes(app: FastifyInstance, deps: { webDir: string; log: (msg: string) => void }): Promise<void> {
  const widgetFile = path.join(WIDGET_DIR, 'dist', 'widget.js');
  if (existsSync(widgetFile)) {
    await app.register(fastifyStatic, { root: path.join(WIDGET_DIR, 'dist'), prefix: '/widget/', decorateReply: true, index: false });
    app.get('/widget.js', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('widget.js', path.join(WIDGET_DIR, 'dist')));
    app.get('/demo/', (_request, reply) => reply.sendFile('demo.html', path.join(WIDGET_DIR, 'public')));
    app.get('/demo/demo.css', (_request, reply) => reply.sendFile('demo.css', path.join(WIDGET_DIR, 'public')));
    app.get('/demo', (_request, reply) => reply.redirect('/demo/'));
  } else {
    deps.log(`chat widget not built (${widgetFile} missing): /widget.js disabled`);
  }
  if (existsSync(path.join(deps.webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt desktop is served without a restart.
    await app.register(fastifyStatic, { root: deps.webDir, prefix: '/', decorateReply: false, index: 'index.html' });
  } else {
    deps.log(`web desktop not built (${deps.webDir}/index.html missing): / disabled`);
  }
}
