import { describe, expect, it } from 'vitest';
import { loadSmsConfig } from './smsConfig.js';

describe('loadSmsConfig', () => {
  it('is off by default, with the sms-general queue and a 24 h thread window', () => {
    expect(loadSmsConfig({})).toMatchObject({ mode: 'off', queueId: 'sms-general', serviceNumber: '10086', threadWindowMs: 24 * 3600_000, duplicateWindowMs: 600_000 });
  });

  it('has outbox defaults: 10 parts, first retry after 5 s, 8 attempts, 6 quick throttle retries', () => {
    expect(loadSmsConfig({})).toMatchObject({ maxParts: 10, retryBaseMs: 5000, sendAttempts: 8, throttleRetries: 6 });
    expect(loadSmsConfig({ OMNICC_SMS_MAX_PARTS: '3', OMNICC_SMS_RETRY_SECONDS: '0.2' })).toMatchObject({ maxParts: 3, retryBaseMs: 200 });
  });

  it('reads the SMPP account', () => {
    const c = loadSmsConfig({ OMNICC_SMS: 'smpp', OMNICC_SMPP_HOST: 'smsc.example', OMNICC_SMPP_PORT: '2776', OMNICC_SMPP_SYSTEM_ID: 'omnicc', OMNICC_SMPP_PASSWORD: 'secret', OMNICC_SMS_THREAD_HOURS: '2' });
    expect(c).toMatchObject({ mode: 'smpp', smpp: { host: 'smsc.example', port: 2776, systemId: 'omnicc', password: 'secret' }, threadWindowMs: 2 * 3600_000 });
  });

  it.each([
    [{ OMNICC_SMS: 'cmpp' }, 'OMNICC_SMS'],
    [{ OMNICC_SMS: 'smpp' }, 'OMNICC_SMPP_SYSTEM_ID'],
    [{ OMNICC_SMPP_PASSWORD: 'longer-than-8' }, 'OMNICC_SMPP_PASSWORD'],
    [{ OMNICC_SMS_QUEUE: 'no spaces' }, 'OMNICC_SMS_QUEUE'],
    [{ OMNICC_SMS_MAX_PARTS: '0' }, 'OMNICC_SMS_MAX_PARTS'],
    [{ OMNICC_SMS_SEND_ATTEMPTS: 'many' }, 'OMNICC_SMS_SEND_ATTEMPTS'],
  ])('refuses %o naming %s', (env, name) => {
    expect(() => loadSmsConfig(env)).toThrow(name);
  });
});
