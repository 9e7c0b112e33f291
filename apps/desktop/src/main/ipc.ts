import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { ERROR_CODES, IPC_CHANNELS, badgeCountSchema, notificationTagSchema, notifyInputSchema } from '@omnicc/shared';
import type { DesktopApi, ErrorCode } from '@omnicc/shared';
import type { DesktopActions } from './actions.js';
import { isTrustedOrigin } from './security.js';

/**
 * The IPC edge of the main process: one `ipcMain.handle` per DesktopApi
 * function. Every call proves where it comes from (our window, its top frame,
 * the server origin) before its arguments are even parsed.
 */

/** The slice of a zod schema we use (zod itself is a dependency of shared). */
interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * An Error whose message starts with a shared ErrorCode. Only the message
 * crosses IPC, so the code lives there: `BAD_REQUEST: desktop:notify: ...`.
 */
export function ipcError(code: ErrorCode, message: string): Error {
  return new Error(`${code}: ${message}`);
}

const CODED_MESSAGE = new RegExp(`^(?:${ERROR_CODES.join('|')}): `);

function parseNone(channel: string, args: readonly unknown[]): [] {
  if (args.length !== 0) throw ipcError('BAD_REQUEST', `${channel}: takes no arguments, got ${args.length}`);
  return [];
}

function parseSingle<T>(channel: string, args: readonly unknown[], schema: Schema<T>): [T] {
  if (args.length !== 1) throw ipcError('BAD_REQUEST', `${channel}: takes 1 argument, got ${args.length}`);
  const result = schema.safeParse(args[0]);
  if (!result.success) {
    const detail = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(value)'}: ${issue.message}`)
      .join('; ');
    throw ipcError('BAD_REQUEST', `${channel}: ${detail}`);
  }
  return [result.data];
}

type ArgumentParsers = {
  [K in keyof DesktopApi]: (channel: string, args: readonly unknown[]) => Parameters<DesktopApi[K]>;
};

/** Arity and zod schema of each call; a missing entry is a compile error. */
const ARGUMENT_PARSERS: ArgumentParsers = {
  notify: (channel, args) => parseSingle(channel, args, notifyInputSchema),
  closeNotification: (channel, args) => parseSingle(channel, args, notificationTagSchema),
  focusWindow: parseNone,
  setBadgeCount: (channel, args) => parseSingle(channel, args, badgeCountSchema),
  appInfo: parseNone,
};

/** Every DesktopApi function has a channel (compile-time check). */
const CHANNELS: Readonly<Record<keyof DesktopApi, string>> = IPC_CHANNELS;

/** What registerIpcHandlers needs. */
export interface IpcOptions {
  readonly serverOrigin: string;
  readonly actions: DesktopActions;
  /** True only for the webContents of our main window. */
  readonly isAppWebContents: (contents: WebContents) => boolean;
  /** Where refused senders are reported; console in production. */
  readonly log?: (message: string) => void;
}

/**
 * Rejects a call unless it comes from the top frame of our window showing
 * the server origin. Subframes (add-ins) and any other page, including the
 * local error page, get FORBIDDEN.
 * @throws Error `FORBIDDEN: ...`
 */
export function assertTrustedSender(event: IpcMainInvokeEvent, channel: string, options: IpcOptions): void {
  const frame = event.senderFrame;
  if (frame === null) throw ipcError('FORBIDDEN', `${channel}: sender frame is gone`);
  if (frame.parent !== null) throw ipcError('FORBIDDEN', `${channel}: subframes may not call the desktop API`);
  if (!isTrustedOrigin(frame.url, options.serverOrigin)) {
    throw ipcError('FORBIDDEN', `${channel}: sender is not ${options.serverOrigin}`);
  }
  if (!options.isAppWebContents(event.sender)) throw ipcError('FORBIDDEN', `${channel}: unknown window`);
}

/**
 * Registers one handler per IPC_CHANNELS entry.
 * @returns a function that removes them again (tests, shutdown).
 */
export function registerIpcHandlers(options: IpcOptions): () => void {
  const names = Object.keys(CHANNELS) as (keyof DesktopApi)[];
  const log = options.log ?? ((message: string) => console.warn(message));
  for (const name of names) {
    const channel = CHANNELS[name];
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      try {
        assertTrustedSender(event, channel, options);
        const parsed = ARGUMENT_PARSERS[name](channel, args);
        // TS cannot correlate `name` across the two mapped types; the
        // ArgumentParsers type above guarantees the pairing.
        const action = options.actions[name] as (...values: readonly unknown[]) => unknown;
        return await action(...parsed);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // A refused sender is a security event worth a log line; bad payloads are bugs in the page.
        if (message.startsWith('FORBIDDEN: ')) log(`[ipc] ${message}`);
        if (CODED_MESSAGE.test(message)) throw error;
        throw ipcError('INTERNAL', `${channel}: ${message}`);
      }
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(CHANNELS[name]);
  };
}
