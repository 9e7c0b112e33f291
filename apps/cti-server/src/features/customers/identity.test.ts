import { describe, expect, it } from 'vitest';
import { contactKeys, normaliseCallerId, normaliseChatLogin, normaliseContact, normaliseEmail } from './identity.js';

describe('normaliseCallerId', () => {
  it.each([
    ['+8613800138000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['0086 138-0013-8000', '+8613800138000'],
    ['008613800138000', '+8613800138000'],
    ['8613800138000', '+8613800138000'],
    ['13800138000', '+8613800138000'],
    [' 138 0013 8000 ', '+8613800138000'],
    ['138-0013-8000', '+8613800138000'],
    ['(138) 0013.8000', '+8613800138000'],
    ['sip:+8613800138000@cti.example;user=phone', '+8613800138000'],
    ['tel:13800138000', '+8613800138000'],
    ['020-8888 8888', '+862088888888'],
    ['(0755) 2345 6789', '+8675523456789'],
    ['010-12345678', '+861012345678'],
    ['+86 (0)20 8888 8888', '+862088888888'],
    ['+1 415 555 0100', '+14155550100'],
  ])('%s -> %s', (raw, e164) => {
    expect(normaliseCallerId(raw)).toBe(e164);
  });

  it.each([[''], ['   '], ['anonymous'], ['Unknown'], ['12345'], ['8888 8888'], ['+86 12'], ['+86 238001380001234'], ['1380013800'], ['+'], ['--'], ['13800138000abc'], ['1'.repeat(60)], ['+86 138 0013 8000; DROP TABLE']])(
    'unresolvable %j',
    (raw) => {
      expect(normaliseCallerId(raw)).toBeUndefined();
    },
  );

  it('takes anything without throwing', () => {
    expect(normaliseCallerId(undefined)).toBeUndefined();
    expect(normaliseCallerId(null)).toBeUndefined();
    expect(normaliseCallerId(42 as unknown as string)).toBeUndefined();
  });
});

describe('normaliseEmail and chat logins', () => {
  it('compares emails case-insensitively, also from a header', () => {
    expect(normaliseEmail(' Chen.ZQ@Example.COM ')).toBe('chen.zq@example.com');
    expect(normaliseEmail('陈志强 <Chen@Example.com>')).toBe('chen@example.com');
    expect(normaliseEmail('not an email')).toBeUndefined();
    expect(normaliseEmail('a@b')).toBeUndefined();
    expect(normaliseEmail('')).toBeUndefined();
  });
  it('lower-cases chat logins and refuses blanks', () => {
    expect(normaliseChatLogin(' WeChat_User1 ')).toBe('wechat_user1');
    expect(normaliseChatLogin('  ')).toBeUndefined();
    expect(normaliseChatLogin('two words')).toBeUndefined();
    expect(normaliseContact('chatLogin', 'Me')).toBe('me');
  });
  it('lists an interaction contact keys phone first', () => {
    expect(contactKeys({ email: 'X@Y.cn', phone: '0086 13800138001' })).toEqual([
      { type: 'phone', value: '+8613800138001' },
      { type: 'email', value: 'x@y.cn' },
    ]);
    expect(contactKeys({ phone: 'withheld' })).toEqual([]);
  });
});
