import { ERROR_CODES, IPC_CHANNELS, appInfoSchema } from '@omnicc/shared';
import type { AppInfo, DesktopApi, NotifyInput } from '@omnicc/shared';

/** ipcRenderer.invoke, passed in so the API is built and tested without Electron. */
export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

const CODED_MESSAGE = new RegExp(`(?:${ERROR_CODES.join('|')}): [\\s\\S]*$`);

/**
 * Electron wraps a handler's error as "Error invoking remote method '...':
 * Error: CODE: detail"; hand the page just "CODE: detail" so it can branch on
 * the code like on every other coded error of the app.
 */
function unwrapRemoteError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const coded = CODED_MESSAGE.exec(message);
  return new Error(coded === null ? `INTERNAL: ${message}` : coded[0]);
}

async function call(invoke: Invoke, channel: string, ...args: unknown[]): Promise<unknown> {
  try {
    return await invoke(channel, ...args);
  } catch (error) {
    throw unwrapRemoteError(error);
  }
}

/**
 * The object exposed as `window.desktop`: exactly the DesktopApi functions,
 * each bound to its own channel. No channel name ever comes from the page,
 * and results are parsed before the page sees them.
 */
export function createDesktopApi(invoke: Invoke): DesktopApi {
  const api: DesktopApi = {
    notify: async (input: NotifyInput): Promise<void> => {
      await call(invoke, IPC_CHANNELS.notify, input);
    },
    closeNotification: async (tag: string): Promise<void> => {
      await call(invoke, IPC_CHANNELS.closeNotification, tag);
    },
    focusWindow: async (): Promise<void> => {
      await call(invoke, IPC_CHANNELS.focusWindow);
    },
    setBadgeCount: async (count: number): Promise<void> => {
      await call(invoke, IPC_CHANNELS.setBadgeCount, count);
    },
    appInfo: async (): Promise<AppInfo> => {
      const result = appInfoSchema.safeParse(await call(invoke, IPC_CHANNELS.appInfo));
      if (!result.success) throw new Error('INTERNAL: appInfo returned an unexpected shape');
      return result.data;
    },
  };
  return Object.freeze(api);
}
