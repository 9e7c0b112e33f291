import path from 'node:path';

/** Files the main process loads at run time, all inside the app (asar). */
export interface BundledPaths {
  readonly preload: string;
  readonly errorPage: string;
  readonly trayIcon: string;
}

/**
 * Paths of the bundled files, given the directory of main.cjs (`out/main`).
 * build-electron.mjs writes `out/preload` and `out/static` beside it.
 */
export function bundledPaths(mainDir: string): BundledPaths {
  const out = path.join(mainDir, '..');
  return {
    preload: path.join(out, 'preload', 'preload.cjs'),
    errorPage: path.join(out, 'static', 'error-page.html'),
    trayIcon: path.join(out, 'static', 'tray.png'),
  };
}
