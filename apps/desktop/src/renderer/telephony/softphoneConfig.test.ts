import { describe, expect, it } from 'vitest';
import { parseSoftphoneConfig } from './softphoneConfig.js';

const body = {
  wsUrl: 'ws://127.0.0.1:8088',
  credentials: { uri: 'sip:agent1@omnicc.local', authorizationUsername: '1795560000:agent1', password: 'c2VjcmV0', expiresAt: '2026-11-25T08:00:00.000Z' },
};

describe('softphone settings from the server', () => {
  it('reads the contract into the phone config', () => {
    expect(parseSoftphoneConfig(body)).toStrictEqual({ wsUrl: 'ws://127.0.0.1:8088', ...body.credentials });
  });

  it.each([
    ['no body', undefined],
    ['an http URL', { ...body, wsUrl: 'http://127.0.0.1:8088' }],
    ['a non-SIP address', { ...body, credentials: { ...body.credentials, uri: 'tel:10086' } }],
    ['an empty password', { ...body, credentials: { ...body.credentials, password: '' } }],
    ['a bad expiry', { ...body, credentials: { ...body.credentials, expiresAt: 'tomorrow' } }],
  ])('refuses %s', (_what, data) => {
    expect(() => parseSoftphoneConfig(data)).toThrow();
  });
});
