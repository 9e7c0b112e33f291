import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Session, Transcript } from '@omnicc/shared';
import { launchBrowser } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, loginAgent, shot, widget } from './support/pages.js';

/**
 * The foundation's acceptance test: a customer chats from the widget on the
 * demo page; an agent logs into the web desktop, goes ready, gets the offer,
 * accepts it, they talk, and the agent wraps up; the transcript is then
 * readable over REST. All in Debian Chromium against the server started the
 * way the README's start command starts it.
 */
describe('web chat in the browser: widget to agent desktop and back', () => {
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let agentCtx: BrowserContext;
  let customerCtx: BrowserContext;
  let agent: Page;
  let customer: Page;
  let interactionId: string | null = null;
  const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

  beforeAll(async () => {
    server = await startDemoServer();
    ({ browser, close: closeBrowser } = await launchBrowser());
    agentCtx = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    customerCtx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 900, height: 720 } });
    agent = await agentCtx.newPage();
    customer = await customerCtx.newPage();
  });

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  it('logs the agent in (axe-clean login screen) and sets ready', async () => {
    await agent.goto(server.url);
    await byId(agent, 'loginUsername').waitFor();
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'desktop-login-en');
    await byId(agent, 'loginUsername').fill('agent1');
    await byId(agent, 'loginPassword').fill('wrong-password');
    await byId(agent, 'loginSubmit').click();
    await expect.poll(() => byId(agent, 'loginError').isVisible(), { timeout: 10_000 }).toBe(true);
    await loginAgent(agent, server.url, 'agent1', 'agent1-demo');
    await byId(agent, 'statusReady').click();
    await expect.poll(() => byId(agent, 'statusLabel').textContent()).toMatch(/ready/i);
    expect(await axeViolations(agent)).toEqual([]);
  });

  it('offers the customer\'s chat to the agent with a ring toast, and the agent accepts by keyboard', async () => {
    await customer.goto(`${server.url}/demo/`);
    const w = widget(customer);
    await w.open();
    await shot(customer, 'widget-prechat-zh-CN');
    await w.start('张三', '13800138000');
    await w.send(`Hi ${XSS} 我的话费余额是多少？`);

    await byId(agent, 'offerItem').waitFor();
    await byId(agent, 'toast').waitFor();
    await shot(agent, 'desktop-offer-ringing-en');
    await agent.keyboard.press('Alt+a');
    await byId(agent, 'conversation').waitFor();
    await expect.poll(() => byId(agent, 'offerItem').count()).toBe(0);
    interactionId = await byId(agent, 'inboxItem').first().getAttribute('data-interaction-id');
    expect(interactionId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => byId(agent, 'toast').count()).toBe(0);
    await expect.poll(() => w.status().textContent()).toContain('李娜');
  });

  it('shows hostile text as text on both sides and runs no script', async () => {
    const first = byId(agent, 'message').filter({ hasText: 'onerror' }).first();
    await expect.poll(() => first.textContent()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await customer.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await agent.locator('[data-testid="message-list"] img').count()).toBe(0);
  });

  it('carries messages both ways live, with typing and read state', async () => {
    const w = widget(customer);
    await w.typing();
    await byId(agent, 'typingIndicator').filter({ hasText: /typing/i }).waitFor();
    await byId(agent, 'composer').fill('您好，您的余额是 42 元。Your balance is ¥42.');
    await byId(agent, 'composer').press('Enter');
    await expect.poll(async () => (await w.messages().allTextContents()).join('\n')).toContain('Your balance is ¥42.');
    // The agent's view is open, so the customer's message turns read in the widget.
    await expect.poll(() => customer.locator('#omnicc-chat li.msg.customer').first().getAttribute('data-delivery')).toBe('read');
    await w.send('谢谢 thanks');
    await expect.poll(async () => (await byId(agent, 'message').allTextContents()).join('\n')).toContain('谢谢 thanks');
    await shot(agent, 'desktop-conversation-en');
    await shot(customer, 'widget-conversation-zh-CN');
  });

  it('keeps the conversation when the customer reloads the page', async () => {
    await customer.reload();
    const w = widget(customer);
    await expect.poll(async () => (await w.messages().allTextContents()).join('\n')).toContain('Your balance is ¥42.');
    expect(await w.messages().count()).toBe(3);
  });

  it('wraps up with a disposition and a note, and the transcript is readable over REST', async () => {
    await byId(agent, 'endChat').click();
    await byId(agent, 'wrapUpDialog').waitFor();
    expect(await axeViolations(agent)).toEqual([]);
    await byId(agent, 'wrapUpDisposition').selectOption('billingQuery');
    await byId(agent, 'wrapUpNote').fill('Balance told; no further action');
    await shot(agent, 'desktop-wrap-up-en');
    await byId(agent, 'wrapUpSubmit').click();
    await expect.poll(() => byId(agent, 'wrapUpDialog').count()).toBe(0);
    await expect.poll(() => widget(customer).status().textContent()).toContain('会话已结束');

    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'super1', password: 'super1-demo' }) });
    const { token } = (await login.json()) as Session;
    const res = await fetch(`${server.url}/api/interactions/${interactionId}/transcript`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const transcript = (await res.json()) as Transcript;
    expect(transcript.interaction).toMatchObject({ state: 'closed', dispositionCode: 'billingQuery', wrapUpNote: 'Balance told; no further action', customer: { name: '张三' } });
    expect(transcript.messages.map((m) => m.sender)).toEqual(['customer', 'agent', 'customer', 'system']);
    expect(transcript.messages[0]?.text).toContain(XSS);
  });

  it('switches the desktop to zh-CN', async () => {
    await byId(agent, 'languageSwitch').selectOption('zh-CN');
    await expect.poll(() => agent.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await shot(agent, 'desktop-main-zh-CN');
    expect(await axeViolations(agent)).toEqual([]);
  });
});
