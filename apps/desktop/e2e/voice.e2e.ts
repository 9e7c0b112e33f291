import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { axeViolations, byId, shot } from './support/pages.js';
import { placeCall, telephonyMissing, voiceServerEnv, type SippCall, type VoicePorts } from './support/voice.js';
import { ngCommand } from '../../cti-server/src/adapters/kamailio/rtpengineNg.js';

/** RTP bytes rtpengine relayed for each call it has now (its own figures, over its ng control port). */
async function relayedRtpBytes(ngPort: number): Promise<number[]> {
  const list = await ngCommand('127.0.0.1', ngPort, { command: 'list' });
  const calls = Array.isArray(list.calls) ? (list.calls as string[]) : [];
  const bytes: number[] = [];
  for (const callId of calls) {
    const q = (await ngCommand('127.0.0.1', ngPort, { command: 'query', 'call-id': callId })) as { totals?: { RTP?: { bytes?: number } } };
    bytes.push(q.totals?.RTP?.bytes ?? 0);
  }
  return bytes;
}

/** Whether rtpengine has a call with the queue's side in it (the queue tone's early media, see queueAnnouncer.ts). */
async function queueTonePlaying(ngPort: number): Promise<boolean> {
  const list = await ngCommand('127.0.0.1', ngPort, { command: 'list' });
  for (const callId of Array.isArray(list.calls) ? (list.calls as string[]) : []) {
    const q = (await ngCommand('127.0.0.1', ngPort, { command: 'query', 'call-id': callId })) as { tags?: Record<string, unknown> };
    if (q.tags && 'omnicc-queue' in q.tags) return true;
  }
  return false;
}

/**
 * Fake microphone and no permission prompt (Chromium's test devices), and
 * WebRTC over loopback, which Chromium leaves out of ICE unless told.
 */
const MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection'];

const missing = telephonyMissing();
if (missing) console.warn(`voice e2e skipped: ${missing}`);


/** RTP byte counters of the call's peer connection, read through the ?voiceDiagnostics handle. */
async function audioBytes(page: Page): Promise<{ received: number; sent: number }> {
  const callId = await byId(page, 'callBar').getAttribute('data-call-id');
  return page.evaluate(async (id) => {
    const handle = (window as { omniccVoice?: { stats(callId: string): Promise<Record<string, unknown>[] | null> } }).omniccVoice;
    const stats = (await handle?.stats(id ?? '')) ?? [];
    const audio = (type: string) => stats.filter((s) => s.type === type && s.kind === 'audio');
    const sum = (list: Record<string, unknown>[], key: string) => list.reduce((n, s) => n + Number(s[key] ?? 0), 0);
    return { received: sum(audio('inbound-rtp'), 'bytesReceived'), sent: sum(audio('outbound-rtp'), 'bytesSent') };
  }, callId);
}

/** Screenshot and axe scan of the screen as it is, in one language. */
async function checkScreen(page: Page, language: 'en' | 'zh-CN', name: string): Promise<void> {
  await byId(page, 'languageSwitch').selectOption(language);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
  await shot(page, `${name}-${language}`);
  expect(await axeViolations(page)).toEqual([]);
}

/**
 * The softphone in the browser: a sipp caller dials the demo's hotline
 * (10086) through real Kamailio and rtpengine; routing offers the call to
 * the agent, whose sip.js softphone in Chromium rings; the agent answers
 * from the offer card, audio flows both ways (WebRTC getStats), hold and
 * resume go through re-INVITEs, and hanging up leads to the wrap-up.
 */
