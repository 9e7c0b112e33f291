import { describe, expect, it, vi } from 'vitest';

/** BrowserWindow faked: records its options and loads. */
const fake = vi.hoisted(() => ({ windows: [] as unknown[] }));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    webContents = new EventEmitter();
    loadURL = vi.fn(() => Promise.resolve());
    loadFile = vi.fn(() => Promise.resolve());
    isDestroyed = vi.fn(() => false);
    isMinimized = vi.fn(() => false);
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.windows.push(this);
    }
  }
  return { BrowserWindow };
});

const { createMainWindow, focusMainWindow } = await import('./window.js');

const ORIGIN = 'http://127.0.0.1:8080';
const OPTIONS = {
  serverOrigin: ORIGIN,
  preloadPath: '/app/out/preload/preload.cjs',
  errorPagePath: '/app/out/static/error-page.html',
  devTools: false,
  title: 'OmniCC Desktop',
};

type FakeWindow = ReturnType<typeof createMainWindow> & {
  options: { webPreferences: Record<string, unknown> };
  loadURL: ReturnType<typeof vi.fn>;
  loadFile: ReturnType<typeof vi.fn>;
  isMinimized: ReturnType<typeof vi.fn>;
};

function open(): FakeWindow {
  return createMainWindow(OPTIONS) as FakeWindow;
}

describe('createMainWindow', () => {
  it('uses the hardened webPreferences with our preload and no DevTools', () => {
    const prefs = open().options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      preload: OPTIONS.preloadPath,
      devTools: false,
    });
  });

  it('loads the server origin', () => {
    expect(open().loadURL).toHaveBeenCalledWith(`${ORIGIN}/`);
  });

  it('shows the bundled error page (loadFile, not a data: URL) when the server is unreachable', async () => {
    const window = open();
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${ORIGIN}/`, true);
    await vi.waitFor(() =>
      expect(window.loadFile).toHaveBeenCalledWith(OPTIONS.errorPagePath, {
        query: { server: ORIGIN, reason: 'ERR_CONNECTION_REFUSED' },
      }),
    );
    expect(window.loadURL).not.toHaveBeenCalledWith(expect.stringMatching(/^data:/));
  });

  it('ignores aborted loads, subframe failures and failures of other pages', () => {
    const window = open();
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', `${ORIGIN}/`, true);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${ORIGIN}/addin`, false);
    window.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', `file://${OPTIONS.errorPagePath}`, true);
    expect(window.loadFile).not.toHaveBeenCalled();
  });

  it('shows the error page when the renderer crashes, not when it exits cleanly', () => {
    const window = open();
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(window.loadFile).not.toHaveBeenCalled();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(window.loadFile).toHaveBeenCalledOnce();
  });
});

describe('focusMainWindow', () => {
  it('restores, shows and focuses', () => {
    const window = open();
    window.isMinimized.mockReturnValue(true);
    focusMainWindow(window);
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('does nothing without a window', () => {
    expect(() => focusMainWindow(undefined)).not.toThrow();
  });
});
