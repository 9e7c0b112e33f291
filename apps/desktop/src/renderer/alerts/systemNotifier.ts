import type { DesktopApi } from '@omnicc/shared';
import { desktopApi } from '../platform/desktop.js';

/** OS-level notifications for offers that ring while the window is hidden. */
export interface SystemNotifier {
  show(tag: string, title: string, body: string): void;
  /** Removes the notification of an offer that ended (where the platform allows it). */
  close(tag: string): void;
  /** Asks for permission; call from a user gesture (sign-in, going ready). */
  requestPermission(): void;
}

export interface NotifierEnvironment {
  desktop?: DesktopApi | undefined;
  Notification?: typeof Notification | undefined;
  focus: () => void;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Uses the Electron bridge when present (window.desktop), else the Web
 * Notifications API. Titles and bodies are clipped to the bridge's limits.
 */
export function createSystemNotifier(env: NotifierEnvironment = browserEnvironment()): SystemNotifier {
  const open = new Map<string, Notification>();
  /** Tags shown through the Electron bridge and not yet closed. */
  const shownOnDesktop = new Set<string>();
  return {
    show(tag, title, body) {
      const input = { title: clip(title, 120), body: clip(body, 400), tag: clip(tag, 64) };
      if (env.desktop) {
        shownOnDesktop.add(input.tag);
        env.desktop.notify(input).catch(() => {
          // The main process refused (e.g. notifications off): the toast and ring remain.
        });
        return;
      }
      const N = env.Notification;
      if (!N || N.permission !== 'granted') return;
      try {
        const n = new N(input.title, { body: input.body, tag: input.tag });
        n.onclick = () => {
          env.focus();
          n.close();
        };
        open.set(tag, n);
      } catch {
        // Some browsers only allow notifications from a service worker.
      }
    },
    close(tag) {
      const desktopTag = clip(tag, 64);
      // Only offers we notified about: the others would be a pointless IPC round trip.
      if (env.desktop && shownOnDesktop.delete(desktopTag)) {
        env.desktop.closeNotification(desktopTag).catch(() => {
          // Already gone or refused: the OS expires it in the end.
        });
      }
      open.get(tag)?.close();
      open.delete(tag);
    },
    requestPermission() {
      const N = env.Notification;
      if (env.desktop || !N || N.permission !== 'default') return;
      N.requestPermission().catch(() => {
        // Denied or dismissed: offers still ring and toast in the page.
      });
    },
  };
}

function browserEnvironment(): NotifierEnvironment {
  return {
    desktop: desktopApi(),
    Notification: typeof Notification === 'undefined' ? undefined : Notification,
    focus: () => window.focus(),
  };
}
