import { EventEmitter } from 'node:events';
import { IPC_CHANNELS } from '@omnicc/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The entry point against a faked Electron: order of the lifecycle calls,
 * single-instance lock, guards on every webContents, config errors.
 */
const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const session: Record<string, unknown> = {};
  return {
    calls,
    lock: { value: true },
    ready: { resolve: (): void => undefined },
    windows: [] as { options: { webPreferences: Record<string, unknown> }; focus: () => void }[],
    handlers: new Map<string, unknown>(),
    session,
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const record =
    (name: string, result?: unknown) =>
    (..._args: unknown[]): unknown => {
      fake.calls.push(name);
      return result;
    };
  const app = Object.assign(new Emitter(), {
    enableSandbox: vi.fn(record('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      fake.calls.push('requestSingleInstanceLock');
      return fake.lock.value;
    }),
    quit: vi.fn(record('quit')),
    exit: vi.fn(record('exit')),
    whenReady: vi.fn(() => {
      fake.calls.push('whenReady');
      return new Promise<void>((resolve) => (fake.ready.resolve = resolve));
    }),
    getLocale: () => 'en-US',
    getVersion: () => '0.1.0',
    setBadgeCount: vi.fn(),
    setAppUserModelId: vi.fn(),
    isPackaged: true,
  });
  class BrowserWindow extends Emitter {
    webContents = Object.assign(new Emitter(), { id: 7 });
    loadURL = vi.fn(() => Promise.resolve());
    loadFile = vi.fn(() => Promise.resolve());
    isDestroyed = (): boolean => false;
    isMinimized = (): boolean => false;
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn(record('window.focus'));
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      fake.windows.push(this);
    }
  }
  class Tray extends Emitter {
    setToolTip = vi.fn();
    setContextMenu = vi.fn();
    isDestroyed = (): boolean => false;
    destroy = vi.fn();
  }
  const session = {
    setPermissionRequestHandler: vi.fn((h: unknown) => (fake.session['request'] = h)),
    setPermissionCheckHandler: vi.fn((h: unknown) => (fake.session['check'] = h)),
    setDevicePermissionHandler: vi.fn((h: unknown) => (fake.session['device'] = h)),
    webRequest: { onHeadersReceived: vi.fn((h: unknown) => (fake.session['headers'] = h)) },
  };
  return {
    app,
    BrowserWindow,
    Tray,
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromPath: () => ({}) },
    dialog: { showErrorBox: vi.fn(record('showErrorBox')) },
    session: { defaultSession: session },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    ipcMain: {
      handle: (channel: string, handler: unknown) => fake.handlers.set(channel, handler),
      removeHandler: (channel: string) => fake.handlers.delete(channel),
    },
    Notification: Object.assign(class {}, { isSupported: () => false }),
  };
});

const electron = await import('electron');
const app = electron.app as unknown as EventEmitter & { removeAllListeners(): void };

const savedArgv = process.argv;

async function startMain(argv: string[] = []): Promise<void> {
  process.argv = ['electron', 'out/main/main.cjs', ...argv];
  vi.resetModules();
  await import('./main.js');
}

beforeEach(() => {
  fake.calls.length = 0;
  fake.lock.value = true;
  fake.windows.length = 0;
  fake.handlers.clear();
  app.removeAllListeners();
  delete process.env['OMNICC_SERVER_URL'];
});

afterEach(() => {
  process.argv = savedArgv;
});

describe('main', () => {
  it('enables the sandbox and takes the single-instance lock before waiting for ready', async () => {
    await startMain();
    expect(fake.calls.slice(0, 3)).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'whenReady']);
  });

  it('quits at once when another instance holds the lock', async () => {
    fake.lock.value = false;
    await startMain();
    expect(fake.calls).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'quit']);
    expect(fake.windows).toHaveLength(0);
  });

  it('refuses a bad --server-url with a message box and exit code 2', async () => {
    await startMain(['--server-url=file:///etc/passwd']);
    expect(fake.calls).toEqual(['showErrorBox', 'exit']);
    expect(electron.app.exit).toHaveBeenCalledWith(2);
  });

  it('applies the guards to every webContents Electron creates', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await startMain(['--server-url=https://cc.example.com']);
    const contents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: vi.fn(),
      getURL: () => 'https://cc.example.com/',
    });
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    const event = { url: 'https://evil.org/', isMainFrame: true, preventDefault: vi.fn() };
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('will-navigate blocked'));
    warn.mockRestore();
  });

  it('on ready: session policy, IPC handlers, one hardened window on the server URL', async () => {
    await startMain(['--server-url=https://cc.example.com:8443/agent']);
    fake.ready.resolve();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));

    expect(Object.keys(fake.session).sort()).toEqual(['check', 'device', 'headers', 'request']);
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();

    const window = fake.windows[0]! as unknown as {
      options: { webPreferences: Record<string, unknown> };
      loadURL: ReturnType<typeof vi.fn>;
    };
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(String(window.options.webPreferences['preload'])).toMatch(/preload[/\\]preload\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('https://cc.example.com:8443/');
  });

  it('a second launch focuses the existing window', async () => {
    await startMain();
    fake.ready.resolve();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(fake.calls).toContain('window.focus');
  });
});
