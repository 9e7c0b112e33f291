// @ts-check
/**
 * Builds the Electron side of the desktop into out/:
 *   out/main/main.cjs        main process (node, electron external)
 *   out/preload/preload.cjs  preload, ONE file: a sandboxed preload can
 *                            require only 'electron', so shared code and zod
 *                            are bundled in
 *   out/static/*             error page (html, css, bundled script), icons
 *
 *   node scripts/build-electron.mjs [--out-dir=DIR]
 *
 * Also the electron-builder `beforeBuild` hook: it builds, then resolves to
 * false, telling electron-builder that node_modules are handled here (all
 * code is bundled), so no dependency is copied into the asar.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Electron 38 ships Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

const STATIC_FILES = ['error-page.html', 'error-page.css', 'icon.png', 'tray.png'];

/**
 * @param {{ outDir?: string }} [options]
 * @returns {Promise<{ outDir: string }>}
 */
export async function buildElectron(options = {}) {
  const outDir = path.resolve(options.outDir ?? path.join(appDir, 'out'));
  const src = path.join(appDir, 'src');
  for (const sub of ['main', 'preload', 'static']) {
    await rm(path.join(outDir, sub), { recursive: true, force: true });
  }

  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    format: 'cjs',
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    external: ['electron'],
    define: { 'process.env.NODE_ENV': '"production"' },
  };

  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(src, 'main', 'main.ts')],
      outfile: path.join(outDir, 'main', 'main.cjs'),
      platform: 'node',
      target: NODE_TARGET,
    }),
    build({
      ...common,
      entryPoints: [path.join(src, 'preload', 'preload.ts')],
      outfile: path.join(outDir, 'preload', 'preload.cjs'),
      // The sandboxed preload has browser globals plus a tiny require().
      platform: 'browser',
      // It runs in every page load; zod is most of it.
      minify: true,
      target: CHROME_TARGET,
    }),
    build({
      ...common,
      external: [],
      format: 'iife',
      entryPoints: [path.join(src, 'main', 'static', 'error-page.ts')],
      outfile: path.join(outDir, 'static', 'error-page.js'),
      platform: 'browser',
      target: CHROME_TARGET,
      sourcemap: false,
    }),
  ]);

  await mkdir(path.join(outDir, 'static'), { recursive: true });
  for (const file of STATIC_FILES) {
    await copyFile(path.join(src, 'main', 'static', file), path.join(outDir, 'static', file));
  }
  return { outDir };
}

/**
 * electron-builder hook (electron-builder.yml `beforeBuild`).
 * @returns {Promise<boolean>} false: do not install or copy node_modules.
 */
export async function beforeBuild() {
  await buildElectron();
  return false;
}

/** @param {string[]} argv */
function outDirFromArgs(argv) {
  const arg = argv.find((value) => value.startsWith('--out-dir='));
  return arg === undefined ? undefined : arg.slice('--out-dir='.length);
}

// Run as a script, not when electron-builder imports the hook.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  const outDir = outDirFromArgs(process.argv.slice(2));
  buildElectron(outDir === undefined ? {} : { outDir })
    .then((result) => console.log(`electron main + preload built into ${path.relative(process.cwd(), result.outDir)}`))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
