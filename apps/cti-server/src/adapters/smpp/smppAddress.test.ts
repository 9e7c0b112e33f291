import { describe, expect, it } from 'vitest';
import { phoneAddress, readAddress, senderAddress } from './smppAddress.js';

describe('SMPP addresses', () => {
  it('send +numbers as international without the plus, others as given', () => {
    expect(phoneAddress('+8613800138000')).toStrictEqual({ addr: '8613800138000', ton: 1, npi: 1 });
    expect(phoneAddress('13800138000')).toStrictEqual({ addr: '13800138000', ton: 0, npi: 1 });
  });

  it('refuse what is not a number, with a coded error', () => {
    expect(() => phoneAddress('138-0013')).toThrow(expect.objectContaining({ smsCode: 'SMS_INVALID_MESSAGE' }));
    expect(() => phoneAddress('')).toThrow(/not a phone number/);
  });

  it('take an alphanumeric sender as TON 5', () => {
    expect(senderAddress('10086')).toStrictEqual({ addr: '10086', ton: 0, npi: 1 });
    expect(senderAddress('OmniCC')).toStrictEqual({ addr: 'OmniCC', ton: 5, npi: 0 });
    expect(() => senderAddress('a much too long sender')).toThrow(/not a sender/);
  });

  it('put the plus back on an international number read from the SMSC', () => {
    expect(readAddress('8613800138000', 1)).toBe('+8613800138000');
    expect(readAddress('10086', 0)).toBe('10086');
  });
});
