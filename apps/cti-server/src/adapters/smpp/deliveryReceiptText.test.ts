import { describe, expect, it } from 'vitest';
import { parseReceiptDate, parseReceiptText } from './deliveryReceiptText.js';

describe('SMPP delivery receipt text', () => {
  it('reads id, stat, err and the done date', () => {
    expect(parseReceiptText('id:0000000012345678 sub:001 dlvrd:001 submit date:1601010100 done date:1601010101 stat:DELIVRD err:000 text:none')).toStrictEqual({
      id: '0000000012345678',
      stat: 'DELIVRD',
      err: '000',
      doneDate: new Date(Date.UTC(2016, 0, 1, 1, 1, 0)),
    });
  });

  it('reads keys in any case and order, with seconds in the dates', () => {
    expect(parseReceiptText('STAT:UNDELIV ID:ab12 Err:034 Done Date:261124083015')).toStrictEqual({
      id: 'ab12',
      stat: 'UNDELIV',
      err: '034',
      doneDate: new Date(Date.UTC(2026, 10, 24, 8, 30, 15)),
    });
  });

  it('does not read keys out of the quoted message text', () => {
    expect(parseReceiptText('id:1 stat:DELIVRD text:stat:EXPIRED id:2')).toMatchObject({ id: '1', stat: 'DELIVRD' });
  });

  it('leaves out what is missing or malformed', () => {
    expect(parseReceiptText('hello')).toStrictEqual({});
    expect(parseReceiptDate('26133')).toBeUndefined();
  });
});
