import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { dovecotMissing, htmlMail, newMessageId, startEmailDesk, type Beacon, type EmailDeskWorld, type MailPeers } from './support/email.js';
import { hostileMails, SENTINEL } from './support/hostileMails.js';
import { byId, shot } from './support/pages.js';

const missing = dovecotMissing();

/**
 * The XSS corpus (issue 6): hostile mails go in through IMAP like any
 * other, join one conversation, and the agent opens every one of them in
 * the desk. No script may run (a sentinel global stays unset in the desk and
 * in every frame, and no dialog opens), and no request may leave for a host
 * other than the desk's own server, from the desk or from any mail's frame.
 */
describe.skipIf(missing !== undefined)(missing ? `email XSS corpus (skipped: ${missing})` : 'email XSS corpus in Chromium', () => {
  let world: EmailDeskWorld;
  let peers: MailPeers;
  let beacon: Beacon;
  let context: BrowserContext;
  let page: Page;
  const offHost: string[] = [];
  const dialogs: string[] = [];
  const threadId = newMessageId();
  let corpus: ReturnType<typeof hostileMails>;

  beforeAll(async () => {
    world = await startEmailDesk({
      viewport: { width: 1280, height: 900 },
      // Watched from before the desk loads: nothing it or a mail's frame asks for escapes.
      watch: (watchedContext, watchedPage, server) => {
        const deskHost = new URL(server.url).host;
        watchedContext.on('request', (request) => {
          const url = new URL(request.url());
          if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && url.host !== deskHost) offHost.push(request.url());
        });
        watchedPage.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
      },
    });
    ({ peers, beacon, context, page } = world);
    corpus = hostileMails(beacon.origin, threadId);
  });

  afterAll(() => world?.stop());

  /** The sentinel in the desk and in every frame (a sandboxed frame is evaluated from the outside, which it cannot stop). */
  const sentinels = () => Promise.all(page.frames().map((f) => f.evaluate((name) => (window as unknown as Record<string, unknown>)[name] ?? null, SENTINEL).catch(() => 'unreadable')));

  it(`opens ${38 + 1} hostile mails in the desk: no script runs and nothing loads from elsewhere`, { timeout: 240_000 }, async () => {
    // The thread starts hostile too: its subject and sender become the offer, the inbox line and the header.
    await peers.dovecot.deliver(
      htmlMail({
        messageId: threadId,
        from: `"<script>top.${SENTINEL}=100</script>" <first@attacker.example>`,
        subject: `<img src=x onerror="top.${SENTINEL}=101">Your bill`,
        html: `<script>top.${SENTINEL}=102</script><p onclick="top.${SENTINEL}=103">Hello</p>`,
      }),
    );
    await byId(page, 'offerItem').first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Alt+a');
    await byId(page, 'emailView').waitFor();
    expect(await page.locator('.email__subject-text').textContent()).toBe(`<img src=x onerror="top.${SENTINEL}=101">Your bill`);

    for (const mail of corpus) await peers.dovecot.deliver(mail.raw);
    await expect.poll(() => byId(page, 'emailMessage').count(), { timeout: 60_000 }).toBe(corpus.length + 1);

    // Open every mail of the thread.
    const toggles = byId(page, 'emailMessageToggle');
    for (let i = 0; i < corpus.length + 1; i++) {
      const toggle = toggles.nth(i);
      if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    }
    const bodies = page.frames().filter((f) => f.url().includes('/api/email/bodies/'));
    expect(bodies.length).toBeGreaterThan(30);
    await Promise.all(bodies.map((f) => f.waitForLoadState('load')));

    // Hostile names are shown as text.
    const attachments = await byId(page, 'emailAttachment').allTextContents();
    expect(attachments.join('\n')).toContain(`<img src=x onerror=top.${SENTINEL}=35;`);
    expect(await page.getByText(`<img src=x onerror=top.${SENTINEL}=34;`, { exact: false }).count()).toBeGreaterThan(0);

    // A hostile attachment is only ever a download: nothing opens.
    for (const name of ['.html', 'invoice.svg']) {
      const link = byId(page, 'emailAttachment').filter({ hasText: name });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).not.toMatch(/[<>"/\\]/);
    }
    expect(context.pages()).toHaveLength(1);

    // Give delayed tricks (meta refresh, lazy media) their chance.
    await page.waitForTimeout(1500);
    await shot(page, 'email-xss-corpus');
    expect(dialogs).toEqual([]);
    expect((await sentinels()).filter((v) => v !== null)).toEqual([]);
    // A control: the check does see a sentinel set in the desk or in a mail's frame.
    for (const target of [page.mainFrame(), bodies[0]]) {
      await target?.evaluate((name) => ((window as unknown as Record<string, unknown>)[name] = 'control'), SENTINEL);
      expect(await sentinels()).toContain('control');
      await target?.evaluate((name) => delete (window as unknown as Record<string, unknown>)[name], SENTINEL);
    }
    expect(offHost).toEqual([]);
    expect(beacon.hits).toEqual([]);
  });
});
