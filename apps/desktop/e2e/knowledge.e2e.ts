import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { KNOWLEDGE_TEST_IDS } from '../src/renderer/components/knowledge/knowledgePanelStore.js';
import { launchBrowser } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, customerChat, loginAgent, shot } from './support/pages.js';

/**
 * The knowledge base from the desk (issue 8, item 6): the demo seed loads
 * the test-set articles; an agent in a chat opens the panel with Alt+L,
 * searches 宽带 故障 in zh-CN, finds the broadband fault article first,
 * opens it and inserts its passage into the reply; then the same in en.
 * axe-clean at each step; screenshots knowledge-* in apps/desktop/artifacts.
 */
describe('knowledge panel in the browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let agent: Page;
  const kb = (id: keyof typeof KNOWLEDGE_TEST_IDS) => agent.getByTestId(KNOWLEDGE_TEST_IDS[id]);

  beforeAll(async () => {
    server = await startDemoServer();
    ({ browser, close: closeBrowser } = await launchBrowser());
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  it('in zh-CN, finds the broadband fault article first for 宽带 故障 and inserts its passage into the reply', async () => {
    // agent1 accepts a customer's chat (Alt+A).
    await loginAgent(agent, server.url, 'agent1', 'agent1-demo');
    await byId(agent, 'statusReady').click();
    await expect.poll(() => byId(agent, 'statusLabel').textContent()).toMatch(/ready/i);
    await customerChat(browser, server.url, { name: '王五', phone: '13900139000', text: '宽带上不了网，光猫灯不亮' });
    await byId(agent, 'offerItem').waitFor();
    await agent.keyboard.press('Alt+a');
    await expect.poll(() => byId(agent, 'offerItem').count()).toBe(0);
    await byId(agent, 'languageSwitch').selectOption('zh-CN');
    await expect.poll(() => agent.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await byId(agent, 'composer').click();
    await agent.keyboard.press('Alt+l');
    await kb('dialog').waitFor();
    // Focus is in the search field: the agent just types.
    await agent.keyboard.type('宽带 故障');
    // The answer to the whole query (earlier keystrokes' searches were debounced or aborted): several hits, the right one first.
    await expect.poll(() => agent.locator('.knowledge__status').textContent(), { timeout: 10_000 }).toMatch(/^找到 \d+ 篇文章$/);
    expect(await kb('result').count()).toBeGreaterThan(2);
    const first = kb('result').first();
    expect(await first.locator('.knowledge__hit-title').textContent()).toBe('宽带无法上网故障排查');
    expect(await first.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['宽带', '故障']));
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'knowledge-search-zh-CN');

    await agent.keyboard.press('Enter');
    await kb('article').waitFor();
    expect(await kb('article').locator('h3').textContent()).toBe('宽带无法上网故障排查');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'knowledge-article-zh-CN');
    await kb('insertPassage').first().click();
    await kb('dialog').waitFor({ state: 'detached' });
    const draft = await byId(agent, 'composer').inputValue();
    expect(draft).toContain('客户反映宽带完全无法上网时，先请客户查看光猫指示灯');
    await shot(agent, 'knowledge-inserted-zh-CN');
  });

  it('in en, reopens on the last search, reads an English article and rates it', async () => {
    await byId(agent, 'languageSwitch').selectOption('en');
    await expect.poll(() => agent.evaluate(() => document.documentElement.lang)).toBe('en');
    await byId(agent, 'composer').click();
    await agent.keyboard.press('Alt+l');
    await kb('dialog').waitFor();
    expect(await kb('search').inputValue()).toBe('宽带 故障');
    await kb('search').fill('broadband router');
    await expect.poll(() => kb('result').first().locator('.knowledge__hit-title').textContent(), { timeout: 10_000 }).toBe('Broadband not working: first checks');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'knowledge-search-en');
    await kb('result').first().click();
    await kb('article').waitFor();
    await kb('helpful').click();
    await expect.poll(() => kb('helpful').getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'knowledge-article-en');
    await agent.keyboard.press('Escape');
    await kb('dialog').waitFor({ state: 'detached' });
  });
});
