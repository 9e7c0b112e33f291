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
 * chatty page from growing the list without end.
 */
const MAX_LIVE_NOTIFICATIONS = 20;

interface LiveNotification {
  readonly tag: string | undefined;
  readonly notification: Notification;
}

/** Builds the actions over Electron's Notification and app. */
export function createDesktopActions(deps: DesktopActionDeps): DesktopActions {
  let live: LiveNotification[] = [];

  const forget = (notification: Notification): void => {
    live = live.filter((entry) => entry.notification !== notification);
  };

  return {
    notify: (input) => {
      // The web app also rings and shows an in-app toast, so a desktop
      // without OS notifications loses nothing; do not fail the call.
      if (!Notification.isSupported()) return;
      if (input.tag !== undefined) {
        for (const entry of live.filter((item) => item.tag === input.tag)) {
          entry.notification.close();
          forget(entry.notification);
        }
      }
      const notification = new Notification({ title: input.title, body: input.body });
      notification.on('click', () => {
        deps.focusWindow();
        forget(notification);
      });
      notification.on('close', () => forget(notification));
      live.push({ tag: input.tag, notification });
      if (live.length > MAX_LIVE_NOTIFICATIONS) live = live.slice(-MAX_LIVE_NOTIFICATIONS);
      notification.show();
    },
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
