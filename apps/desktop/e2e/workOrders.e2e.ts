import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SmscSimulator } from '../../cti-server/test/support/smscSimulator.js';
import { WORK_ORDER_TEST_IDS as WO } from '../src/renderer/components/workOrders/workOrderTestIds.js';
import { FLOWS_TEST_IDS } from '../src/renderer/components/flows/flowsTestIds.js';
import { launchBrowser } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, customerChatAccepted, loginAgent, shot } from './support/pages.js';

const FEEDBACK = '您好，您的宽带故障已修复，如仍有问题请回复本短信。';
const wo = (page: Page, id: keyof typeof WO) => page.getByTestId(WO[id]);

/**
 * Work orders (工单) in the browser, against the demo server bound over SMPP
 * to the test suite's SMSC: an agent (en) creates a fault report from a chat;
 * it shows in their list; a team lead (zh-CN) accepts and processes it; the
 * agent's page, still at 申请, tries to accept it and is told where the order
 * is and where it can go; the lead sends the feedback by SMS (the SMSC
 * receives it) and closes it. axe finds nothing at each screen.
 */
describe('work orders in the browser: created from a chat, worked by a team lead, fed back by SMS, closed', () => {
  let smsc: SmscSimulator;
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let agent: Page;
  let lead: Page;
  let number = '';

  const openWorkOrders = async (page: Page) => {
    await page.getByTestId(`${FLOWS_TEST_IDS.workspaceTabPrefix}workOrders`).click();
    await wo(page, 'workspace').waitFor();
  };
  const openOrder = async (page: Page) => {
    const row = page.locator(`[data-testid="${WO.row}"][data-number="${number}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await expect.poll(() => wo(page, 'number').textContent()).toBe(number);
  };

  beforeAll(async () => {
    smsc = await SmscSimulator.start({ systemId: 'omnicc', password: 'smpp-pw', receiptDelayMs: 300 });
    server = await startDemoServer({ env: { OMNICC_SMS: 'smpp', OMNICC_SMPP_PORT: String(smsc.port), OMNICC_SMPP_SYSTEM_ID: 'omnicc', OMNICC_SMPP_PASSWORD: 'smpp-pw' } });
    ({ browser, close: closeBrowser } = await launchBrowser());
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
    lead = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } })).newPage();
    await smsc.waitFor(() => smsc.boundSessions > 0, 20_000);
  });

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    await smsc?.close();
  });

  it('an agent creates a fault-report work order from a chat, with the customer’s phone prefilled', async () => {
    await loginAgent(agent, server.url, 'agent1', 'agent1-demo');
    await byId(agent, 'statusReady').click();
    await customerChatAccepted(browser, agent, server.url, { name: '王五', phone: '13800138000', text: '宽带断网两天了' });
    await wo(agent, 'createOpen').click();
    await wo(agent, 'createDialog').waitFor();
    expect(await wo(agent, 'createType').inputValue()).toBe('faultReport');
    expect(await agent.getByTestId(`${WO.fieldPrefix}contactPhone`).inputValue()).toBe('13800138000');
    // Submitted without the account first: refused under the field.
    await agent.getByTestId(`${WO.fieldPrefix}faultKind`).fill('No connection for two days');
    await wo(agent, 'createSubmit').click();
    await expect.poll(() => wo(agent, 'createError').textContent()).toContain('Broadband account is required');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'work-order-create-en');
    await agent.getByTestId(`${WO.fieldPrefix}account`).fill('bj02881234');
    await wo(agent, 'createSubmit').click();
    await expect.poll(() => wo(agent, 'created').textContent()).toMatch(/^Work order WO-\d{8}-\d{4} created\.$/);
    number = /WO-\d{8}-\d{4}/.exec((await wo(agent, 'created').textContent()) ?? '')?.[0] ?? '';
  });

  it('shows it in the agent’s list, and the agent keeps its page open', async () => {
    await openWorkOrders(agent);
    await openOrder(agent);
    expect(await wo(agent, 'state').textContent()).toBe('Requested');
    expect(await wo(agent, 'history').textContent()).toContain('Created');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'work-order-list-en');
  });

  it('a team lead accepts and processes it (zh-CN)', async () => {
    await loginAgent(lead, server.url, 'lead1', 'lead1-demo');
    await openWorkOrders(lead);
    await openOrder(lead);
    await lead.getByTestId(`${WO.movePrefix}accepted`).click();
    await expect.poll(() => wo(lead, 'state').textContent()).toBe('受理');
    await lead.getByTestId(`${WO.movePrefix}processing`).click();
    await expect.poll(() => wo(lead, 'state').textContent()).toBe('处理');
    expect(await wo(lead, 'message').textContent()).toBe(`${number} 已转为“处理”。`);
    expect(await axeViolations(lead)).toEqual([]);
    await shot(lead, 'work-order-processing-zh-CN');
  });

  it('refuses the agent’s move from a page that is behind, saying where the order is and where it can go', async () => {
    await agent.getByTestId(`${WO.movePrefix}accepted`).click();
    await expect.poll(() => wo(agent, 'message').textContent()).toBe('A work order in “Processing” cannot go to “Accepted”. It can go to: Feedback, Cancelled.');
    // The page now shows where the order really is.
    await expect.poll(() => wo(agent, 'state').textContent()).toBe('Processing');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'work-order-refused-en');
  });

  it('the lead sends the feedback by SMS and closes it', async () => {
    await wo(lead, 'moveNote').fill('已更换光猫');
    await lead.getByTestId(`${WO.movePrefix}feedback`).click();
    await expect.poll(() => wo(lead, 'state').textContent()).toBe('反馈');
    await wo(lead, 'feedbackText').fill(FEEDBACK);
    await wo(lead, 'feedbackSend').click();
    await expect.poll(() => wo(lead, 'message').textContent()).toBe('已通过短信反馈客户。');
    await smsc.waitFor(() => smsc.submits.some((s) => s.destination === '8613800138000'), 15_000);
    expect(smsc.submits.filter((s) => s.destination === '8613800138000').map((s) => s.text).join('')).toBe(FEEDBACK);
    await lead.getByTestId(`${WO.movePrefix}closed`).click();
    await expect.poll(() => wo(lead, 'state').textContent()).toBe('归档');
    const history = (await wo(lead, 'history').textContent()) ?? '';
    for (const word of ['创建', '申请 → 受理', '受理 → 处理', '处理 → 反馈', '已更换光猫', '已反馈', '反馈 → 归档']) expect(history).toContain(word);
    expect(await axeViolations(lead)).toEqual([]);
    await shot(lead, 'work-order-closed-zh-CN');
  });
});
