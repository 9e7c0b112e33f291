import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dovecotMissing, eventually, htmlMail, newMessageId, parseMail, startEmailDesk, type Beacon, type EmailDeskWorld, type MailPeers } from './support/email.js';
import { axeViolations, byId, shot } from './support/pages.js';

const missing = dovecotMissing();
/** The customer's mail: not our UI, and axe cannot run inside it (no script there). */
const MAIL_FRAME = '[data-testid="email-body-frame"]';

/**
 * Email in the agent desktop, against the demo server with a real Dovecot
 * and SMTP peer: a customer's HTML mail is offered, accepted and read in
 * its sandboxed frame (styles kept, remote images only on the agent's
 * click, quoted history folded, the attachment downloaded), and answered
 * from the desk over SMTP.
 */
describe.skipIf(missing !== undefined)(missing ? `email in the browser (skipped: ${missing})` : 'email in the browser: read, images on click, attachment, reply', () => {
  let world: EmailDeskWorld;
  let peers: MailPeers;
  let beacon: Beacon;
  let page: Page;
  const firstMessageId = newMessageId();

  beforeAll(async () => {
    world = await startEmailDesk({ env: { OMNICC_EMAIL_RETRY_SECONDS: '0.2' } });
    ({ peers, beacon, page } = world);
  });

  afterAll(() => world?.stop());

  const frame = () => page.frameLocator(MAIL_FRAME).last();

  it('offers a new mail, and shows it in a sandboxed frame with its styles and its images held back', async () => {
    await peers.dovecot.deliver(
      htmlMail({
        messageId: firstMessageId,
        from: '王五 Wang Wu <wang.wu@customer.example>',
        subject: '宽带账单有误 Broadband bill is wrong',
        html:
          '<p style="color: rgb(180, 35, 24); font-weight: bold">您好，我的宽带账单多收了 50 元。</p>' +
          '<p>Hello, my November broadband bill charges 50 yuan too much. See the screenshot:</p>' +
          `<img src="${beacon.origin}/bill.gif?to=wang" alt="bill screenshot" width="120" height="40">` +
          '<p>On Mon, the service desk wrote:</p><blockquote><p>Your bill for November is ready.</p></blockquote>',
        attachment: { filename: '账单截图 bill.txt', contentType: 'text/plain', content: Buffer.from('Amount due: 158.00 CNY\n') },
      }),
    );
    const offer = byId(page, 'offerItem').first();
    await offer.waitFor({ timeout: 20_000 });
    await page.keyboard.press('Alt+a');
    await byId(page, 'emailView').waitFor();
    await expect.poll(() => byId(page, 'emailMessage').count()).toBe(1);
    expect(await page.locator('.email__subject-text').textContent()).toBe('宽带账单有误 Broadband bill is wrong');

    // The mail's own inline style applies inside the frame (the frame's document has its own CSP).
    const styled = frame().locator('p').first();
    await styled.waitFor();
    expect(await styled.evaluate((p) => getComputedStyle(p).color)).toBe('rgb(180, 35, 24)');
    // The quote is folded; the image is not loaded and nothing went to its host.
    expect(await frame().locator('blockquote').evaluate((q) => getComputedStyle(q).display)).toBe('none');
    expect(await byId(page, 'emailImagesBlocked').textContent()).toContain('1 remote image was blocked');
    expect(beacon.hits).toEqual([]);
    await shot(page, 'email-en');
    expect(await axeViolations(page, [MAIL_FRAME])).toEqual([]);
  });

  it('loads the images only on the click, and unfolds the quote', async () => {
    await byId(page, 'emailShowImages').click();
    await expect.poll(() => beacon.hits).toEqual(['/bill.gif?to=wang']);
    await byId(page, 'emailQuoteToggle').click();
    await expect.poll(() => frame().locator('blockquote').evaluate((q) => getComputedStyle(q).display)).toBe('block');
  });

  it('downloads the attachment, never opening it', async () => {
    const attachment = byId(page, 'emailAttachment');
    expect(await attachment.textContent()).toContain('账单截图 bill.txt');
    const [download] = await Promise.all([page.waitForEvent('download'), attachment.click()]);
    expect(download.suggestedFilename()).toBe('账单截图 bill.txt');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path, 'utf8')).toBe('Amount due: 158.00 CNY\n');
  });

  it('inserts a canned response filled in for this customer (Alt+Q)', async () => {
    await page.keyboard.press('Alt+q');
    await byId(page, 'cannedDialog').waitFor();
    await byId(page, 'cannedFilter').fill('refund next bill');
    await expect.poll(() => byId(page, 'cannedPreview').textContent()).toContain('Dear 王五 Wang Wu, we have confirmed the double charge.');
    await shot(page, 'email-canned-en');
    expect(await axeViolations(page, [MAIL_FRAME])).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => byId(page, 'cannedDialog').count()).toBe(0);
    const draft = await byId(page, 'emailReplyText').inputValue();
    expect(draft).toMatch(/^Dear 王五 Wang Wu, we have confirmed the double charge\..*李娜 Li Na, /s);
    expect(draft).not.toContain('{{');
  });

  it('answers over SMTP with Ctrl+Enter, and shows the reply as sent', async () => {
    await byId(page, 'emailReplyText').press('Control+End');
    await page.keyboard.type('\n您好，多收的 50 元将在下月账单中退还。\nThe 50 yuan will be refunded on your next bill.');
    await byId(page, 'emailReplyText').press('Control+Enter');
    await expect.poll(() => byId(page, 'emailMessage').count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid="email-message"][data-direction="out"] [data-testid="email-delivery"]').getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');
    await eventually(() => peers.smtp.received.length === 1, 10_000, 'the reply at the SMTP peer');
    const sent = await parseMail(peers.smtp.received[0]?.raw ?? Buffer.alloc(0));
    expect(sent.inReplyTo).toBe(firstMessageId);
    expect(sent.to && 'text' in sent.to ? sent.to.text : '').toContain('wang.wu@customer.example');
    expect(sent.text).toContain('The 50 yuan will be refunded on your next bill.');
    expect(sent.text).toContain('The amount will be refunded on your next bill');
    expect(await byId(page, 'emailReplyText').inputValue()).toBe('');
    await shot(page, 'email-replied-en');
  });

  it('reads the same in Chinese', async () => {
    await byId(page, 'languageSwitch').selectOption('zh-CN');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.locator('[data-testid="email-message-toggle"]').first().click();
    await byId(page, 'emailAttachments').waitFor();
    await frame().locator('p').first().waitFor();
    expect(await byId(page, 'emailQuoteToggle').textContent()).toBe('显示引用内容');
    await shot(page, 'email-zh-CN');
    expect(await axeViolations(page, [MAIL_FRAME])).toEqual([]);
  });
});
