import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, WebhookVerifier } from './webhookSignature.js';

const SECRET = 'provider-secret-0123456789';
const now = Date.parse('2026-11-24T08:00:00Z');
const body = '{"type":"inbound","text":"退订"}';

describe('webhook signatures', () => {
  it('are an HMAC-SHA256 of "<t>.<body>" with the timestamp in seconds', () => {
    const t = now / 1000;
    expect(signWebhook(SECRET, body, now)).toBe(`t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`);
  });

  it('accept a genuine request once, and refuse the same request again', () => {
    const v = new WebhookVerifier({ secrets: [SECRET] });
    const header = signWebhook(SECRET, body, now);
    expect(v.verify(header, body, now + 1000)).toBeUndefined();
    expect(v.verify(header, body, now + 2000)).toBe('replayed');
  });

  it('refuse a changed body, another secret, a missing or malformed header', () => {
    const v = new WebhookVerifier({ secrets: [SECRET] });
    expect(v.verify(signWebhook(SECRET, body, now), body.replace('退订', 'hello'), now)).toBe('mismatch');
    expect(v.verify(signWebhook('another-secret-0123456789', body, now), body, now)).toBe('mismatch');
    expect(v.verify(undefined, body, now)).toBe('missing');
    expect(v.verify('v1=abc', body, now)).toBe('malformed');
    expect(v.verify(`t=${now / 1000},v1=${'0'.repeat(63)}`, body, now)).toBe('malformed');
  });

  it('refuse a timestamp outside the tolerance either way', () => {
    const v = new WebhookVerifier({ secrets: [SECRET], toleranceSeconds: 300 });
    expect(v.verify(signWebhook(SECRET, body, now - 301_000), body, now)).toBe('stale');
    expect(v.verify(signWebhook(SECRET, body, now + 301_000), body, now)).toBe('stale');
    expect(v.verify(signWebhook(SECRET, body, now - 299_000), body, now)).toBeUndefined();
  });

  it('accept the previous secret during a rotation', () => {
    const v = new WebhookVerifier({ secrets: [SECRET, 'previous-secret-0123456789'] });
    expect(v.verify(signWebhook('previous-secret-0123456789', body, now), body, now)).toBeUndefined();
  });

  it('remember at most maxRemembered signatures, forgetting the oldest', () => {
    const v = new WebhookVerifier({ secrets: [SECRET], maxRemembered: 2 });
    const headers = ['a', 'b', 'c'].map((x) => signWebhook(SECRET, x, now));
    headers.forEach((h, i) => expect(v.verify(h, ['a', 'b', 'c'][i] ?? '', now)).toBeUndefined());
    expect(v.verify(headers[0], 'a', now)).toBeUndefined(); // forgotten: the bound, not a leak
    expect(v.verify(headers[2], 'c', now)).toBe('replayed');
  });

  it('refuse short secrets', () => {
    expect(() => new WebhookVerifier({ secrets: ['short'] })).toThrow(/at least 16/);
  });
});
