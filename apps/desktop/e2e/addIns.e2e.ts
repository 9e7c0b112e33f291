import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { BSS_DEV_ADMIN_KEY, BSS_DEV_KEY, startBssSim, type BssSim } from './support/bssSim.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { shot } from './support/pages.js';

/**
 * The billing UI add-in in Chromium: its page, served by our server with
 * its own CSP, runs in an iframe sandbox="allow-scripts" inside a page of
 * our origin; a stand-in host (the RPC protocol of docs/add-ins.md §3, the
 * supervisor's token kept in the parent) answers it. The frame shows a demo
 * subscriber's balance and arrears from the BSS simulator, cannot read
 * storage (checked from inside the frame), and says billing is unavailable
 * when the BSS hangs (the connector's 800 ms budget).
 */
describe('billing add-in in the browser', () => {
  let bss: BssSim;
  let server: DemoServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    bss = await startBssSim();
    server = await startDemoServer({ env: { OMNICC_BSS_URL: bss.url, OMNICC_BSS_KEY: BSS_DEV_KEY } });
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    await bss?.stop();
  });

  /** Our desk's page with the add-in frame and a stand-in host answering for `msisdn` in `locale`. */
  async function hostPage(locale: 'en' | 'zh-CN', msisdn: string): Promise<{ page: Page; frame: Frame }> {
    const page = await (await browser.newContext({ locale, viewport: { width: 900, height: 700 } })).newPage();
    await page.goto(`${server.url}/`);
    await page.evaluate(
      async ({ locale, msisdn }) => {
        const login = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'super1', password: 'super1-demo' }) });
        const { token } = (await login.json()) as { token: string };
        sessionStorage.setItem('omnicc.session', JSON.stringify({ token }));
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-scripts');
        frame.setAttribute('title', 'billing');
        frame.style.cssText = 'position:fixed;inset:20px;width:420px;height:420px;border:1px solid #ccc;background:#fff;z-index:99999';
        window.addEventListener('message', (event: MessageEvent<{ protocol?: string; kind?: string; id?: string; method?: string; params?: { operation: string; input: unknown } }>) => {
          const m = event.data;
          if (event.source !== frame.contentWindow || m.protocol !== 'omnicc.addIn/1' || m.kind !== 'request') return;
          const reply = (body: object) => frame.contentWindow?.postMessage({ protocol: 'omnicc.addIn/1', kind: 'response', id: m.id, ...body }, '*');
          if (m.method === 'getContext') return reply({ ok: true, result: { addInId: 'billing', slot: 'customerCardSidebar', locale, granted: ['customer.contact.read', 'billing.read'] } });
          if (m.method === 'getCustomerContacts') return reply({ ok: true, result: { phones: [msisdn], emails: [] } });
          if (m.method === 'callOperation' && m.params) {
            void fetch(`/api/add-ins/billing/call/${m.params.operation}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ input: m.params.input }) }).then(async (res) => {
              const body = (await res.json()) as { error?: { code: string; message: string; details?: { addInError?: string } } };
              reply(res.ok ? { ok: true, result: body } : { ok: false, error: { code: 'FAILED', message: body.error?.message ?? '', addInError: body.error?.details?.addInError } });
            });
            return;
          }
          reply({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'no' } });
        });
        frame.src = '/add-ins/billing/ui/index.html';
        document.body.append(frame);
      },
      { locale, msisdn },
    );
    const billingFrame = () => page.frames().find((f) => f.url().includes('/add-ins/billing/'));
    await expect.poll(() => billingFrame() !== undefined, { timeout: 10_000 }).toBe(true);
    const frame = billingFrame()!;
    await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.state ?? ''), { timeout: 10_000 }).toBe('ready');
    return { page, frame };
  }

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`shows the VIP's balance and arrears (${locale}), and cannot read storage or the token`, async () => {
      const { page, frame } = await hostPage(locale, '+8613800138000');
      const text = await frame.evaluate(() => document.body.innerText);
      expect(text).toContain(locale === 'en' ? 'Arrears' : '欠费');
      expect(await frame.evaluate(() => document.querySelector('[data-field="balance"]')?.textContent)).toMatch(/^\d+\.\d{2} /);
      expect(await frame.evaluate(() => document.querySelector('[data-field="arrears"]')?.className)).toBe('alert');
      expect(await frame.evaluate(() => document.querySelectorAll('[data-field="bills"] li').length)).toBe(3);
      // From inside the frame: its origin is opaque, storage throws, and the parent's session is out of reach.
      expect(await frame.evaluate(() => document.documentElement.dataset.storage)).toBe('blocked');
      expect(
        await frame.evaluate(() => {
          try {
            return `${window.origin} ${String(sessionStorage.getItem('omnicc.session'))}`;
          } catch (e) {
            return `${window.origin} ${(e as Error).name}`;
          }
        }),
      ).toBe('null SecurityError');
      expect(
        await frame.evaluate(() => {
          try {
            return window.parent.document.title;
          } catch (e) {
            return (e as Error).name;
          }
        }),
      ).toBe('SecurityError');
      await shot(page, `add-in-billing-${locale}`);
    });
  }

  it('says billing is unavailable when the BSS hangs, within the budget', async () => {
    const rule = await fetch(`${bss.url}/admin/faults`, { method: 'POST', headers: { authorization: `Bearer ${BSS_DEV_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'hang', hangMs: 20_000 }) });
    expect(rule.status).toBe(201);
    const { page, frame } = await hostPage('zh-CN', '+8613800138002');
    expect(await frame.evaluate(() => document.querySelector('[data-error]')?.getAttribute('data-error'))).toBe('TIMEOUT');
    expect(await frame.evaluate(() => document.body.innerText)).toContain('计费系统暂不可用');
    await shot(page, 'add-in-billing-bss-hanging-zh-CN');
    await fetch(`${bss.url}/admin/faults`, { method: 'DELETE', headers: { authorization: `Bearer ${BSS_DEV_ADMIN_KEY}` } });
  });
});
