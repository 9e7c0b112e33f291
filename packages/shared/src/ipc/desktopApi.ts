import { z } from 'zod';

/**
 * The only surface the Electron preload exposes to the renderer, as
 * `window.desktop`. Named functions only: no generic channel access.
 * In the browser (B/S mode) `window.desktop` is undefined and the renderer
 * falls back to Web APIs.
 */
export interface DesktopApi {
  /** Shows an OS notification for a new offer; resolves when shown. */
  notify(input: NotifyInput): Promise<void>;
  /**
   * Closes the notification shown with this tag (the offer ended: accepted
   * elsewhere, timed out, withdrawn). An unknown or already closed tag is a no-op.
   */
  closeNotification(tag: string): Promise<void>;
  /** Brings the main window to the front (e.g. on accept from a notification). */
  focusWindow(): Promise<void>;
  /** Sets the tray/taskbar badge to the count of waiting offers. */
  setBadgeCount(count: number): Promise<void>;
  /** App version and platform, for the about box and bug reports. */
  appInfo(): Promise<AppInfo>;
}

export const IPC_CHANNELS = {
  notify: 'desktop:notify',
  closeNotification: 'desktop:closeNotification',
  focusWindow: 'desktop:focusWindow',
  setBadgeCount: 'desktop:setBadgeCount',
  appInfo: 'desktop:appInfo',
} as const;

/** Identifies an offer's notification, for notify (replace) and closeNotification. */
export const notificationTagSchema = z.string().max(64);

export const notifyInputSchema = z.object({
  title: z.string().min(1).max(120),
  body: z.string().max(400),
  /** Lets a later notification of the same offer replace or close this one. */
  tag: notificationTagSchema.optional(),
});
export type NotifyInput = z.infer<typeof notifyInputSchema>;

export const badgeCountSchema = z.number().int().min(0).max(999);

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  electron: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
