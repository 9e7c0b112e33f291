// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '@omnicc/shared';
import { useOffersStore } from '../stores/offersStore.js';
import { fakeNotifier, fakeRinger } from '../testing/fakes.js';
import { makeOffer, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { startOfferAlerts } from './offerAlerts.js';
import { createSystemNotifier } from './systemNotifier.js';

const describeOffer = () => ({ title: 'New chat', body: 'waiting' });

describe('offer alerts', () => {
  beforeEach(resetAllStores);

  it('rings while any offer rings and stops when the last one ends', () => {
    const ringer = fakeRinger();
    const setBadge = vi.fn();
    const stop = startOfferAlerts({ ringer, notifier: fakeNotifier(), isHidden: () => false, describe: describeOffer, setBadge });
    expect(ringer.ringing).toBe(false);

    useOffersStore.getState().add(makeOffer(1));
    useOffersStore.getState().add(makeOffer(2));
    expect(ringer.ringing).toBe(true);
    expect(ringer.starts).toBe(1);
    expect(setBadge).toHaveBeenLastCalledWith(2);

    useOffersStore.getState().end(uuid(101));
    expect(ringer.ringing).toBe(true);
    useOffersStore.getState().end(uuid(102));
    expect(ringer.ringing).toBe(false);
    expect(setBadge).toHaveBeenLastCalledWith(0);
    stop();
  });

  it('stops the ring when a snapshot has no offers left', () => {
    const ringer = fakeRinger();
    const stop = startOfferAlerts({ ringer, notifier: fakeNotifier(), isHidden: () => false, describe: describeOffer });
    useOffersStore.getState().add(makeOffer(1));
    useOffersStore.getState().replace([]);
    expect(ringer.ringing).toBe(false);
    stop();
  });

  it('notifies the OS only while hidden, and closes each notification when its offer ends', () => {
    const notifier = fakeNotifier();
    let hidden = false;
    const stop = startOfferAlerts({ ringer: fakeRinger(), notifier, isHidden: () => hidden, describe: describeOffer });
    useOffersStore.getState().add(makeOffer(1));
    expect(notifier.show).not.toHaveBeenCalled();
    hidden = true;
    useOffersStore.getState().add(makeOffer(2));
    expect(notifier.show).toHaveBeenCalledTimes(1);
    expect(notifier.show).toHaveBeenCalledWith(uuid(102), 'New chat', 'waiting');
    useOffersStore.getState().end(uuid(102));
    expect(notifier.close).toHaveBeenCalledWith(uuid(102));
    stop();
  });

  it('silences everything when stopped (sign-out)', () => {
    const ringer = fakeRinger();
    const setBadge = vi.fn();
    const stop = startOfferAlerts({ ringer, notifier: fakeNotifier(), isHidden: () => false, describe: describeOffer, setBadge });
    useOffersStore.getState().add(makeOffer(1));
    stop();
    expect(ringer.ringing).toBe(false);
    expect(setBadge).toHaveBeenLastCalledWith(0);
    useOffersStore.getState().add(makeOffer(2));
    expect(ringer.ringing).toBe(false);
  });

  it('inside Electron, closes the OS notification through window.desktop when the offer ends', () => {
    const desktop = {
      notify: vi.fn(() => Promise.resolve()),
      closeNotification: vi.fn((_tag: string) => Promise.resolve()),
      focusWindow: vi.fn(() => Promise.resolve()),
      setBadgeCount: vi.fn(() => Promise.resolve()),
      appInfo: vi.fn(() => Promise.resolve({ version: '0', platform: 'linux', electron: '0' })),
    } satisfies DesktopApi;
    const notifier = createSystemNotifier({ desktop, focus: vi.fn() });
    const stop = startOfferAlerts({ ringer: fakeRinger(), notifier, isHidden: () => true, describe: describeOffer });

    useOffersStore.getState().add(makeOffer(1));
    useOffersStore.getState().add(makeOffer(2));
    expect(desktop.notify).toHaveBeenCalledTimes(2);
    expect(desktop.notify).toHaveBeenCalledWith({ title: 'New chat', body: 'waiting', tag: uuid(101) });
    expect(desktop.closeNotification).not.toHaveBeenCalled();

    useOffersStore.getState().end(uuid(101)); // accepted elsewhere, timed out or withdrawn
    expect(desktop.closeNotification).toHaveBeenCalledExactlyOnceWith(uuid(101));

    stop(); // sign-out: the remaining one goes too
    expect(desktop.closeNotification.mock.calls).toEqual([[uuid(101)], [uuid(102)]]);
  });
});
