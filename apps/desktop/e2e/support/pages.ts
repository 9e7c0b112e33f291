import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { TEST_IDS } from '../../src/renderer/testIds.js';
import { ARTIFACTS } from './browser.js';

export const byId = (page: Page, id: keyof typeof TEST_IDS) => page.getByTestId(TEST_IDS[id]);

/** Saves a screenshot under apps/desktop/artifacts/ (kept by CI as test artifacts). */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export async function loginAgent(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await byId(page, 'loginUsername').fill(username);
  await byId(page, 'loginPassword').fill(password);
  await byId(page, 'loginSubmit').click();
  await byId(page, 'statusLabel').waitFor();
}

/**
 * axe-core WCAG 2 A/AA violations on the page as it is now (ids and targets,
 * for a readable failure). `exclude` leaves out content that is not ours,
 * such as a customer's mail in its sandboxed frame (which axe cannot run
 * in: the frame allows no script).
 */
export async function axeViolations(page: Page, exclude: readonly string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The chat widget lives in an open shadow root; Playwright's CSS locators pierce it. */
export const widget = (page: Page) => ({
  open: () => page.locator('#omnicc-chat .launcher').click(),
  start: async (name: string, phone: string) => {
    await page.locator('#omnicc-chat input[name=name]').fill(name);
    await page.locator('#omnicc-chat input[name=phone]').fill(phone);
    await page.locator('#omnicc-chat form button[type=submit]').click();
    await page.locator('#omnicc-chat textarea').waitFor();
  },
  send: async (text: string) => {
    await page.locator('#omnicc-chat textarea').fill(text);
    await page.locator('#omnicc-chat textarea').press('Enter');
  },
  messages: () => page.locator('#omnicc-chat li.msg'),
  status: () => page.locator('#omnicc-chat .status'),
  typing: () => page.locator('#omnicc-chat textarea').pressSequentially('I am typing', { delay: 20 }),
});

/**
 * A customer (in a browser context of their own, zh-CN) starts a web chat
 * on the demo page and writes `text`; `agent`, ready, accepts its offer with
 * Alt+A. Resolves once the conversation is open.
 */
export async function customerChatAccepted(browser: Browser, agent: Page, url: string, customer: { name: string; phone: string; text: string }): Promise<void> {
  const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 900, height: 720 } })).newPage();
  await page.goto(`${url}/demo/`);
  const w = widget(page);
  await w.open();
  await w.start(customer.name, customer.phone);
  await w.send(customer.text);
  await byId(agent, 'offerItem').waitFor({ timeout: 20_000 });
  await agent.keyboard.press('Alt+a');
  await byId(agent, 'conversation').waitFor();
}

/**
 * A customer, in a browser context of their own (zh-CN, like our users'),
 * opens the demo page's chat widget, gives name and phone and sends `text`.
 * Returns the customer's page, to read or write more.
 */
export async function customerChat(browser: Browser, serverUrl: string, chat: { name: string; phone: string; text: string }): Promise<Page> {
  const customer = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 900, height: 720 } })).newPage();
  await customer.goto(`${serverUrl}/demo/`);
  const w = widget(customer);
  await w.open();
  await w.start(chat.name, chat.phone);
  await w.send(chat.text);
  return customer;
}

