import { app, Notification } from 'electron';
import type { DesktopApi } from '@omnicc/shared';

/**
 * What each DesktopApi call does in the main process, once ipc.ts has checked
 * the sender and parsed the arguments.
 */
export type DesktopActions = {
  [K in keyof DesktopApi]: (...args: Parameters<DesktopApi[K]>) => Awaited<ReturnType<DesktopApi[K]>>;
};

/** The window and tray operations the actions reach. */
export interface DesktopActionDeps {
  readonly focusWindow: () => void;
  readonly setWaitingCount: (count: number) => void;
}

/**
 * Notifications we still hold. Electron drops click handlers of notifications
 * that were garbage-collected, so recent ones are kept; the bound stops a
 * chatty page from growing the map without end (the oldest is let go, not
 * closed). Tagged ones are keyed by their tag so the page can replace or
 * close them; untagged ones get a key of their own.
 */
export const MAX_LIVE_NOTIFICATIONS = 20;

/** Builds the actions over Electron's Notification and app. */
export function createDesktopActions(deps: DesktopActionDeps): DesktopActions {
  const live = new Map<string | symbol, Notification>();

  /** Drops the entry only if it still holds this notification (a replacement may own the tag by now). */
  const forget = (key: string | symbol, notification: Notification): void => {
    if (live.get(key) === notification) live.delete(key);
  };

  const close = (tag: string): void => {
    const notification = live.get(tag);
    if (notification === undefined) return;
    live.delete(tag);
    notification.close();
  };

  return {
    notify: (input) => {
      // The web app also rings and shows an in-app toast, so a desktop
      // without OS notifications loses nothing; do not fail the call.
      if (!Notification.isSupported()) return;
      if (input.tag !== undefined) close(input.tag);
      const key = input.tag ?? Symbol('untagged notification');
      const notification = new Notification({ title: input.title, body: input.body });
      notification.on('click', () => {
        forget(key, notification);
        deps.focusWindow();
      });
      notification.on('close', () => forget(key, notification));
      live.set(key, notification);
      while (live.size > MAX_LIVE_NOTIFICATIONS) {
        const oldest = live.keys().next();
        if (oldest.done === true) break;
        live.delete(oldest.value);
      }
      notification.show();
    },
    closeNotification: (tag) => close(tag),
    focusWindow: () => deps.focusWindow(),
    setBadgeCount: (count) => {
      // Returns false where the OS has no badge (Windows); the tray tooltip
      // carries the count there.
      app.setBadgeCount(count);
      deps.setWaitingCount(count);
    },
    appInfo: () => ({
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron ?? 'unknown',
    }),
  };
}
