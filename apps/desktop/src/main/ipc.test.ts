import type { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNELS } from '@omnicc/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Electron faked at its boundary: ipcMain, app and Notification. */
const fake = vi.hoisted(() => {
  type Handler = (event: unknown, ...args: unknown[]) => unknown;
  const handlers = new Map<string, Handler>();
  const shown: { title: string; body: string; instance: unknown }[] = [];
  return { handlers, shown, supported: { value: true } };
});

vi.mock('electron', async () => {
  // Factories run before this file's imports: load what they need themselves.
  const { EventEmitter } = await import('node:events');
  class Notification extends EventEmitter {
    static isSupported = (): boolean => fake.supported.value;
    closed = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show(): void {
      fake.shown.push({ ...this.options, instance: this });
    }
    close(): void {
      this.closed = true;
    }
  }
  return {
    ipcMain: {
      handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
        if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        fake.handlers.set(channel, handler);
      }),
      removeHandler: vi.fn((channel: string) => fake.handlers.delete(channel)),
    },
    app: { setBadgeCount: vi.fn(() => true), getVersion: vi.fn(() => '1.2.3') },
    Notification,
  };
});

const { app } = await import('electron');
const { registerIpcHandlers } = await import('./ipc.js');
const { createDesktopActions } = await import('./actions.js');

const ORIGIN = 'http://127.0.0.1:8080';
const APP_CONTENTS = { id: 1 } as WebContents;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function senderEvent(
  options: { url?: string; subframe?: boolean; contents?: WebContents; gone?: boolean } = {},
): IpcMainInvokeEvent {
  const top: FakeFrame = { url: options.url ?? `${ORIGIN}/agent`, parent: null };
  const frame = options.subframe === true ? { url: options.url ?? `${ORIGIN}/addin`, parent: top } : top;
  return {
    senderFrame: options.gone === true ? null : frame,
    sender: options.contents ?? APP_CONTENTS,
  } as unknown as IpcMainInvokeEvent;
}

function invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
  const handler = fake.handlers.get(channel);
  if (handler === undefined) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler(event, ...args));
}

const focusWindow = vi.fn();
const setWaitingCount = vi.fn();
const log = vi.fn();
let unregister: () => void;

beforeEach(() => {
  fake.shown.length = 0;
  fake.supported.value = true;
  vi.mocked(app.setBadgeCount).mockClear();
  focusWindow.mockClear();
  setWaitingCount.mockClear();
  log.mockClear();
  unregister = registerIpcHandlers({
    serverOrigin: ORIGIN,
    log,
    isAppWebContents: (contents) => contents.id === APP_CONTENTS.id,
    actions: createDesktopActions({ focusWindow, setWaitingCount }),
  });
});

afterEach(() => unregister());

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per IPC_CHANNELS entry', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('removes them again', () => {
    unregister();
    expect(fake.handlers.size).toBe(0);
    unregister = () => undefined;
  });
});

describe('sender check', () => {
  it.each(Object.values(IPC_CHANNELS))('%s rejects another origin', async (channel) => {
    await expect(invoke(channel, senderEvent({ url: 'https://evil.org/' }))).rejects.toThrow(/^FORBIDDEN: /);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('FORBIDDEN'));
  });

  it.each(Object.values(IPC_CHANNELS))('%s rejects a subframe of our origin', async (channel) => {
    await expect(invoke(channel, senderEvent({ subframe: true }))).rejects.toThrow(/^FORBIDDEN: .*subframe/);
  });

  it('rejects the local error page, a destroyed frame and foreign webContents', async () => {
    await expect(
      invoke(IPC_CHANNELS.appInfo, senderEvent({ url: 'file:///app/out/static/error-page.html' })),
    ).rejects.toThrow(/^FORBIDDEN: /);
    await expect(invoke(IPC_CHANNELS.appInfo, senderEvent({ gone: true }))).rejects.toThrow(/^FORBIDDEN: /);
    await expect(
      invoke(IPC_CHANNELS.appInfo, senderEvent({ contents: { id: 99 } as WebContents })),
    ).rejects.toThrow(/^FORBIDDEN: .*unknown window/);
  });

  it('checks the sender before looking at the payload', async () => {
    await expect(invoke(IPC_CHANNELS.notify, senderEvent({ url: 'https://evil.org/' }), 'garbage')).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    expect(fake.shown).toEqual([]);
  });
});

