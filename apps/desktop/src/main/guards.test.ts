import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applySessionPolicy, applyWebContentsGuards } from './guards.js';
import { buildContentSecurityPolicy } from './security.js';

const ORIGIN = 'http://127.0.0.1:8080';
const CSP = buildContentSecurityPolicy(ORIGIN);

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

/** A Session that records the handlers it is given. */
function fakeSession() {
  const handlers: {
    request?: RequestHandler;
    check?: CheckHandler;
    device?: () => boolean;
    headers?: HeadersListener;
  } = {};
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => (handlers.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => (handlers.check = handler),
    setDevicePermissionHandler: (handler: () => boolean) => (handlers.device = handler),
    webRequest: { onHeadersReceived: (listener: HeadersListener) => (handlers.headers = listener) },
  };
  applySessionPolicy(session as unknown as Session, { serverOrigin: ORIGIN, contentSecurityPolicy: CSP });
  const request = (permission: string, details: Record<string, unknown>): boolean => {
    let granted: boolean | undefined;
    handlers.request!({}, permission, (value) => (granted = value), details);
    return granted!;
  };
  return { handlers, request };
}

/** A WebContents that is an EventEmitter plus setWindowOpenHandler. */
class FakeWebContents extends EventEmitter {
  url = `${ORIGIN}/`;
  windowOpenHandler?: (details: { url: string }) => { action: string };
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

function guardedContents() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn(() => Promise.resolve());
  const log = vi.fn();
  applyWebContentsGuards(contents as unknown as WebContents, { serverOrigin: ORIGIN, openExternal, log });
  return { contents, openExternal, log };
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

describe('applySessionPolicy', () => {
  it('grants microphone and notifications to our top frame through the request handler', () => {
    const { request } = fakeSession();
    expect(request('media', { requestingUrl: `${ORIGIN}/`, isMainFrame: true, mediaTypes: ['audio'] })).toBe(true);
    expect(request('notifications', { requestingUrl: `${ORIGIN}/`, isMainFrame: true })).toBe(true);
  });

  it('denies camera, geolocation, clipboard and other origins through the request handler', () => {
    const { request } = fakeSession();
    expect(request('media', { requestingUrl: `${ORIGIN}/`, isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(request('media', { requestingUrl: `${ORIGIN}/`, isMainFrame: true })).toBe(false);
    expect(request('geolocation', { requestingUrl: `${ORIGIN}/`, isMainFrame: true })).toBe(false);
    expect(request('clipboard-read', { requestingUrl: `${ORIGIN}/`, isMainFrame: true })).toBe(false);
    expect(request('media', { requestingUrl: 'https://evil.org/', isMainFrame: true, mediaTypes: ['audio'] })).toBe(
      false,
    );
    expect(request('notifications', { requestingUrl: 'https://evil.org/', isMainFrame: true })).toBe(false);
  });

  it('answers permission checks the same way', () => {
    const { handlers } = fakeSession();
    const check = handlers.check!;
    expect(check(null, 'media', ORIGIN, { isMainFrame: true, mediaType: 'audio' })).toBe(true);
    expect(check(null, 'notifications', ORIGIN, { isMainFrame: true })).toBe(true);
    expect(check(null, 'media', ORIGIN, { isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(check(null, 'media', ORIGIN, { isMainFrame: true, mediaType: 'unknown' })).toBe(false);
    expect(check(null, 'geolocation', ORIGIN, { isMainFrame: true })).toBe(false);
    expect(check(null, 'clipboard-read', ORIGIN, { isMainFrame: true })).toBe(false);
    expect(check(null, 'notifications', 'https://evil.org', { isMainFrame: true })).toBe(false);
    expect(check(null, 'hid', ORIGIN, { isMainFrame: true })).toBe(false);
  });

  it('denies every device (HID, USB, serial)', () => {
    expect(fakeSession().handlers.device!()).toBe(false);
  });

  it('injects the CSP header into our responses only', () => {
    const { handlers } = fakeSession();
    const ours = vi.fn();
    handlers.headers!({ url: `${ORIGIN}/index.html`, responseHeaders: { 'Content-Type': ['text/html'] } }, ours);
    expect(ours).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] },
    });
    const theirs = vi.fn();
    const foreign = { 'Content-Type': ['text/html'] };
    handlers.headers!({ url: 'https://elsewhere.org/', responseHeaders: foreign }, theirs);
    expect(theirs).toHaveBeenCalledWith({ responseHeaders: foreign });
  });
});

describe('applyWebContentsGuards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to another origin is prevented', (name) => {
    const { contents, log } = guardedContents();
    const event = navigationEvent('https://evil.org/phish');
    contents.emit(name, event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('blocked'));
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s within our origin proceeds', (name) => {
    const { contents } = guardedContents();
    const event = navigationEvent(`${ORIGIN}/login`);
    contents.emit(name, event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents top-frame navigation to file: and javascript: URLs', () => {
    const { contents } = guardedContents();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x']) {
      const event = navigationEvent(url);
      contents.emit('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });

  it('denies window.open, handing only https links from our page to the OS browser', () => {
    const { contents, openExternal } = guardedContents();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://kb.example.com/article' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://kb.example.com/article');

    openExternal.mockClear();
    for (const url of ['http://kb.example.com/', 'file:///etc/passwd', 'javascript:alert(1)', `${ORIGIN}/popup`]) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens nothing when the window is not showing our origin (e.g. the error page)', () => {
    const { contents, openExternal } = guardedContents();
    contents.url = 'file:///app/out/static/error-page.html';
    expect(contents.windowOpenHandler!({ url: 'https://kb.example.com/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('survives a failing openExternal', async () => {
    const { contents, openExternal, log } = guardedContents();
    openExternal.mockImplementationOnce(() => Promise.reject(new Error('no browser')));
    contents.windowOpenHandler!({ url: 'https://kb.example.com/' });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('no browser')));
  });

  it('prevents attaching a webview', () => {
    const { contents } = guardedContents();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.org/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('cancels Bluetooth device selection', () => {
    const { contents } = guardedContents();
    const event = { preventDefault: vi.fn() };
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', event, [{ deviceId: 'x', deviceName: 'y' }], callback);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith('');
  });
});
