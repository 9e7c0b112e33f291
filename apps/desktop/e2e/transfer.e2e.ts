import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, loginAgent, shot, widget } from './support/pages.js';

/** The demo agents (apps/cti-server/src/seed/demoData.ts): both in team-a (chat-general, chat-vip); only agent1 has the VIP skill. */
const AGENTS = {
  agent1: { password: 'agent1-demo', name: '李娜 Li Na', filter: 'li na' },
  agent2: { password: 'agent2-demo', name: '王强 Wang Qiang', filter: 'wang' },
} as const;
type AgentName = keyof typeof AGENTS;

/** A queued hand-off waits for the receiver's own after-call timer (the queue's wrapUpSeconds, 30 s in the demo). */
const AFTER_WRAP_UP = 50_000;

/**
 * Transfer (转接) in the browser: an agent hands the customer's chat to
 * another agent and then to a queue. After each hand-off the chat leaves the
 * sender's desk with no wrap-up dialog (the server times the sender's
 * after-call work), and the receiver gets an offer, accepts, and sees the
 * whole conversation so far.
 */
describe('transfer in the browser: agent to agent, then to a queue', () => {
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const contexts: BrowserContext[] = [];
  const pages = {} as Record<AgentName, Page>;
  let customer: Page;
  /** Who holds the chat now, and who does not. */
  let holder: AgentName;
  const other = (a: AgentName): AgentName => (a === 'agent1' ? 'agent2' : 'agent1');
  let interactionId: string | null = null;

  beforeAll(async () => {
    server = await startDemoServer();
    ({ browser, close: closeBrowser } = await launchBrowser());
    for (const name of ['agent1', 'agent2'] as const) {
      const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
      contexts.push(ctx);
      pages[name] = await ctx.newPage();
    }
    const customerCtx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 900, height: 720 } });
    contexts.push(customerCtx);
    customer = await customerCtx.newPage();
  });

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  const messagesOf = async (page: Page): Promise<string> => (await byId(page, 'message').allTextContents()).join('\n');

  /** The receiver takes the offer of the transferred chat and sees its history. */
  async function receive(receiver: AgentName, timeout?: number): Promise<void> {
    const page = pages[receiver];
    const offer = byId(page, 'offerItem').first();
    await offer.waitFor(timeout === undefined ? undefined : { timeout });
    expect(await offer.getAttribute('data-offer-id')).toBeTruthy();
    await page.keyboard.press('Alt+a');
    await byId(page, 'conversation').waitFor();
    await expect.poll(() => byId(page, 'conversation').getAttribute('data-interaction-id')).toBe(interactionId);
    await expect.poll(() => messagesOf(page)).toContain('我想改套餐 I want to change my plan');
    await expect.poll(() => messagesOf(page)).toContain('One moment, let me find the right colleague.');
    // The customer sees who serves them now.
    await expect.poll(() => widget(customer).status().textContent()).toContain(AGENTS[receiver].name.split(' ')[0]);
    holder = receiver;
  }

  /** The sender's desk after a hand-off: no chat, no dialogs, and the server's after-call status. */
  async function expectLeftDesk(sender: AgentName, wrapUpLabel: RegExp): Promise<void> {
    const page = pages[sender];
    await expect.poll(() => byId(page, 'transferDialog').count()).toBe(0);
    await expect.poll(() => byId(page, 'inboxItem').count()).toBe(0);
    expect(await byId(page, 'conversation').count()).toBe(0);
    expect(await byId(page, 'transferOpen').count()).toBe(0);
    expect(await byId(page, 'wrapUpDialog').count()).toBe(0);
    await expect.poll(() => byId(page, 'statusLabel').textContent()).toMatch(wrapUpLabel);
    // And it stays that way: no late wrap-up dialog for a chat someone else now owns.
    await page.waitForTimeout(500);
    expect(await byId(page, 'wrapUpDialog').count()).toBe(0);
    expect(await byId(page, 'inboxItem').count()).toBe(0);
  }

  it('logs both agents in and sets them ready', async () => {
    // agent1 first: with longest-idle routing the chat then rings there, which makes the queue step below the VIP one.
    for (const name of ['agent1', 'agent2'] as const) {
      const page = pages[name];
      await loginAgent(page, server.url, name, AGENTS[name].password);
      await byId(page, 'statusReady').click();
      await expect.poll(() => byId(page, 'statusLabel').textContent()).toMatch(/ready/i);
    }
  });

  it('offers the customer\'s chat to one agent, who accepts and answers', async () => {
    await customer.goto(`${server.url}/demo/`);
    const w = widget(customer);
    await w.open();
    await w.start('王五', '13900139000');
    await w.send('我想改套餐 I want to change my plan');

    let ringing: AgentName | null = null;
    await expect
      .poll(
        async () => {
          for (const name of ['agent1', 'agent2'] as const) if ((await byId(pages[name], 'offerItem').count()) > 0) ringing = name;
          return ringing;
        },
        { timeout: 15_000 },
      )
      .not.toBeNull();
    holder = ringing!;
    // Only one of them rings.
    expect(await byId(pages[other(holder)], 'offerItem').count()).toBe(0);
    const page = pages[holder];
    await page.keyboard.press('Alt+a');
    await byId(page, 'conversation').waitFor();
    interactionId = await byId(page, 'inboxItem').first().getAttribute('data-interaction-id');
    expect(interactionId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => messagesOf(page)).toContain('I want to change my plan');
    await byId(page, 'composer').fill('One moment, let me find the right colleague.');
    await byId(page, 'composer').press('Enter');
    await expect.poll(async () => (await w.messages().allTextContents()).join('\n')).toContain('let me find the right colleague');
  });

  it('transfers to the other agent with Alt+T and a filter (dialog axe-clean, screenshot in en)', async () => {
    const sender = holder;
    const receiver = other(sender);
    const page = pages[sender];
    await page.keyboard.press('Alt+t');
    const dialog = byId(page, 'transferDialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('heading').first().textContent()).toBe('Transfer: 王五');
    // Focus lands in the filter box.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('transfer-filter');

    const receiverOption = byId(page, 'transferAgent').filter({ hasText: AGENTS[receiver].name });
    await receiverOption.waitFor();
    expect(await receiverOption.getAttribute('aria-disabled')).toBeNull();
    expect(await receiverOption.textContent()).toContain('Ready');
    // The sender is not listed as a target.
    expect(await byId(page, 'transferAgent').filter({ hasText: AGENTS[sender].name }).count()).toBe(0);
    // Both chat queues of the team, with how many wait in each.
    const queues = byId(page, 'transferQueue');
    expect(await queues.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(['queue:chat-general', 'queue:chat-vip']);
    expect(await queues.allTextContents()).toEqual(['Web chat – general0 waiting', 'Web chat – VIP0 waiting']);

    await shot(page, 'desktop-transfer-dialog-en');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.type(AGENTS[receiver].filter);
    await expect.poll(() => dialog.getByRole('option').count()).toBe(1);
    expect(await dialog.getByRole('option').first().getAttribute('data-key')).toMatch(/^agent:/);
    await page.keyboard.press('Enter');

    await expectLeftDesk(sender, /wrap-up/i);
    await receive(receiver);
    expect(await byId(pages[receiver], 'wrapUpDialog').count()).toBe(0);
  });

  it('transfers to a queue (dialog axe-clean, screenshot in zh-CN), and the skilled agent gets it after their after-call time', async () => {
    const sender = holder;
    const page = pages[sender];
    await byId(page, 'languageSwitch').selectOption('zh-CN');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.keyboard.press('Alt+t');
    const dialog = byId(page, 'transferDialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('heading').first().textContent()).toBe('转接：王五');
    await byId(page, 'transferQueue').first().waitFor();
    expect(await byId(page, 'transferQueue').allTextContents()).toEqual(['在线客服-综合排队 0', '在线客服-VIP排队 0']);
    // The previous sender is still in its after-call time: listed, greyed, with the reason.
    const previous = byId(page, 'transferAgent').filter({ hasText: AGENTS[other(sender)].name });
    await previous.waitFor();
    expect(await previous.getAttribute('aria-disabled')).toBe('true');
    expect(await previous.textContent()).toContain('正在话后处理');

    await shot(page, 'desktop-transfer-dialog-zh-CN');
    expect(await axeViolations(page)).toEqual([]);

    // The VIP queue needs the VIP skill (agent1 only). From agent1 that queue would ring agent1 again, so agent1 hands back to the general queue.
    const queueId = sender === 'agent2' ? 'chat-vip' : 'chat-general';
    await page.keyboard.type(queueId === 'chat-vip' ? 'VIP' : '综合');
    await expect.poll(() => dialog.getByRole('option').count()).toBe(1);
    expect(await dialog.getByRole('option').first().getAttribute('data-key')).toBe(`queue:${queueId}`);
    await dialog.getByRole('option').first().click();

    await expectLeftDesk(sender, /话后处理/);
    await receive(other(sender), AFTER_WRAP_UP);
  }, 90_000);
});
