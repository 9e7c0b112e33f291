// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { Mock } from 'vitest';
import type { DesktopApi } from '@omnicc/shared';
import { createSystemNotifier } from './systemNotifier.js';

function fakeDesktop(): DesktopApi & {
  notify: Mock<DesktopApi['notify']>;
  closeNotification: Mock<DesktopApi['closeNotification']>;
} {
  return {
    notify: vi.fn<DesktopApi['notify']>(() => Promise.resolve()),
    closeNotification: vi.fn<DesktopApi['closeNotification']>(() => Promise.resolve()),
    focusWindow: vi.fn(() => Promise.resolve()),
    setBadgeCount: vi.fn(() => Promise.resolve()),
    appInfo: vi.fn(() => Promise.resolve({ version: '0', platform: 'linux', electron: '0' })),
  };
}

describe('system notifier', () => {
  it('uses window.desktop inside Electron, clipped to the bridge limits', () => {
    const desktop = fakeDesktop();
    const notifier = createSystemNotifier({ desktop, focus: vi.fn() });
    notifier.show('offer-1', 'T'.repeat(200), 'body');
    expect(desktop.notify).toHaveBeenCalledWith({ title: `${'T'.repeat(119)}…`, body: 'body', tag: 'offer-1' });
  });

  it('closes the Electron notification by tag when the offer ends', async () => {
    const desktop = fakeDesktop();
    const notifier = createSystemNotifier({ desktop, focus: vi.fn() });
    notifier.show('offer-1', 'New chat', 'Li Lei is waiting');
    notifier.close('offer-1');
    expect(desktop.closeNotification).toHaveBeenCalledExactlyOnceWith('offer-1');
    notifier.close('offer-1'); // already closed
    notifier.close('offer-2'); // never shown: no IPC round trip
    expect(desktop.closeNotification).toHaveBeenCalledTimes(1);

    // A long tag is clipped the same way for notify and closeNotification.
    const long = 'x'.repeat(80);
    notifier.show(long, 't', 'b');
    notifier.close(long);
    const shownTag = desktop.notify.mock.calls[1]![0].tag;
    expect(shownTag).toHaveLength(64);
    expect(desktop.closeNotification).toHaveBeenLastCalledWith(shownTag);

    // A refusal from main never reaches the caller.
    desktop.closeNotification.mockImplementationOnce(() => Promise.reject(new Error('FORBIDDEN: x')));
    notifier.show('offer-3', 't', 'b');
    expect(() => notifier.close('offer-3')).not.toThrow();
    await Promise.resolve();
  });

  it('uses Web Notifications in the browser once permitted, and closes them by tag', () => {
    const instances: { title: string; close: ReturnType<typeof vi.fn> }[] = [];
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = vi.fn(() => Promise.resolve('granted'));
      close = vi.fn();
      onclick: (() => void) | null = null;
      constructor(readonly title: string) {
        instances.push(this);
      }
    }
    const notifier = createSystemNotifier({ Notification: FakeNotification as unknown as typeof Notification, focus: vi.fn() });
    notifier.show('offer-1', 'New chat', 'Li Lei is waiting');
    expect(instances.map((n) => n.title)).toEqual(['New chat']);
    notifier.close('offer-1');
    expect(instances[0]!.close).toHaveBeenCalled();
    notifier.requestPermission();
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled(); // already decided
    FakeNotification.permission = 'default';
    notifier.requestPermission();
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
  });

  it('shows nothing without permission', () => {
    const ctor = vi.fn();
    const N = Object.assign(ctor, { permission: 'denied' }) as unknown as typeof Notification;
    createSystemNotifier({ Notification: N, focus: vi.fn() }).show('x', 't', 'b');
    expect(ctor).not.toHaveBeenCalled();
  });
});
