import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, normaliseConnectSource, normaliseServerOrigin, resolveDesktopConfig } from './config.js';

describe('resolveDesktopConfig', () => {
  it('defaults to the local server', () => {
    expect(resolveDesktopConfig([], {})).toEqual({ serverOrigin: 'http://127.0.0.1:8080', extraConnectSources: [] });
    expect(DEFAULT_SERVER_URL).toBe('http://127.0.0.1:8080/');
  });

  it('takes OMNICC_SERVER_URL, and --server-url= over it', () => {
    const env = { OMNICC_SERVER_URL: 'https://env.example.com/app/' };
    expect(resolveDesktopConfig(['electron', '.'], env).serverOrigin).toBe('https://env.example.com');
    expect(resolveDesktopConfig(['electron', '.', '--server-url=https://arg.example.com:9443/x'], env).serverOrigin).toBe(
      'https://arg.example.com:9443',
    );
  });

  it('ignores empty values', () => {
    expect(resolveDesktopConfig(['--server-url='], { OMNICC_SERVER_URL: ' ' }).serverOrigin).toBe('http://127.0.0.1:8080');
  });

  it('reads extra connect sources from --connect-src= or OMNICC_CONNECT_SRC', () => {
    expect(
      resolveDesktopConfig([], { OMNICC_CONNECT_SRC: 'wss://sip.example.com:7443/ws, https://api.example.com' })
        .extraConnectSources,
    ).toEqual(['wss://sip.example.com:7443', 'https://api.example.com']);
    expect(resolveDesktopConfig(['--connect-src=ws://10.0.0.5:8088'], {}).extraConnectSources).toEqual([
      'ws://10.0.0.5:8088',
    ]);
  });

  it('refuses to start on an invalid value instead of falling back', () => {
    expect(() => resolveDesktopConfig(['--server-url=file:///etc/passwd'], {})).toThrow(/^BAD_REQUEST: /);
    expect(() => resolveDesktopConfig([], { OMNICC_CONNECT_SRC: 'javascript:alert(1)' })).toThrow(/^BAD_REQUEST: /);
  });
});

describe('normaliseServerOrigin', () => {
  it('reduces an http(s) URL to its origin', () => {
    expect(normaliseServerOrigin('HTTPS://CC.Example.com:443/agent?x=1')).toBe('https://cc.example.com');
    expect(normaliseServerOrigin(' http://10.1.2.3:8080 ')).toBe('http://10.1.2.3:8080');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'ftp://x', 'nonsense', 'https://u:p@x.org'])(
    'rejects %s',
    (raw) => {
      expect(() => normaliseServerOrigin(raw)).toThrow(/^BAD_REQUEST: /);
    },
  );
});

describe('normaliseConnectSource', () => {
  it('keeps scheme, host and port of ws(s)/http(s)', () => {
    expect(normaliseConnectSource('wss://sip.example.com:7443/ws')).toBe('wss://sip.example.com:7443');
  });

  it('rejects other schemes', () => {
    expect(() => normaliseConnectSource('file:///x')).toThrow(/^BAD_REQUEST: /);
  });
});
