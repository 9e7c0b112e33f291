import { describe, expect, it } from 'vitest';
import type { PermissionQuery } from './security.js';
import {
  HARDENED_WEB_PREFERENCES,
  buildContentSecurityPolicy,
  isNavigationAllowed,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedOrigin,
  webPreferences,
  withContentSecurityPolicy,
} from './security.js';

const ORIGIN = 'https://cc.example.com:8443';

function query(overrides: Partial<PermissionQuery>): PermissionQuery {
  return {
    permission: 'media',
    requestingUrl: `${ORIGIN}/agent`,
    isMainFrame: true,
    mediaTypes: ['audio'],
    ...overrides,
  };
}

describe('webPreferences', () => {
  it('has every hardening flag set to its safe value', () => {
    const prefs = webPreferences('/app/out/preload/preload.cjs', { devTools: false });
    expect(prefs).toEqual({
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
      preload: '/app/out/preload/preload.cjs',
      devTools: false,
    });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(HARDENED_WEB_PREFERENCES)).toBe(true);
  });

  it('only toggles DevTools through its option', () => {
    expect(webPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
    expect(webPreferences('/p.cjs', { devTools: true }).sandbox).toBe(true);
  });
});

describe('isTrustedOrigin', () => {
  it.each([
    [`${ORIGIN}/`, true],
    [`${ORIGIN}/deep/path?q=1#x`, true],
    ['https://CC.example.com:8443/x', true],
    ['https://cc.example.com/', false], // other port
    ['http://cc.example.com:8443/', false], // other scheme
    ['https://cc.example.com.evil.org:8443/', false],
    ['https://evil.org/?https://cc.example.com:8443', false],
    ['file:///etc/passwd', false],
    ['data:text/html,hi', false],
    ['about:blank', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    expect(isTrustedOrigin(url, ORIGIN)).toBe(expected);
  });
});

describe('isPermissionAllowed', () => {
  it('allows the microphone (audio only) for the top frame of our origin', () => {
    expect(isPermissionAllowed(query({}), ORIGIN)).toBe(true);
  });

  it('allows notifications for our origin', () => {
    expect(isPermissionAllowed(query({ permission: 'notifications', mediaTypes: [] }), ORIGIN)).toBe(true);
  });

  it('denies video, audio+video and unspecified media', () => {
    expect(isPermissionAllowed(query({ mediaTypes: ['video'] }), ORIGIN)).toBe(false);
    expect(isPermissionAllowed(query({ mediaTypes: ['audio', 'video'] }), ORIGIN)).toBe(false);
    expect(isPermissionAllowed(query({ mediaTypes: ['unknown'] }), ORIGIN)).toBe(false);
    expect(isPermissionAllowed(query({ mediaTypes: [] }), ORIGIN)).toBe(false);
  });

  it.each([
    'geolocation',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'midi',
    'midiSysex',
    'hid',
    'usb',
    'serial',
    'openExternal',
    'pointerLock',
    'fullscreen',
    'idle-detection',
    'fileSystem',
    'unknown',
  ])('denies %s even for our origin', (permission) => {
    expect(isPermissionAllowed(query({ permission, mediaTypes: [] }), ORIGIN)).toBe(false);
  });

  it('denies other origins, unknown requesters and subframes', () => {
    expect(isPermissionAllowed(query({ requestingUrl: 'https://evil.org/' }), ORIGIN)).toBe(false);
    expect(isPermissionAllowed(query({ requestingUrl: 'file:///app/error-page.html' }), ORIGIN)).toBe(false);
    expect(isPermissionAllowed(query({ requestingUrl: undefined }), ORIGIN)).toBe(false);
    expect(isPermissionAllowed(query({ isMainFrame: false }), ORIGIN)).toBe(false);
    expect(
      isPermissionAllowed(query({ permission: 'notifications', requestingUrl: 'https://evil.org' }), ORIGIN),
    ).toBe(false);
  });
});

describe('isNavigationAllowed', () => {
  it('allows same-origin navigation in any frame', () => {
    expect(isNavigationAllowed(`${ORIGIN}/login`, true, ORIGIN)).toBe(true);
    expect(isNavigationAllowed(`${ORIGIN}/addins/billing`, false, ORIGIN)).toBe(true);
  });

  const foreign = [
    'https://evil.org/',
    'http://cc.example.com:8443/',
    'file:///etc/passwd',
    'data:text/html,x',
    'javascript:1',
    'about:blank',
  ];
  it.each(foreign)('prevents the top frame from going to %s', (url) => {
    expect(isNavigationAllowed(url, true, ORIGIN)).toBe(false);
  });

  it('lets subframes be blank or srcdoc, nothing foreign', () => {
    expect(isNavigationAllowed('about:blank', false, ORIGIN)).toBe(true);
    expect(isNavigationAllowed('about:srcdoc', false, ORIGIN)).toBe(true);
    expect(isNavigationAllowed('https://evil.org/', false, ORIGIN)).toBe(false);
    expect(isNavigationAllowed('data:text/html,x', false, ORIGIN)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://help.example.com/kb/42', true],
    ['http://help.example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['smb://share/x', false],
    ['ms-msdt:/id', false],
    ['https://user:pw@example.com/', false],
    [`https://example.com/${'a'.repeat(3000)}`, false],
    ['nonsense', false],
  ])('%s -> %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

describe('Content-Security-Policy', () => {
  const csp = buildContentSecurityPolicy(ORIGIN);
  const directives = new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('is strict: no inline or eval script, no plugins, no framing', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(directives.get('frame-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('connects only to the server, over HTTP and its WebSocket', () => {
    expect(directives.get('connect-src')).toEqual(["'self'", 'wss://cc.example.com:8443']);
    expect(buildContentSecurityPolicy('http://127.0.0.1:8080')).toContain("connect-src 'self' ws://127.0.0.1:8080;");
  });

  it('adds configured extra connect sources (e.g. the SIP WebSocket)', () => {
    expect(buildContentSecurityPolicy(ORIGIN, ['wss://sip.example.com:7443'])).toContain(
      "connect-src 'self' wss://cc.example.com:8443 wss://sip.example.com:7443;",
    );
  });

  it('is added to responses of our origin, keeping a server CSP', () => {
    expect(withContentSecurityPolicy({ 'content-type': ['text/html'] }, `${ORIGIN}/`, ORIGIN, csp)).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [csp],
    });
    expect(withContentSecurityPolicy(undefined, `${ORIGIN}/`, ORIGIN, csp)).toEqual({ 'Content-Security-Policy': [csp] });
    expect(
      withContentSecurityPolicy({ 'content-security-policy': ["default-src 'self'"] }, `${ORIGIN}/`, ORIGIN, csp),
    ).toEqual({ 'content-security-policy': ["default-src 'self'", csp] });
  });

  it('leaves other origins alone', () => {
    const headers = { 'content-type': ['text/html'] };
    expect(withContentSecurityPolicy(headers, 'https://cdn.example.org/x.js', ORIGIN, csp)).toBe(headers);
  });
});
