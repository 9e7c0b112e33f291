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
const { createDesktopActions, MAX_LIVE_NOTIFICATIONS } = await import('./actions.js');

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

/** Whether each shown notification has been closed, in show order. */
const shownClosed = (): boolean[] => fake.shown.map((entry) => (entry.instance as { closed: boolean }).closed);

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

  it('closeNotification from an untrusted sender closes nothing', async () => {
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'ringing', tag: 'offer-1' });
    for (const event of [
      senderEvent({ url: 'https://evil.org/' }),
      senderEvent({ subframe: true }),
      senderEvent({ contents: { id: 99 } as WebContents }),
    ]) {
      await expect(invoke(IPC_CHANNELS.closeNotification, event, 'offer-1')).rejects.toThrow(/^FORBIDDEN: /);
    }
    expect(shownClosed()).toEqual([false]);
  });
});

describe('payload validation', () => {
  it.each([
    ['notify without arguments', IPC_CHANNELS.notify, []],
    ['notify with a string', IPC_CHANNELS.notify, ['hello']],
    ['notify with an empty title', IPC_CHANNELS.notify, [{ title: '', body: 'x' }]],
    ['notify with a huge body', IPC_CHANNELS.notify, [{ title: 't', body: 'x'.repeat(401) }]],
    ['notify with two arguments', IPC_CHANNELS.notify, [{ title: 't', body: 'b' }, 'extra']],
    ['notify with a tag over 64 chars', IPC_CHANNELS.notify, [{ title: 't', body: 'b', tag: 'x'.repeat(65) }]],
    ['closeNotification without arguments', IPC_CHANNELS.closeNotification, []],
    ['closeNotification with a number', IPC_CHANNELS.closeNotification, [1]],
    ['closeNotification with an object', IPC_CHANNELS.closeNotification, [{ tag: 'offer-1' }]],
    ['closeNotification with a tag over 64 chars', IPC_CHANNELS.closeNotification, ['x'.repeat(65)]],
    ['closeNotification with two arguments', IPC_CHANNELS.closeNotification, ['offer-1', 'offer-2']],
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

  it('a malformed closeNotification closes nothing', async () => {
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'ringing', tag: 'x'.repeat(64) });
    await expect(invoke(IPC_CHANNELS.closeNotification, senderEvent(), 'x'.repeat(65))).rejects.toThrow(
      /^BAD_REQUEST: desktop:closeNotification: \(value\): /,
    );
    await expect(invoke(IPC_CHANNELS.closeNotification, senderEvent(), ['x'.repeat(64)])).rejects.toThrow(
      /^BAD_REQUEST: desktop:closeNotification: /,
    );
    expect(shownClosed()).toEqual([false]);
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

  it('closeNotification closes the notification shown with that tag, and only that one', async () => {
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer 1', body: 'ringing', tag: 'offer-1' });
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer 2', body: 'ringing', tag: 'offer-2' });
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Untagged', body: 'note' });
    await expect(invoke(IPC_CHANNELS.closeNotification, senderEvent(), 'offer-2')).resolves.toBe(undefined);
    expect(shownClosed()).toEqual([false, true, false]);
    // Forgotten once closed: a second close does not reach it again.
    const closeSpy = vi.spyOn(fake.shown[1]!.instance as { close: () => void }, 'close');
    await expect(invoke(IPC_CHANNELS.closeNotification, senderEvent(), 'offer-2')).resolves.toBe(undefined);
    expect(closeSpy).not.toHaveBeenCalled();
  });

  it('closeNotification of an unknown tag is a no-op', async () => {
    await expect(invoke(IPC_CHANNELS.closeNotification, senderEvent(), 'never-shown')).resolves.toBe(undefined);
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'ringing', tag: 'offer-1' });
    await expect(invoke(IPC_CHANNELS.closeNotification, senderEvent(), 'offer-10')).resolves.toBe(undefined);
    await expect(invoke(IPC_CHANNELS.closeNotification, senderEvent(), '')).resolves.toBe(undefined);
    expect(shownClosed()).toEqual([false]);
    expect(log).not.toHaveBeenCalled();
  });

  it.each(['close', 'click'])('a notification that emitted %s is forgotten', async (eventName) => {
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'ringing', tag: 'offer-1' });
    const instance = fake.shown[0]!.instance as EventEmitter & { close: () => void };
    const closeSpy = vi.spyOn(instance, 'close');
    instance.emit(eventName);
    await invoke(IPC_CHANNELS.closeNotification, senderEvent(), 'offer-1');
    expect(closeSpy).not.toHaveBeenCalled();
  });

  it("a replaced notification's late close event leaves its replacement closable", async () => {
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'ringing', tag: 'offer-1' });
    await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'still ringing', tag: 'offer-1' });
    (fake.shown[0]!.instance as EventEmitter).emit('close');
    await invoke(IPC_CHANNELS.closeNotification, senderEvent(), 'offer-1');
    expect(shownClosed()).toEqual([true, true]);
  });

  it('holds at most MAX_LIVE_NOTIFICATIONS, letting the oldest go', async () => {
    for (let i = 0; i <= MAX_LIVE_NOTIFICATIONS; i += 1) {
      await invoke(IPC_CHANNELS.notify, senderEvent(), { title: 'Offer', body: 'ringing', tag: `offer-${i}` });
    }
    await invoke(IPC_CHANNELS.closeNotification, senderEvent(), 'offer-0');
    await invoke(IPC_CHANNELS.closeNotification, senderEvent(), `offer-${MAX_LIVE_NOTIFICATIONS}`);
    const closed = shownClosed();
    expect(closed[0]).toBe(false); // evicted: no longer reachable, not closed either
    expect(closed[MAX_LIVE_NOTIFICATIONS]).toBe(true);
    expect(closed.filter(Boolean)).toHaveLength(1);
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