describe.skipIf(missing !== undefined)('voice in the browser: ring, answer, audio, hold, hang up', () => {
  let server: DemoServer;
  let ports: VoicePorts;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  let caller: SippCall | undefined;

  beforeAll(async () => {
    const voice = await voiceServerEnv();
    ports = voice.ports;
    server = await startDemoServer({ env: voice.env });
    ({ browser, close: closeBrowser } = await launchBrowser(MEDIA_ARGS));
    // The page may only connect where its CSP allows; the softphone needs Kamailio's WebSocket.
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    const connectSrc = csp.split(';').find((d) => d.trim().startsWith('connect-src')) ?? '';
    // The real CSP applies: it must allow exactly the softphone's WebSocket besides our own origin.
    expect(connectSrc.trim()).toBe(`connect-src 'self' ws://127.0.0.1:${ports.ws}`);
    const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, permissions: ['microphone'] });
    page = await ctx.newPage();
  });

  afterAll(async () => {
    caller?.kill();
    await closeBrowser?.();
    await server?.stop();
  });

  it('registers the softphone on sign-in and shows it calmly in the top bar', async () => {
    await page.goto(`${server.url}/?voiceDiagnostics`);
    await byId(page, 'loginUsername').fill('agent1');
    await byId(page, 'loginPassword').fill('agent1-demo');
    await byId(page, 'loginSubmit').click();
    await byId(page, 'statusLabel').waitFor();
    await expect.poll(() => byId(page, 'softphoneStatus').getAttribute('data-registration'), { timeout: 15_000 }).toBe('registered');
    expect(await byId(page, 'softphoneStatus').textContent()).toBe('Phone ready');
    await byId(page, 'statusReady').click();
    await expect.poll(() => byId(page, 'statusLabel').textContent()).toMatch(/ready/i);
  });

  it('takes the card away when the caller hangs up while it rings', async () => {
    const quitter = await placeCall('caller-hangs-up-ringing', ports.sip, ['-key', 'caller', '13900139000', '-key', 'caller_name', 'Han Meimei', '-d', '2500'], 60);
    await byId(page, 'offerItem').waitFor({ timeout: 15_000 });
    expect(await byId(page, 'offerItem').textContent()).toContain('13900139000');
    const result = await quitter.done;
    expect(result, result.errors).toMatchObject({ code: 0 });
    await expect.poll(() => byId(page, 'offerItem').count(), { timeout: 5000 }).toBe(0);
    expect(await byId(page, 'callBar').count()).toBe(0);
    expect(await byId(page, 'inboxItem').count()).toBe(0);
  }, 60_000);

  it('rings with the caller on the offer card, answers from it, and carries audio both ways', async () => {
    // The caller waits first (the agent on a break), hearing the queue tone: rtpengine's early media, then the agent's answer.
    await byId(page, 'statusNotReady').click();
    await page.getByTestId('reason-break').click();
    await expect.poll(() => byId(page, 'statusLabel').textContent()).toMatch(/not ready/i);
    caller = await placeCall('caller-talks', ports.sip, ['-key', 'caller', '13800138000', '-key', 'caller_name', 'Li Lei'], 120);
    await expect.poll(() => queueTonePlaying(ports.rtpengineNg), { timeout: 10_000 }).toBe(true);
    await byId(page, 'statusReady').click();
    const card = byId(page, 'offerItem');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('13800138000');
    expect(await card.textContent()).toContain('Li Lei');
    expect(await byId(page, 'offerAccept').textContent()).toContain('Answer');
    await checkScreen(page, 'en', 'desktop-voice-ringing');
    await checkScreen(page, 'zh-CN', 'desktop-voice-ringing');
    expect(await byId(page, 'offerAccept').textContent()).toContain('接听');

    await byId(page, 'offerAccept').click();
    await expect.poll(() => byId(page, 'callBar').getAttribute('data-phase'), { timeout: 10_000 }).toBe('connected');
    await expect.poll(() => byId(page, 'offerItem').count()).toBe(0);
    // The call's interaction is on the desk and shown.
    await expect.poll(() => byId(page, 'inboxItem').first().getAttribute('data-state')).toBe('assigned');
    await expect.poll(() => byId(page, 'conversation').getAttribute('data-interaction-id')).toBe(await byId(page, 'inboxItem').first().getAttribute('data-interaction-id'));

    await expect.poll(async () => (await audioBytes(page)).received, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await audioBytes(page)).sent, { timeout: 10_000 }).toBeGreaterThan(0);
    // And the relay in the middle counts the same media: rtpengine's own totals for the call.
    await expect.poll(async () => Math.max(0, ...(await relayedRtpBytes(ports.rtpengineNg))), { timeout: 10_000 }).toBeGreaterThan(0);

    await checkScreen(page, 'zh-CN', 'desktop-voice-in-call');
    await checkScreen(page, 'en', 'desktop-voice-in-call');
  });

  it('holds and resumes with re-INVITEs; the call survives and audio comes back', async () => {
    await byId(page, 'callHold').click();
    await expect.poll(() => byId(page, 'callBar').getAttribute('data-phase'), { timeout: 10_000 }).toBe('held');
    expect(await byId(page, 'callHold').textContent()).toBe('Resume');
    // Still the agent's call on the server (no wrap-up, no re-queue), and the caller is still on the line.
    await page.waitForTimeout(1000);
    expect(await byId(page, 'inboxItem').first().getAttribute('data-state')).toBe('assigned');
    expect(await byId(page, 'wrapUpDialog').count()).toBe(0);

    const beforeResume = (await audioBytes(page)).received;
    await page.keyboard.press('Alt+h');
    await expect.poll(() => byId(page, 'callBar').getAttribute('data-phase'), { timeout: 10_000 }).toBe('connected');
    // The caller speaks again after the resume; it must be heard here.
    await expect.poll(async () => (await audioBytes(page)).received, { timeout: 10_000 }).toBeGreaterThan(beforeResume);

    await page.keyboard.press('Alt+m');
    await expect.poll(() => byId(page, 'callMute').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Alt+m');
    await expect.poll(() => byId(page, 'callMute').getAttribute('aria-pressed')).toBe('false');
  });

  it('hangs up: the caller gets the BYE and the wrap-up dialog opens', async () => {
    await byId(page, 'callHangUp').click();
    await byId(page, 'wrapUpDialog').waitFor({ timeout: 10_000 });
    const result = await caller!.done;
    expect(result, result.errors).toMatchObject({ code: 0 });
    await expect.poll(() => byId(page, 'callBar').count(), { timeout: 5000 }).toBe(0);
    await byId(page, 'wrapUpDisposition').selectOption({ index: 1 });
    await byId(page, 'wrapUpSubmit').click();
    await expect.poll(() => byId(page, 'wrapUpDialog').count()).toBe(0);
  });

});
