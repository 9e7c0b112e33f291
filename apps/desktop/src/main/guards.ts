import type { Session, WebContents } from 'electron';
import {
  isNavigationAllowed,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedOrigin,
  withContentSecurityPolicy,
} from './security.js';

/**
 * Puts the pure policy of security.ts onto Electron's session and webContents
 * objects. Takes them as parameters (no `electron` runtime import) so the
 * wiring is tested with plain fakes.
 */

/** What the session policy needs to know. */
export interface SessionPolicyOptions {
  readonly serverOrigin: string;
  /** Built once by buildContentSecurityPolicy. */
  readonly contentSecurityPolicy: string;
}

/**
 * Permission request and check handlers, device access denied, and the CSP
 * header on every response of the server origin.
 */
export function applySessionPolicy(session: Session, options: SessionPolicyOptions): void {
  const { serverOrigin, contentSecurityPolicy } = options;

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(
      isPermissionAllowed(
        { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes },
        serverOrigin,
      ),
    );
  });

  // Checks (e.g. navigator.permissions.query, device labels) must agree with
  // requests, or the page sees "granted" for things it will never get.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: requestingOrigin,
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType === undefined ? [] : [details.mediaType],
      },
      serverOrigin,
    ),
  );

  // WebHID / WebUSB / Web Serial: an agent desktop has no use for them.
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = withContentSecurityPolicy(
      details.responseHeaders,
      details.url,
      serverOrigin,
      contentSecurityPolicy,
    );
    callback(responseHeaders === undefined ? {} : { responseHeaders });
  });
}

/** What the webContents guards need to know. */
export interface WebContentsGuardOptions {
  readonly serverOrigin: string;
  /** shell.openExternal; injected so tests can see what would be opened. */
  readonly openExternal: (url: string) => Promise<void>;
  /** Where refusals are reported; console in production. */
  readonly log?: (message: string) => void;
}

/**
 * Navigation, window-open, webview and Bluetooth guards for one webContents.
 * Applied from app 'web-contents-created', so it covers every webContents
 * Electron ever creates, not only the ones we create ourselves.
 */
export function applyWebContentsGuards(contents: WebContents, options: WebContentsGuardOptions): void {
  const { serverOrigin, openExternal } = options;
  const log = options.log ?? ((message: string) => console.warn(message));

  const guardNavigation =
    (kind: string) =>
    (event: { url: string; isMainFrame: boolean; preventDefault: () => void }): void => {
      if (isNavigationAllowed(event.url, event.isMainFrame, serverOrigin)) return;
      event.preventDefault();
      log(`[security] ${kind} blocked: ${event.url.slice(0, 200)}`);
    };
  contents.on('will-navigate', guardNavigation('will-navigate'));
  contents.on('will-frame-navigate', guardNavigation('will-frame-navigate'));
  contents.on('will-redirect', guardNavigation('will-redirect'));

  // No new windows ever. A https link from our own page goes to the OS
  // browser, where it has none of this app's cookies or powers.
  contents.setWindowOpenHandler(({ url }) => {
    if (isTrustedOrigin(contents.getURL(), serverOrigin) && isSafeExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => log(`[security] openExternal failed: ${String(error)}`));
    } else {
      log(`[security] window.open denied: ${url.slice(0, 200)}`);
    }
    return { action: 'deny' };
  });

  // webviewTag is off, but a <webview> would run with its own preferences:
  // refuse it even if someone turns the tag back on.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[security] webview attach prevented');
  });

  // Without a listener Electron picks the first Bluetooth device it finds.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}
