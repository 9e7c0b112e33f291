import type { DesktopApi } from '@omnicc/shared';

declare global {
  interface Window {
    /** Present only inside Electron (set by the preload); undefined in the browser (B/S mode). */
    desktop?: DesktopApi;
  }
}

/** The Electron bridge when running in the desktop app, else undefined. */
export const desktopApi = (): DesktopApi | undefined => (typeof window === 'undefined' ? undefined : window.desktop);

/** Sets the taskbar/tray badge; a no-op in the browser. Failures never reach the agent. */
export function setBadgeCount(count: number): void {
  desktopApi()
    ?.setBadgeCount(Math.min(999, Math.max(0, Math.trunc(count))))
    .catch(() => {
      // Badge is a convenience; the inbox shows the same count.
    });
}
