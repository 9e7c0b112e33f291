import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sipAuthSecret, sipCredentials } from './sipCredentials.js';

describe('ephemeral SIP credentials (Kamailio auth_ephemeral)', () => {
  const now = Date.parse('2026-11-24T08:00:00.000Z');

  it('are "<expiry>:<user>" with base64 HMAC-SHA1 of it as the password, valid for the given time', () => {
    const c = sipCredentials('s3cret-s3cret-s3cret', 'agent1', 'omnicc.local', now, 3600);
    const expiry = now / 1000 + 3600;
    expect(c).toStrictEqual({
      uri: 'sip:agent1@omnicc.local',
      authorizationUsername: `${expiry}:agent1`,
      password: createHmac('sha1', 's3cret-s3cret-s3cret').update(`${expiry}:agent1`).digest('base64'),
      expiresAt: '2026-11-24T09:00:00.000Z',
    });
  });

  it('derive the telephony secret from the token secret, differently for different secrets', () => {
    expect(sipAuthSecret('a'.repeat(40))).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sipAuthSecret('a'.repeat(40))).not.toBe(sipAuthSecret('b'.repeat(40)));
  });

  it('refuse a username that cannot be a SIP user', () => {
    expect(() => sipCredentials('s3cret-s3cret-s3cret', 'bad user@x', 'omnicc.local', now)).toThrow('cannot be a SIP user');
  });
});
