import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Runs scripts/build-electron.mjs (as `pnpm build:electron` does, into a
 * temporary directory) and checks what a sandboxed Electron can load.
 */
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(appDir, 'scripts', 'build-electron.mjs');
const outDir = mkdtempSync(path.join(tmpdir(), 'omnicc-electron-build-'));

function requiredModules(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]!);
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [script, `--out-dir=${outDir}`], { cwd: appDir });
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('build-electron.mjs', () => {
  it('writes main, preload and the static files', () => {
    for (const file of [
      'main/main.cjs',
      'preload/preload.cjs',
      'static/error-page.html',
      'static/error-page.css',
      'static/error-page.js',
      'static/icon.png',
      'static/tray.png',
    ]) {
      expect(existsSync(path.join(outDir, file)), file).toBe(true);
    }
  });

  it('bundles the preload into one file that requires nothing but electron', () => {
    const file = path.join(outDir, 'preload', 'preload.cjs');
    expect(new Set(requiredModules(file))).toEqual(new Set(['electron']));
    // Shared contract and zod are inside, not required at run time.
    expect(readFileSync(file, 'utf8')).toContain('desktop:appInfo');
  });

  it('runs in a bare context that offers only require("electron"), like a sandboxed preload', async () => {
    const exposed: [string, Record<string, (...args: unknown[]) => Promise<unknown>>][] = [];
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: never) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ version: '0.1.0', platform: 'linux', electron: '38.0.0' });
        },
      },
    };
    const module = { exports: {} };
    const context = vm.createContext({
      module,
      exports: module.exports,
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
        return electron;
      },
    });
    const code = readFileSync(path.join(outDir, 'preload', 'preload.cjs'), 'utf8');
    vm.runInContext(`(function () {${code}\n})()`, context);

    expect(exposed.map(([key]) => key)).toEqual(['desktop']);
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual(['appInfo', 'closeNotification', 'focusWindow', 'notify', 'setBadgeCount']);
    await expect(api['appInfo']!()).resolves.toEqual({ version: '0.1.0', platform: 'linux', electron: '38.0.0' });
    expect(invoked).toEqual([['desktop:appInfo']]);
  });

  it('bundles main so it requires only electron and Node built-ins', () => {
    const allowed = new Set(['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const required = requiredModules(path.join(outDir, 'main', 'main.cjs'));
    expect(required).toContain('electron');
    expect(required.filter((name) => !allowed.has(name))).toEqual([]);
  });

  it('gives the error page a script without any require', () => {
    expect(requiredModules(path.join(outDir, 'static', 'error-page.js'))).toEqual([]);
  });

  it('exports the electron-builder beforeBuild hook and the build function', async () => {
    const modulePath = script;
    const module = (await import(modulePath)) as Record<string, unknown>;
    expect(typeof module['beforeBuild']).toBe('function');
    expect(typeof module['buildElectron']).toBe('function');
  });
});
