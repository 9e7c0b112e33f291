import { Menu, Tray, nativeImage } from 'electron';
import type { MainMessages } from './i18n.js';

/** The tray as the rest of main sees it. */
export interface AppTray {
  /** Shows the number of waiting offers in the tooltip. */
  setWaitingCount(count: number): void;
  destroy(): void;
}

/** What the tray needs. */
export interface TrayOptions {
  readonly iconPath: string;
  readonly messages: MainMessages;
  readonly onShow: () => void;
  readonly onQuit: () => void;
}

/** Used where the desktop has no tray (some Linux sessions): badge-only. */
const NO_TRAY: AppTray = { setWaitingCount: () => undefined, destroy: () => undefined };

/**
 * Creates the tray icon with Show and Quit. Never throws: a desktop without a
 * status area still gets a working app, only without the icon.
 */
export function createTray(options: TrayOptions): AppTray {
  let tray: Tray;
  try {
    tray = new Tray(nativeImage.createFromPath(options.iconPath));
  } catch (error) {
    console.warn(`[tray] not available: ${String(error)}`);
    return NO_TRAY;
  }
  const { messages } = options;
  tray.setToolTip(messages.trayTooltip(0));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: messages.trayShow, click: () => options.onShow() },
      { type: 'separator' },
      { label: messages.trayQuit, click: () => options.onQuit() },
    ]),
  );
  // Windows users expect a left click on the icon to bring the window back.
  tray.on('click', () => options.onShow());

  return {
    setWaitingCount: (count) => {
      if (!tray.isDestroyed()) tray.setToolTip(messages.trayTooltip(count));
    },
    destroy: () => {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
