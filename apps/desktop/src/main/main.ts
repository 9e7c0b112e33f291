import { app, dialog, Menu, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import { createDesktopActions } from './actions.js';
import { resolveDesktopConfig } from './config.js';
import type { DesktopConfig } from './config.js';
import { applySessionPolicy, applyWebContentsGuards } from './guards.js';
import { mainMessages } from './i18n.js';
import { registerIpcHandlers } from './ipc.js';
import { bundledPaths } from './paths.js';
import { buildContentSecurityPolicy } from './security.js';
import { createTray } from './tray.js';
import type { AppTray } from './tray.js';
import { createMainWindow, focusMainWindow } from './window.js';

/**
 * Entry of the Electron main process (bundled to out/main/main.cjs): reads
 * the config, applies the security policy, opens the one window and the tray.
 */

/** Windows groups notifications and taskbar entries by this id. */
const APP_USER_MODEL_ID = 'org.omnicc.desktop';

// __dirname exists in the CommonJS bundle; the fallback only serves tests
// that import this file as ESM and never load the files.
const mainDir = typeof __dirname === 'string' ? __dirname : process.cwd();

/** The one window and tray; module state because Electron's app is global too. */
const state: { window: BrowserWindow | undefined; tray: AppTray | undefined } = {
  window: undefined,
  tray: undefined,
};

function systemLocale(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

function readConfigOrExit(): DesktopConfig | undefined {
  try {
    return resolveDesktopConfig(process.argv, process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // showErrorBox is safe before 'ready'; the user sees why nothing opens.
    dialog.showErrorBox(mainMessages(systemLocale()).configErrorTitle, message);
    app.exit(2);
    return undefined;
  }
}

function installMenu(): void {
  // The default menu offers reload and DevTools shortcuts; agents need
  // neither, and a reload drops a live call. macOS needs Edit for copy/paste.
  const menu =
    process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null;
  Menu.setApplicationMenu(menu);
}

function start(config: DesktopConfig): void {
  const paths = bundledPaths(mainDir);
  const messages = mainMessages(app.getLocale() || systemLocale());

  applySessionPolicy(session.defaultSession, {
    serverOrigin: config.serverOrigin,
    contentSecurityPolicy: buildContentSecurityPolicy(config.serverOrigin, config.extraConnectSources),
  });
  installMenu();

  registerIpcHandlers({
    serverOrigin: config.serverOrigin,
    isAppWebContents: (contents) => {
      const { window } = state;
      return window !== undefined && !window.isDestroyed() && window.webContents.id === contents.id;
    },
    actions: createDesktopActions({
      focusWindow: () => focusMainWindow(state.window),
      setWaitingCount: (count) => state.tray?.setWaitingCount(count),
    }),
  });

  const window = createMainWindow({
    serverOrigin: config.serverOrigin,
    preloadPath: paths.preload,
    errorPagePath: paths.errorPage,
    devTools: !app.isPackaged,
    title: messages.appName,
  });
  state.window = window;
  window.on('closed', () => {
    state.window = undefined;
  });

  state.tray = createTray({
    iconPath: paths.trayIcon,
    messages,
    onShow: () => focusMainWindow(state.window),
    onQuit: () => app.quit(),
  });
  app.on('before-quit', () => state.tray?.destroy());
}

/** Wires the app lifecycle; everything security-relevant happens before 'ready'. */
export function main(): void {
  const config = readConfigOrExit();
  if (config === undefined) return;

  // Sandbox every renderer, including any a library might create.
  app.enableSandbox();

  // A second launch (e.g. a desktop shortcut clicked again) must not open a
  // second softphone registering as the same agent.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  app.on('second-instance', () => focusMainWindow(state.window));
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  // Guards go on every webContents Electron creates, before it can navigate.
  app.on('web-contents-created', (_event, contents) => {
    applyWebContentsGuards(contents, {
      serverOrigin: config.serverOrigin,
      openExternal: (url) => shell.openExternal(url),
    });
  });

  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => start(config))
    .catch((error: unknown) => {
      console.error(`[main] start failed: ${String(error)}`);
      app.exit(1);
    });
}

main();
