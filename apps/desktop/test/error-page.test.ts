import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CHROMIUM_PATH, launchBrowser } from '../e2e/support/browser.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The built error page in real Chromium (Electron's engine), opened from
 * file:// as loadFile does: its own CSP lets its script and style load, it
 * shows the server as text, and retry navigates to the server origin.
 */
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_SCRIPT = path.join(appDir, 'scripts', 'build-electron.mjs');
const chromiumPath = CHROMIUM_PATH;
const hasChromium = existsSync(chromiumPath);

let outDir = '';
let browser: Browser | undefined;
let server: Server | undefined;
let origin = '';
const requests: string[] = [];

function pageUrl(params: Record<string, string>): string {
  const url = pathToFileURL(path.join(outDir, 'static', 'error-page.html'));
  url.search = new URLSearchParams(params).toString();
  return url.href;
}

describe.skipIf(!hasChromium)(`error page in Chromium (${chromiumPath})`, () => {
  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'omnicc-error-page-'));
    await promisify(execFile)(process.execPath, [BUILD_SCRIPT, `--out-dir=${outDir}`]);
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>server is back</title>');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ browser } = await launchBrowser());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  it('loads under its own CSP, shows the server and retries to it', async () => {
    const page = await browser!.newPage({ locale: 'en-US' });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(pageUrl({ server: origin, reason: 'ERR_CONNECTION_REFUSED' }));
    await expect.poll(() => page.locator('#server').textContent()).toBe(origin);
    expect(await page.locator('#reason').textContent()).toBe('ERR_CONNECTION_REFUSED');
    expect(await page.locator('#title').textContent()).toBe('Cannot reach the contact-center server');
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('grid');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('retry');

    await page.locator('#retry').click();
    await page.waitForURL(`${origin}/`);
    expect(await page.title()).toBe('server is back');
    expect(requests).toContain('/');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('speaks Chinese to a zh-CN desktop', async () => {
    const context = await browser!.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(pageUrl({ server: origin, reason: 'x' }));
    await expect.poll(() => page.locator('#title').textContent()).toBe('无法连接到呼叫中心服务器');
    expect(await page.locator('#retry').textContent()).toBe('立即重试');
    await context.close();
  });

  it('treats the query as text and offers no retry to a non-http target', async () => {
    const page = await browser!.newPage();
    await page.goto(pageUrl({ server: 'javascript:alert(1)', reason: '<img src=x onerror=alert(1)>' }));
    await expect.poll(() => page.locator('#reason').textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('#reason img').count()).toBe(0);
    expect(await page.locator('#retry').isDisabled()).toBe(true);
    await page.close();
  });
});
