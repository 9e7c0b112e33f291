import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/**
 * Launches the real Electron with the built main against a tiny local
 * server. The binary cannot be downloaded on every machine (installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1), so the test skips, saying why, there.
 */
const SKIP_MESSAGE = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): smoke test skipped';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_SCRIPT = path.join(appDir, 'scripts', 'build-electron.mjs');

/** The path the `electron` package reports, if a binary is really there. */
function electronBinary(): string | undefined {
  try {
    const reported = createRequire(import.meta.url)('electron') as unknown;
    return typeof reported === 'string' && existsSync(reported) ? reported : undefined;
  } catch {
    // The package throws when its binary was never downloaded.
    return undefined;
  }
}

const binary = electronBinary();

describe('Electron smoke', () => {
  if (binary === undefined) {
    // Also on stdout: reporters that hide skipped names still show why.
    console.info(SKIP_MESSAGE);
    it.skip(SKIP_MESSAGE, () => undefined);
    return;
  }

  it('opens the hardened main window on the server URL, with window.desktop and no Node', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'omnicc-electron-smoke-'));
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>OmniCC smoke</title><p>agent desktop</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await promisify(execFile)(process.execPath, [BUILD_SCRIPT, `--out-dir=${outDir}`]);
      const app = await _electron.launch({
        executablePath: binary,
        args: [
          path.join(outDir, 'main', 'main.cjs'),
          `--server-url=${origin}`,
          // Chromium refuses to start its sandbox as root (CI containers).
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ],
        timeout: 30_000,
      });
      try {
        const page = await app.firstWindow();
        await page.waitForURL(`${origin}/`);
        expect(await page.title()).toBe('OmniCC smoke');
        const seen = await page.evaluate(async () => {
          const desktop = (window as unknown as { desktop?: Record<string, () => Promise<unknown>> }).desktop;
          return {
            keys: Object.keys(desktop ?? {}).sort(),
            info: await desktop?.['appInfo']?.(),
            node: typeof (globalThis as { require?: unknown; process?: unknown }).require,
            process: typeof (globalThis as { process?: unknown }).process,
          };
        });
        expect(seen.keys).toEqual(['appInfo', 'closeNotification', 'focusWindow', 'notify', 'setBadgeCount']);
        expect(seen.info).toMatchObject({ electron: expect.any(String) as string });
        expect(seen.node).toBe('undefined');
        expect(seen.process).toBe('undefined');
        expect(app.windows()).toHaveLength(1);
      } finally {
        await app.close();
      }
    } finally {
      server.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 90_000);
});
