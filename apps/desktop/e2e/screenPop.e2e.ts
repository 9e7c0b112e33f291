import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { BSS_DEV_ADMIN_KEY, BSS_DEV_KEY, startBssSim, type BssSim } from './support/bssSim.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, customerChat, loginAgent, shot } from './support/pages.js';

/** The renderer's screen-pop marks of one interaction, in ms from the offer push (performance marks, see network/screenPopMarks.ts). */
async function popTimes(page: Page, id: string): Promise<{ data: number; painted: number }> {
  return page.evaluate((interactionId) => {
    const at = (stage: string) => performance.getEntriesByName(`screenPop:${stage}:${interactionId}`, 'mark')[0]?.startTime ?? NaN;
    return { data: at('data') - at('offer'), painted: at('painted') - at('offer') };
  }, id);
}

/**
 * The screen-pop (issue 8, item 2) in Chromium against the demo server with
 * the BSS simulator as its billing system: a VIP chats with the demo
 * subscriber's number, the compact card pops on the offer before the
 * accept (tier, promotion), the full card beside the conversation fills in
 * the arrears from billing; an unknown number becomes a customer in two
 * clicks. The offer → painted times are printed, never asserted.
 */
describe('screen-pop and the customer card in the browser', () => {
  let bss: BssSim;
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let agent: Page;
  const timings: { who: string; data: number; painted: number }[] = [];

  /** A customer starts a chat in their own context; resolves with the ringing pop's interaction id. */
  async function chat(name: string, phone: string, text: string): Promise<string> {
    await customerChat(browser, server.url, { name, phone, text });
    await byId(agent, 'screenPop').waitFor({ timeout: 15_000 });
    return (await byId(agent, 'screenPop').getAttribute('data-interaction-id')) ?? '';
  }

  /** Accepts the ringing offer with Alt+A and shows its conversation. */
  async function accept(id: string): Promise<void> {
    await agent.keyboard.press('Alt+a');
    await expect.poll(() => byId(agent, 'offerItem').count()).toBe(0);
    await agent.locator(`[data-testid="inbox-item"][data-interaction-id="${id}"]`).click();
    await expect.poll(() => byId(agent, 'conversation').getAttribute('data-interaction-id')).toBe(id);
  }

  beforeAll(async () => {
    bss = await startBssSim();
    server = await startDemoServer({ env: { OMNICC_BSS_URL: bss.url, OMNICC_BSS_KEY: BSS_DEV_KEY } });
    ({ browser, close: closeBrowser } = await launchBrowser());
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    if (timings.length > 0) console.log(`screen-pop offer → data / painted (ms): ${timings.map((t) => `${t.who} ${t.data.toFixed(1)} / ${t.painted.toFixed(1)}`).join('; ')}`);
    await closeBrowser?.();
    await server?.stop();
    await bss?.stop();
  });

  let vipId = '';

  it('pops the VIP’s card on the offer, before the accept, with tier and promotion, and leaves focus alone', async () => {
    await loginAgent(agent, server.url, 'agent1', 'agent1-demo');
    await byId(agent, 'statusReady').click();
    await expect.poll(() => byId(agent, 'statusLabel').textContent()).toMatch(/ready/i);
    vipId = await chat('陈志强', '13800138000', '我想问一下这个月的话费 about my bill');
    const pop = byId(agent, 'screenPop');
    await expect.poll(() => pop.getAttribute('data-status'), { timeout: 10_000 }).toBe('known');
    expect(await pop.getByTestId('customer-tier').textContent()).toBe('VIP gold');
    expect(await pop.getByTestId('customer-name').textContent()).toBe('陈志强');
    expect(await pop.getByTestId('customer-promotion').textContent()).toContain('VIP renewal gift');
    expect(await pop.getByTestId('customer-manager').count()).toBe(1);
    expect(await agent.evaluate(() => !document.activeElement?.closest('[data-testid="screen-pop"]'))).toBe(true);
    expect(await byId(agent, 'screenPopAnnouncer').textContent()).toContain('Customer 陈志强, VIP gold');
    await expect.poll(() => popTimes(agent, vipId).then((t) => Number.isFinite(t.painted))).toBe(true);
    timings.push({ who: 'VIP', ...(await popTimes(agent, vipId)) });
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'screen-pop-ringing-en');
  });

  it('shows the full card after the accept, with the arrears from billing, and keeps the conversation usable at 1280 px', async () => {
    await accept(vipId);
    const card = byId(agent, 'customerCard');
    await expect.poll(() => card.getAttribute('data-status')).toBe('known');
    expect(await card.getByTestId('customer-tier').textContent()).toBe('VIP gold');
    // Billing answers: the arrears join the warnings, and the billing add-in's own page (a sandboxed frame) shows the figures.
    await expect.poll(() => byId(agent, 'customerWarnings').textContent(), { timeout: 10_000 }).toMatch(/Arrears ¥[\d,.]+ \(2 overdue bills\)/);
    expect(await card.getByTestId('customer-billing').count()).toBe(0);
    await expect.poll(() => card.locator('[data-testid="add-in-frame"][data-add-in="billing"]').count()).toBe(1);
    expect(await byId(agent, 'customerWarnings').textContent()).toContain('Churn risk: high');
    expect(await byId(agent, 'customerSubscriptions').textContent()).toContain('13800138000');
    const composer = await byId(agent, 'composer').boundingBox();
    expect(composer?.width).toBeGreaterThan(550);
    await agent.keyboard.press('Alt+c');
    expect(await agent.evaluate(() => document.activeElement?.textContent)).toBe('Customer');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'customer-card-en');
    await byId(agent, 'languageSwitch').selectOption('zh-CN');
    await expect.poll(() => card.getByTestId('customer-tier').textContent()).toBe('金卡 VIP');
    expect(await byId(agent, 'customerWarnings').textContent()).toContain('欠费');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'customer-card-zh-CN');
  });

  it('paints the card at once when billing is slow, and says billing is not available once the connector gives up', async () => {
    // 2 s on every BSS call: past the billing connector's 800 ms budget.
    const fault = await fetch(`${bss.url}/admin/faults`, { method: 'POST', headers: { authorization: `Bearer ${BSS_DEV_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 2000 }) });
    expect(fault.status).toBe(201);
    const id = await chat('李娜', '13800138003', '查一下余额');
    await expect.poll(() => byId(agent, 'screenPop').getAttribute('data-status'), { timeout: 10_000 }).toBe('known');
    await expect.poll(() => popTimes(agent, id).then((t) => Number.isFinite(t.painted))).toBe(true);
    timings.push({ who: 'slow BSS', ...(await popTimes(agent, id)) });
    await accept(id);
    const card = byId(agent, 'customerCard');
    await expect.poll(() => card.getAttribute('data-status')).toBe('known');
    expect(await card.getByTestId('customer-tier').textContent()).toBe('忠诚客户');
    const billing = card.locator('.customer-billing');
    await expect.poll(() => billing.getAttribute('data-status'), { timeout: 10_000 }).toBe('unavailable');
    expect(await billing.textContent()).toBe('计费系统暂不可用。');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'customer-card-billing-down-zh-CN');
    await fetch(`${bss.url}/admin/faults`, { method: 'DELETE', headers: { authorization: `Bearer ${BSS_DEV_ADMIN_KEY}` } });
  });

  it('makes an unknown number a customer in two clicks (zh-CN)', async () => {
    const id = await chat('赵六', '13700137001', '你好');
    const pop = byId(agent, 'screenPop');
    await expect.poll(() => pop.getAttribute('data-status'), { timeout: 10_000 }).toBe('unknown');
    await expect.poll(() => popTimes(agent, id).then((t) => Number.isFinite(t.painted))).toBe(true);
    timings.push({ who: 'unknown', ...(await popTimes(agent, id)) });
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'screen-pop-unknown-zh-CN');
    await accept(id);
    const card = byId(agent, 'customerCard');
    await expect.poll(() => card.getAttribute('data-status')).toBe('unknown');
    await byId(agent, 'customerCreate').click();
    expect(await agent.getByLabel('姓名').inputValue()).toBe('赵六');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'customer-create-zh-CN');
    await byId(agent, 'customerSave').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('known');
    expect(await card.getByTestId('customer-name').textContent()).toBe('赵六');
    expect(await card.getByTestId('customer-tier').textContent()).toBe('普通客户');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'customer-card-created-zh-CN');
  });
});
