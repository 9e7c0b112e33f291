import { BrowserWindow } from 'electron';
import { isTrustedOrigin, webPreferences } from './security.js';

/** Chromium's net::ERR_ABORTED: a navigation replaced by another, not a failure. */
const ERR_ABORTED = -3;

/** What the main window needs. */
export interface MainWindowOptions {
  readonly serverOrigin: string;
  readonly preloadPath: string;
  /** Bundled local page shown when the server cannot be reached. */
  readonly errorPagePath: string;
  /** DevTools only in unpackaged (developer) runs. */
  readonly devTools: boolean;
  readonly title: string;
}

/**
 * Creates the one window of the app, with the hardened webPreferences, and
 * loads the server's web app into it. A failed load shows the local error
 * page, whose retry navigates back to the server origin.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: options.title,
    // Shown at once: a slow server must not look like an app that did not start.
    show: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(options.preloadPath, { devTools: options.devTools }),
  });

  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    // Only failures of the server page: a failing error page must not loop.
    if (!isTrustedOrigin(validatedURL, options.serverOrigin)) return;
    void showErrorPage(window, options, errorDescription);
  });

  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    void showErrorPage(window, options, `renderer ${details.reason}`);
  });

  void loadServer(window, options.serverOrigin);
  return window;
}

/**
 * Loads the server's web app. A rejection is only logged: did-fail-load
 * already shows the error page for it.
 */
export async function loadServer(window: BrowserWindow, serverOrigin: string): Promise<void> {
  try {
    await window.loadURL(`${serverOrigin}/`);
  } catch (error) {
    console.warn(`[window] loading ${serverOrigin} failed: ${String(error)}`);
  }
}

/**
 * Shows the bundled error page via loadFile (never a data: URL, which would
 * be an opaque origin the guards cannot tell apart from injected content).
 * The server origin and reason travel in the query string, read as text.
 */
export async function showErrorPage(window: BrowserWindow, options: MainWindowOptions, reason: string): Promise<void> {
  if (window.isDestroyed()) return;
  try {
    await window.loadFile(options.errorPagePath, {
      query: { server: options.serverOrigin, reason: reason.slice(0, 200) },
    });
  } catch (error) {
    console.error(`[window] error page failed to load: ${String(error)}`);
  }
}

/** Brings the window to the front, restoring it from minimised or hidden. */
export function focusMainWindow(window: BrowserWindow | undefined): void {
  if (window === undefined || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