describe('payload validation', () => {
  it.each([
    ['notify without arguments', IPC_CHANNELS.notify, []],
    ['notify with a string', IPC_CHANNELS.notify, ['hello']],
    ['notify with an empty title', IPC_CHANNELS.notify, [{ title: '', body: 'x' }]],
    ['notify with a huge body', IPC_CHANNELS.notify, [{ title: 't', body: 'x'.repeat(401) }]],
    ['notify with two arguments', IPC_CHANNELS.notify, [{ title: 't', body: 'b' }, 'extra']],
    ['setBadgeCount with a negative count', IPC_CHANNELS.setBadgeCount, [-1]],
    ['setBadgeCount with a fraction', IPC_CHANNELS.setBadgeCount, [1.5]],
    ['setBadgeCount with a string', IPC_CHANNELS.setBadgeCount, ['3']],
    ['setBadgeCount over the limit', IPC_CHANNELS.setBadgeCount, [1000]],
    ['focusWindow with an argument', IPC_CHANNELS.focusWindow, [1]],
    ['appInfo with an argument', IPC_CHANNELS.appInfo, [{}]],
  ])('%s -> BAD_REQUEST', async (_name, channel, args) => {
    await expect(invoke(channel, senderEvent(), ...args)).rejects.toThrow(/^BAD_REQUEST: /);
    expect(fake.shown).toEqual([]);
    expect(app.setBadgeCount).not.toHaveBeenCalled();
    expect(focusWindow).not.toHaveBeenCalled();
  });

  it('names the failing field', async () => {
    await expect(invoke(IPC_CHANNELS.notify, senderEvent(), { title: 42, body: 'x' })).rejects.toThrow(
      /^BAD_REQUEST: desktop:notify: title: /,
    );
  });
});

describe('good payloads', () => {
  it('notify shows an Electron Notification whose click focuses the window', async () => {
    await expect(invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'New call', body: 'VIP customer' })).resolves.toBe(
      undefined,
    );
    expect(fake.shown).toHaveLength(1);
    expect(fake.shown[0]).toMatchObject({ title: 'New call', body: 'VIP customer' });
    (fake.shown[0]!.instance as EventEmitter).emit('click');
    expect(focusWindow).toHaveBeenCalledOnce();
  });

  it('notify with the same tag replaces the earlier notification', async () => {
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'ringing', tag: 'offer-1' });
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'still ringing', tag: 'offer-1' });
    expect(fake.shown).toHaveLength(2);
    expect((fake.shown[0]!.instance as { closed: boolean }).closed).toBe(true);
    expect((fake.shown[1]!.instance as { closed: boolean }).closed).toBe(false);
  });

  it('notify resolves quietly where the OS has no notifications', async () => {
    fake.supported.value = false;
    await expect(invoke(IPC_CHANNELS.notify, senderEvent(), { title: 't', body: 'b' })).resolves.toBe(undefined);
    expect(fake.shown).toEqual([]);
  });

  it('setBadgeCount sets the app badge and the tray tooltip', async () => {
    await invoke(IPC_CHANNELS.setBadgeCount, senderEvent(), 3);
    expect(app.setBadgeCount).toHaveBeenCalledWith(3);
    expect(setWaitingCount).toHaveBeenCalledWith(3);
  });

  it('focusWindow focuses the window', async () => {
    await invoke(IPC_CHANNELS.focusWindow, senderEvent());
    expect(focusWindow).toHaveBeenCalledOnce();
  });

  it('appInfo returns version, platform and Electron version', async () => {
    const info = await invoke(IPC_CHANNELS.appInfo, senderEvent());
    expect(info).toEqual({
      version: '1.2.3',
      platform: process.platform,
      electron: process.versions.electron ?? 'unknown',
    });
  });

  it('an unexpected failure inside an action becomes INTERNAL', async () => {
    vi.mocked(app.setBadgeCount).mockImplementationOnce(() => {
      throw new Error('dbus gone');
    });
    await expect(invoke(IPC_CHANNELS.setBadgeCount, senderEvent(), 1)).rejects.toThrow(
      /^INTERNAL: desktop:setBadgeCount: dbus gone/,
    );
  });
});
