import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FlowRunView, Session } from '@omnicc/shared';
import { launchBrowser } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, customerChat, loginAgent, shot } from './support/pages.js';

/**
 * The agent side of service flows (issue 7): the demo seed publishes the
 * broadband fault flow and binds it to the general chat queue, so accepting
 * a chat starts it in the panel beside the conversation. The agent walks it
 * by keyboard (a bad answer first, refused per field), the run finishes
 * with its disposition, which the server keeps and the wrap-up suggests.
 * A second chat, in zh-CN, takes the work-order branch: the server creates
 * the fault-report work order and the flow tells the agent its number.
 */
describe('service flow panel in the browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let agentCtx: BrowserContext;
  let agent: Page;
  let interactionId = '';

  const field = (variable: string) => agent.locator(`[data-testid="flow-run-form"] [data-variable="${variable}"]`);
  const step = () => byId(agent, 'flowStep');
  const stepAt = async (nodeId: string) => expect.poll(() => step().getAttribute('data-node-id'), { timeout: 10_000 }).toBe(nodeId);

  /** A customer (in their own browser context) starts a chat; the agent accepts it with Alt+A; its id. */
  async function acceptChat(name: string, phone: string, text: string): Promise<string> {
    await customerChat(browser, server.url, { name, phone, text });
    await byId(agent, 'offerItem').waitFor();
    await agent.keyboard.press('Alt+a');
    await expect.poll(() => byId(agent, 'offerItem').count()).toBe(0);
    const id = await byId(agent, 'conversation').getAttribute('data-interaction-id');
    return id ?? '';
  }

  /** Fills the fault form and the modem form (choices by their labels), each saved with Ctrl+Enter. */
  async function answerFaultAndModem(a: { account: string; fault: string; phone: string; lights: string; restarted: string }): Promise<void> {
    await field('account').fill(a.account);
    await agent.getByLabel(a.fault).check();
    await field('contactPhone').fill(a.phone);
    await agent.keyboard.press('Control+Enter');
    await stepAt('askModem');
    await agent.getByLabel(a.lights).check();
    await field('restarted').getByLabel(a.restarted).check();
    await agent.keyboard.press('Control+Enter');
  }

  async function flowRunOverRest(id: string): Promise<FlowRunView> {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent1', password: 'agent1-demo' }) });
    const { token } = (await login.json()) as Session;
    const res = await fetch(`${server.url}/api/interactions/${id}/flow-run`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as FlowRunView;
  }

  beforeAll(async () => {
    server = await startDemoServer();
    ({ browser, close: closeBrowser } = await launchBrowser());
    agentCtx = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    agent = await agentCtx.newPage();
  });

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  it('starts the bound flow when the agent accepts a chat, beside the conversation', async () => {
    await loginAgent(agent, server.url, 'agent1', 'agent1-demo');
    await byId(agent, 'statusReady').click();
    await expect.poll(() => byId(agent, 'statusLabel').textContent()).toMatch(/ready/i);
    interactionId = await acceptChat('张三', '13800138000', '我家宽带上不了网 my broadband is down');
    expect(interactionId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => byId(agent, 'flowPanel').getAttribute('data-state'), { timeout: 15_000 }).toBe('waiting');
    expect(await byId(agent, 'flowName').textContent()).toContain('Broadband fault report');
    await stepAt('greet');
    expect(await step().textContent()).toContain('您好 张三');
    // The conversation stays usable at 1280 px: the composer keeps most of the width.
    const composer = await byId(agent, 'composer').boundingBox();
    expect(composer?.width).toBeGreaterThan(550);
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'flow-run-script-en');
  });

  it('refuses a bad answer field by field and keeps what the agent typed', async () => {
    await byId(agent, 'flowNext').click();
    await stepAt('askFault');
    // Focus moved to the form's first field: the flow is walked from the keyboard.
    await expect.poll(() => agent.evaluate(() => document.activeElement?.getAttribute('data-variable'))).toBe('account');
    await agent.keyboard.type('ab!');
    await field('contactPhone').fill('12');
    await agent.keyboard.press('Enter');
    await expect.poll(() => byId(agent, 'flowFieldError').count()).toBe(3);
    expect(await byId(agent, 'flowFieldError').allTextContents()).toEqual([
      '宽带账号为 6-20 位字母或数字',
      '"故障现象" is required',
      '"联系电话" is not a phone number',
    ]);
    expect(await field('account').inputValue()).toBe('ab!');
    expect(await field('account').getAttribute('aria-invalid')).toBe('true');
    // Focus went to the first answer to fix.
    expect(await agent.evaluate(() => document.activeElement?.getAttribute('data-variable'))).toBe('account');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'flow-run-refused-en');
  });

  it('walks the flow to its end by keyboard', async () => {
    await answerFaultAndModem({ account: 'bj02881234', fault: '无法上网 No connection', phone: '13800138000', lights: '正常 Normal', restarted: '否 No' });
    await stepAt('selfHelp');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('flow-run-next');
    await agent.keyboard.press('Enter');
    await stepAt('askResolved');
    await agent.locator('[data-variable="resolvedNow"]').getByLabel('是 Yes').check();
    await agent.keyboard.press('Control+Enter');
    await expect.poll(() => byId(agent, 'flowPanel').getAttribute('data-state')).toBe('finished');
    expect(await byId(agent, 'flowOutcome').textContent()).toBe('Flow finished. Disposition: Resolved');
    expect(await byId(agent, 'flowPath').textContent()).toContain('宽带账号: bj02881234');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'flow-run-finished-en');
  });

  it('stores the outcome on the interaction', async () => {
    const run = await flowRunOverRest(interactionId);
    expect(run).toMatchObject({ status: 'finished', disposition: 'resolved', flowKey: 'broadband-fault', outcome: { kind: 'ended', nodeId: 'endResolved' } });
    expect(run.steps.map((s) => s.nodeId)).toEqual(['start', 'greet', 'askFault', 'askModem', 'needRestart', 'selfHelp', 'askResolved', 'resolved', 'endResolved']);
  });

  it('suggests the flow’s disposition in the wrap-up, which the agent may change', async () => {
    await byId(agent, 'endChat').click();
    await byId(agent, 'wrapUpDialog').waitFor();
    await expect.poll(() => byId(agent, 'wrapUpDisposition').inputValue()).toBe('resolved');
    expect(await byId(agent, 'wrapUpDialog').textContent()).toContain('suggested by the service flow: Resolved');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'flow-run-wrap-up-en');
    await byId(agent, 'wrapUpSubmit').click();
    await expect.poll(() => byId(agent, 'wrapUpDialog').count()).toBe(0);
  });

  it('in zh-CN, creates the work order and shows its number as the result, going on by the ok branch', async () => {
    await byId(agent, 'languageSwitch').selectOption('zh-CN');
    await expect.poll(() => agent.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    if ((await byId(agent, 'statusLabel').textContent())?.includes('示忙')) await byId(agent, 'statusReady').click();
    await acceptChat('李四', '13900139000', '宽带一直掉线');
    await stepAt('greet');
    await byId(agent, 'flowNext').click();
    await stepAt('askFault');
    await answerFaultAndModem({ account: 'sh01234567', fault: '频繁掉线 Dropping', phone: '13900139000', lights: 'LOS 红灯 Red LOS', restarted: '是 Yes' });
    await stepAt('confirm');
    // The number the server gave (WO-<operator's day>-<nnnn>) is the node's result and in the script the agent reads out.
    expect((await byId(agent, 'flowResult').allTextContents()).join(' ')).toMatch(/WO-\d{8}-\d{4}/);
    expect(await step().textContent()).toMatch(/已为客户创建故障单 WO-\d{8}-\d{4}/);
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'flow-run-work-order-created-zh-CN');
    // Alt+F from inside the panel folds it to a rail, and again shows it with the step focused.
    await agent.keyboard.press('Alt+f');
    await expect.poll(() => byId(agent, 'flowPanel').getAttribute('data-state')).toBe('collapsed');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'flow-run-folded-zh-CN');
    await agent.keyboard.press('Alt+f');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('flow-run-next');
  });
});
