import type { WebPreferences } from 'electron';

/**
 * The security policy of the desktop as pure functions and constants, so that
 * every rule is unit tested without Electron. `guards.ts` wires them onto
 * sessions and webContents. Why each setting: docs/desktop-security.md.
 */

/**
 * webPreferences of every window we create. The page is remote content (the
 * CTI server's web app), so it gets exactly the powers of a browser tab; its
 * only way to the OS is the preload's `window.desktop`.
 */
export const HARDENED_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences);

/**
 * The hardened preferences plus the preload script and whether DevTools may
 * open (only in unpackaged dev builds).
 */
export function webPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return { ...HARDENED_WEB_PREFERENCES, preload: preloadPath, devTools: options.devTools };
}

/** The origin of `url`, or `undefined` when it does not parse. */
function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * True when `url` belongs to the server origin (scheme, host and port all
 * equal). Opaque origins (`data:`, `file:`, `about:`) never match.
 */
export function isTrustedOrigin(url: string, serverOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== undefined && origin !== 'null' && origin === serverOrigin;
}

/** What a permission request or check asks for, in Electron-neutral terms. */
export interface PermissionQuery {
  /** Electron's permission name, e.g. `media`, `notifications`, `geolocation`. */
  readonly permission: string;
  /** URL (or origin) of the requesting frame; missing means unknown: deny. */
  readonly requestingUrl: string | undefined;
  /** Whether the top frame asks; add-in iframes never get device access. */
  readonly isMainFrame: boolean;
  /** For `media`: the kinds asked for (`audio`, `video`, `unknown`). */
  readonly mediaTypes: readonly string[];
}

/**
 * The permission policy: the softphone's microphone and offer notifications,
 * for the top frame of the server origin. Everything else (camera, screen,
 * geolocation, clipboard, MIDI, HID, ...) is denied.
 */
export function isPermissionAllowed(query: PermissionQuery, serverOrigin: string): boolean {
  if (query.requestingUrl === undefined || !isTrustedOrigin(query.requestingUrl, serverOrigin)) return false;
  if (!query.isMainFrame) return false;
  switch (query.permission) {
    case 'notifications':
      return true;
    case 'media':
      // An empty list would be "whatever the page wants"; demand audio only.
      return query.mediaTypes.length > 0 && query.mediaTypes.every((type) => type === 'audio');
    default:
      return false;
  }
}

/** URLs a subframe may show without being from the server origin. */
const SUBFRAME_LOCAL_URLS = new Set(['about:blank', 'about:srcdoc']);

/**
 * Navigation policy for will-navigate / will-frame-navigate / will-redirect:
 * the server origin only. Subframes may also be blank or srcdoc documents
 * (add-in sandboxes), whose content the server origin's CSP still governs.
 */
export function isNavigationAllowed(url: string, isMainFrame: boolean, serverOrigin: string): boolean {
  if (isTrustedOrigin(url, serverOrigin)) return true;
  return !isMainFrame && SUBFRAME_LOCAL_URLS.has(url);
}

/** Longest URL we hand to the OS; longer ones are likely abuse. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Whether a link the page tried to open in a new window may be handed to the
 * OS browser: https with a host and no credentials. http (sniffable),
 * file: (local code), javascript:, custom schemes (other apps) are refused.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/**
 * The Content-Security-Policy added to the server origin's responses, as
 * defence in depth should the server send none or a loose one: no inline or
 * eval'd script, no plugins, no framing by others, connections only back to
 * the server (HTTP and socket.io WebSocket) and to the configured extras.
 */
export function buildContentSecurityPolicy(serverOrigin: string, extraConnectSources: readonly string[] = []): string {
  const wsOrigin = serverOrigin.replace(/^http/, 'ws');
  // 'self' covers same-origin ws: only in CSP3 browsers; name it explicitly.
  const connect = ["'self'", wsOrigin, ...extraConnectSources];
  const directives: readonly (readonly [string, readonly string[]])[] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:', 'data:']],
    ['connect-src', [...new Set(connect)]],
    ['frame-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Response headers in Electron's webRequest shape. */
export type ResponseHeaders = Record<string, string[]>;

/**
 * Adds `csp` to the headers of a response from the server origin. A CSP the
 * server already sent is kept: browsers enforce every policy given, so the
 * result is at least as strict as both. Other origins pass unchanged.
 */
export function withContentSecurityPolicy(
  headers: ResponseHeaders | undefined,
  responseUrl: string,
  serverOrigin: string,
  csp: string,
): ResponseHeaders | undefined {
  if (!isTrustedOrigin(responseUrl, serverOrigin)) return headers;
  const result: ResponseHeaders = { ...headers };
  const existingKey = Object.keys(result).find((key) => key.toLowerCase() === 'content-security-policy');
  const key = existingKey ?? 'Content-Security-Policy';
  result[key] = [...(result[key] ?? []), csp];
  return result;
}
