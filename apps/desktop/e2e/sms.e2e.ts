import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SmscSimulator } from '../../cti-server/test/support/smscSimulator.js';
import { launchBrowser } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, loginAgent, shot } from './support/pages.js';

const CUSTOMER = '+8613800138000';
const QUESTION = '您好，我上午订的10GB流量包什么时候生效？';
/** Chinese longer than one SMS (70): two UCS-2 parts of at most 67. */
const ANSWER = '您好，您订购的10GB流量包已于今天上午10点生效，有效期至本月底。如需查询剩余流量，请发送"CXLL"到10086，或登录中国移动APP查看。感谢您的耐心等待！';

/**
 * SMS in the agent desktop, against the demo server bound over SMPP 3.4 to
 * an SMSC (the test suite's simulator, on the npm smpp server side): a
 * customer's text is routed to the agent, answered in the browser with the
 * part counter showing what the network will carry, submitted as UCS-2
 * parts, and the delivery receipt shows on the message.
 */
describe('SMS in the browser: inbound, reply in parts, delivery receipt', () => {
  let smsc: SmscSimulator;
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;

  beforeAll(async () => {
    smsc = await SmscSimulator.start({ systemId: 'omnicc', password: 'smpp-pw', receiptDelayMs: 300 });
    server = await startDemoServer({ env: { OMNICC_SMS: 'smpp', OMNICC_SMPP_PORT: String(smsc.port), OMNICC_SMPP_SYSTEM_ID: 'omnicc', OMNICC_SMPP_PASSWORD: 'smpp-pw' } });
    ({ browser, close: closeBrowser } = await launchBrowser());
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await loginAgent(page, server.url, 'agent1', 'agent1-demo');
    await byId(page, 'statusReady').click();
    await smsc.waitFor(() => smsc.boundSessions > 0, 20_000);
  });

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    await smsc?.close();
  });

  it('routes the customer SMS to the agent, who sees it in the conversation', async () => {
    expect(await smsc.deliver(CUSTOMER, '10086', QUESTION, { ucs2: true })).toEqual([0]);
    await byId(page, 'offerItem').first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Alt+a');
    await byId(page, 'smsView').waitFor();
    await expect.poll(() => byId(page, 'message').allTextContents()).toEqual([expect.stringContaining(QUESTION)]);
    expect(await byId(page, 'inboxItem').textContent()).toContain(QUESTION.slice(0, 8));
  });

  it('counts the parts as the agent types, sends them as UCS-2, and shows the receipt', async () => {
    await byId(page, 'composer').fill(ANSWER);
    expect(ANSWER.length).toBeGreaterThan(70);
    expect(await byId(page, 'smsCost').textContent()).toBe(`2 条短信（中文）· 末条还可输入 ${67 * 2 - ANSWER.length} 字`);
    await shot(page, 'sms-typing-zh-CN');
    await byId(page, 'composer').press('Enter');
    await smsc.waitFor(() => smsc.submits.length === 2, 15_000);
    expect(smsc.submits.map((s) => [s.destination, s.dataCoding])).toEqual([
      ['8613800138000', 8],
      ['8613800138000', 8],
    ]);
    expect(smsc.submits.map((s) => s.text).join('')).toBe(ANSWER);
    const reply = page.locator('[data-testid="message"][data-sender="agent"]');
    await expect.poll(() => reply.locator('[data-delivery]').getAttribute('data-delivery'), { timeout: 15_000 }).toBe('delivered');
    expect(await reply.textContent()).toContain('已送达');
    await shot(page, 'sms-delivered-zh-CN');
    expect(await axeViolations(page)).toEqual([]);
    await byId(page, 'languageSwitch').selectOption('en');
    await expect.poll(() => reply.textContent()).toContain('Delivered');
    await shot(page, 'sms-delivered-en');
    expect(await axeViolations(page)).toEqual([]);
  });
});
