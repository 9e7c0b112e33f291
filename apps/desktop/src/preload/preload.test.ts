import { IPC_CHANNELS } from '@omnicc/shared';
import type { DesktopApi } from '@omnicc/shared';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createDesktopApi } from './api.js';

/** contextBridge and ipcRenderer faked: we see what the page would get. */
const fake = vi.hoisted(() => ({
  exposed: [] as { key: string; api: unknown }[],
  invoke: vi.fn((..._args: unknown[]): Promise<unknown> => Promise.resolve(undefined)),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => fake.invoke(...args),
    send: () => {
      throw new Error('the preload must not use send');
    },
    on: () => {
      throw new Error('the preload must not subscribe to channels');
    },
  },
}));

const API_KEYS: readonly (keyof DesktopApi)[] = ['appInfo', 'closeNotification', 'focusWindow', 'notify', 'setBadgeCount'];

describe('preload', () => {
  let api: Record<string, unknown>;

  beforeAll(async () => {
    await import('./preload.js');
    expect(fake.exposed).toHaveLength(1);
    expect(fake.exposed[0]!.key).toBe('desktop');
    api = fake.exposed[0]!.api as Record<string, unknown>;
  });

  it('exposes exactly the DesktopApi functions as window.desktop', () => {
    expect(Object.keys(api).sort()).toEqual([...API_KEYS].sort());
    expect(Object.keys(api).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    for (const key of API_KEYS) expect(typeof api[key]).toBe('function');
  });

  it('exposes nothing that could reach an arbitrary channel', () => {
    for (const key of Object.keys(api)) {
      expect(key).not.toMatch(/^(on|once|off|send|sendSync|invoke|postMessage|ipcRenderer|removeListener)/i);
    }
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('calls each function on its own channel', async () => {
    const desktop = api as unknown as DesktopApi;
    fake.invoke.mockClear();
    await desktop.notify({ title: 'New chat', body: 'from web' });
    await desktop.closeNotification('offer-1');
    await desktop.focusWindow();
    await desktop.setBadgeCount(2);
    expect(fake.invoke.mock.calls).toEqual([
      [IPC_CHANNELS.notify, { title: 'New chat', body: 'from web' }],
      [IPC_CHANNELS.closeNotification, 'offer-1'],
      [IPC_CHANNELS.focusWindow],
      [IPC_CHANNELS.setBadgeCount, 2],
    ]);
  });
});

describe('createDesktopApi', () => {
  it('returns appInfo after validating it', async () => {
    const info = { version: '0.1.0', platform: 'linux', electron: '38.8.6' };
    const desktop = createDesktopApi(() => Promise.resolve(info));
    await expect(desktop.appInfo()).resolves.toEqual(info);
  });

  it('rejects a malformed appInfo result instead of passing it on', async () => {
    const desktop = createDesktopApi(() => Promise.resolve({ version: 1 }));
    await expect(desktop.appInfo()).rejects.toThrow(/^INTERNAL: appInfo/);
  });

  it('drops whatever main returns for the void calls', async () => {
    const desktop = createDesktopApi(() => Promise.resolve({ leaked: true }));
    await expect(desktop.notify({ title: 't', body: 'b' })).resolves.toBeUndefined();
    await expect(desktop.closeNotification('offer-1')).resolves.toBeUndefined();
    await expect(desktop.focusWindow()).resolves.toBeUndefined();
    await expect(desktop.setBadgeCount(1)).resolves.toBeUndefined();
  });

  it("unwraps Electron's remote error to the coded message", async () => {
    const desktop = createDesktopApi(() =>
      Promise.reject(
        new Error("Error invoking remote method 'desktop:notify': Error: BAD_REQUEST: desktop:notify: title: Too small"),
      ),
    );
    await expect(desktop.notify({ title: '', body: '' })).rejects.toThrow(
      /^BAD_REQUEST: desktop:notify: title: Too small$/,
    );
  });

  it('passes a refused closeNotification on as its coded error', async () => {
    const desktop = createDesktopApi(() =>
      Promise.reject(
        new Error(
          "Error invoking remote method 'desktop:closeNotification': Error: FORBIDDEN: desktop:closeNotification: unknown window",
        ),
      ),
    );
    await expect(desktop.closeNotification('offer-1')).rejects.toThrow(
      /^FORBIDDEN: desktop:closeNotification: unknown window$/,
    );
  });

  it('codes an uncoded failure as INTERNAL', async () => {
    const desktop = createDesktopApi(() => Promise.reject(new Error('channel closed')));
    await expect(desktop.focusWindow()).rejects.toThrow(/^INTERNAL: channel closed$/);
  });
});
