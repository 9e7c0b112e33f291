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

describe('loadSmsConfig: survey and confirmations', () => {
  const SMPP = { OMNICC_SMS: 'smpp', OMNICC_SMPP_SYSTEM_ID: 'omnicc' };

  it('has the survey off, for sms and voice to mainland mobiles, a 24 h window, one a day per number; confirmations on', () => {
    const c = loadSmsConfig({});
    expect(c.survey).toMatchObject({ enabled: false, channels: ['sms', 'voice'], windowMs: 24 * 3600_000, everyMs: 24 * 3600_000 });
    expect(c.survey.numbers.test('+8613800138000')).toBe(true);
    expect(c.survey.numbers.test('+861088886666')).toBe(false);
    expect(c.survey.question.text).toContain('回复1-5');
    expect(c.survey.question.parts).toBe(2);
    expect(c.confirmations.optOut?.text).toContain('您已成功退订');
    expect(c.confirmations.optIn?.text).toContain('重新订阅');
  });

  it('reads the survey settings and texts, counting their parts', () => {
    const c = loadSmsConfig({ ...SMPP, OMNICC_SMS_SURVEY: 'on', OMNICC_SMS_SURVEY_CHANNELS: 'sms, chat', OMNICC_SMS_SURVEY_HOURS: '2', OMNICC_SMS_SURVEY_EVERY_HOURS: '0', OMNICC_SMS_SURVEY_TEXT: 'Rate us 1-5', OMNICC_SMS_SURVEY_NUMBERS: '^\\+44' });
    expect(c.survey).toMatchObject({ enabled: true, channels: ['sms', 'chat'], windowMs: 2 * 3600_000, everyMs: 0, question: { text: 'Rate us 1-5', parts: 1 } });
    expect(c.survey.numbers.test('+447700900123')).toBe(true);
    expect(loadSmsConfig({ OMNICC_SMS_OPT_OUT_CONFIRM: 'off' }).confirmations).toEqual({});
  });

  it.each([
    [{ OMNICC_SMS_SURVEY: 'on' }, 'OMNICC_SMS_SURVEY'],
    [{ OMNICC_SMS_SURVEY_CHANNELS: 'sms,fax' }, 'OMNICC_SMS_SURVEY_CHANNELS'],
    [{ OMNICC_SMS_SURVEY_CHANNELS: '' }, 'OMNICC_SMS_SURVEY_CHANNELS'],
    [{ OMNICC_SMS_SURVEY_NUMBERS: '^(+86' }, 'OMNICC_SMS_SURVEY_NUMBERS'],
    [{ OMNICC_SMS_SURVEY_HOURS: '0' }, 'OMNICC_SMS_SURVEY_HOURS'],
    [{ OMNICC_SMS_MAX_PARTS: '1' }, 'OMNICC_SMS_SURVEY_TEXT'],
    [{ OMNICC_SMS_SURVEY_TEXT: '  ' }, 'OMNICC_SMS_SURVEY_TEXT'],
  ])('refuses %o naming %s', (env, name) => {
    expect(() => loadSmsConfig(env)).toThrow(name);
  });
});
