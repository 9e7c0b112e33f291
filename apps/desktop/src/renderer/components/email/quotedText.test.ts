import { describe, expect, it } from 'vitest';
import { splitQuotedText } from './quotedText.js';

describe('splitQuotedText', () => {
  it('folds a top-posted reply below the attribution line, in English and Chinese', () => {
    expect(splitQuotedText('Thanks, fixed.\n\nOn Mon, 23 Nov 2026 at 10:00, Li Na <li@x.cn> wrote:\n> My bill\n> is wrong')).toEqual({
      body: 'Thanks, fixed.',
      quoted: 'On Mon, 23 Nov 2026 at 10:00, Li Na <li@x.cn> wrote:\n> My bill\n> is wrong',
    });
    expect(splitQuotedText('已处理。\n在 2026年11月23日 10:00，李娜 写道：\n> 账单有误').body).toBe('已处理。');
  });

  it("folds Outlook's pasted headers and the original-message rule", () => {
    expect(splitQuotedText('Done.\r\n\r\nFrom: Service Desk\r\nSent: Monday\r\nTo: me\r\n\r\nold text').body).toBe('Done.');
    expect(splitQuotedText('好的\n-----原始邮件-----\n发件人: 客服').quoted).toBe('-----原始邮件-----\n发件人: 客服');
  });

  it('keeps inline answers between quotes visible and folds only a trailing quote', () => {
    const interleaved = '> Is it fixed?\nYes.\n> And the refund?\nNext week.';
    expect(splitQuotedText(interleaved)).toEqual({ body: interleaved, quoted: '' });
    expect(splitQuotedText('Yes.\n\n> Is it fixed?\n>\n> thanks')).toEqual({ body: 'Yes.', quoted: '> Is it fixed?\n>\n> thanks' });
  });

  it('shows a mail that is only a quote, or has none, whole', () => {
    expect(splitQuotedText('> only a quote')).toEqual({ body: '> only a quote', quoted: '' });
    expect(splitQuotedText('From now on I pay by card.\nThanks')).toEqual({ body: 'From now on I pay by card.\nThanks', quoted: '' });
  });
});
