import { describe, expect, it } from 'vitest';
import { AUTO_RETRY_MS, readErrorPageParams } from './error-page.js';

describe('readErrorPageParams', () => {
  it('reads the server origin and the reason', () => {
    expect(readErrorPageParams('?server=http%3A%2F%2F127.0.0.1%3A8080&reason=ERR_CONNECTION_REFUSED')).toEqual({
      server: 'http://127.0.0.1:8080',
      reason: 'ERR_CONNECTION_REFUSED',
    });
  });

  it('never offers a retry to anything but http(s)', () => {
    for (const server of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'nonsense']) {
      expect(readErrorPageParams(`?server=${encodeURIComponent(server)}`).server).toBeUndefined();
    }
    expect(readErrorPageParams('').server).toBeUndefined();
  });

  it('keeps the reason short', () => {
    expect(readErrorPageParams(`?reason=${'x'.repeat(500)}`).reason).toHaveLength(200);
  });

  it('retries by itself, but not in a tight loop', () => {
    expect(AUTO_RETRY_MS).toBeGreaterThanOrEqual(10_000);
  });
});
