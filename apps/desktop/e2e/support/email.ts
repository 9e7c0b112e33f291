import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startDemoServer, type DemoServer } from './demoServer.js';
import { byId, loginAgent } from './pages.js';
import { dovecotMissing, parseMail, startTestDovecot, startTestSmtp, type TestDovecot, type TestSmtp } from '../../../cti-server/test/support/mailPeers.js';
import { SUPPORT_ADDRESS } from '../../../cti-server/test/support/mailFixtures.js';

export { dovecotMissing, parseMail, SUPPORT_ADDRESS };
export { eventually, mail, newMessageId } from '../../../cti-server/test/support/mailFixtures.js';

/** Real mail peers beside the demo server: Dovecot (IMAP) to receive, smtp-server to send through. */
export interface MailPeers {
  dovecot: TestDovecot;
  smtp: TestSmtp;
  stop(): Promise<void>;
}

export async function startMailPeers(): Promise<MailPeers> {
  const [dovecot, smtp] = await Promise.all([startTestDovecot(), startTestSmtp()]);
  return { dovecot, smtp, stop: async () => void (await Promise.all([dovecot.stop(), smtp.stop()])) };
}

/** Adds the support mailbox on the demo server (admin API), feeding the demo's email queue. */
export async function addSupportMailbox(serverUrl: string, peers: MailPeers): Promise<void> {
  const login = await fetch(`${serverUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-demo' }) });
  const { token } = (await login.json()) as { token: string };
  const created = await fetch(`${serverUrl}/api/admin/mailboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      address: SUPPORT_ADDRESS,
      displayName: '客服中心 Service Desk',
      queueId: 'email-general',
      imap: { host: peers.dovecot.host, port: peers.dovecot.port, tls: false, user: peers.dovecot.user, password: peers.dovecot.password },
      smtp: { host: peers.smtp.host, port: peers.smtp.port, tls: false, user: 'support', password: 'smtp-password' },
      autoAck: { enabled: false },
    }),
  });
  if (created.status !== 201) throw new Error(`mailbox not created: ${created.status} ${await created.text()}`);
}

/** An HTTP server on loopback that only counts what is asked of it: where a mail's remote images and hostile beacons point. */
export interface Beacon {
  origin: string;
  hits: string[];
  stop(): Promise<void>;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

export async function startBeacon(): Promise<Beacon> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif' }).end(GIF);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, hits, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A text/html mail (CRLF lines), with optional raw header lines and an attachment. */
export function htmlMail(spec: { messageId: string; from: string; subject: string; html: string; inReplyTo?: string; attachment?: { filename: string; contentType: string; content: Buffer } }): string {
  const head = [
    `From: ${spec.from}`,
    `To: ${SUPPORT_ADDRESS}`,
    `Subject: ${spec.subject}`,
    'Date: Tue, 24 Nov 2026 10:00:00 +0800',
    `Message-ID: ${spec.messageId}`,
    ...(spec.inReplyTo ? [`In-Reply-To: ${spec.inReplyTo}`, `References: ${spec.inReplyTo}`] : []),
    'MIME-Version: 1.0',
  ];
  const body = Buffer.from(spec.html, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  if (!spec.attachment) return [...head, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', body, ''].join('\r\n');
  const boundary = 'b-omnicc-e2e';
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
    `--${boundary}`,
    `Content-Type: ${spec.attachment.contentType}; name="${spec.attachment.filename}"`,
    `Content-Disposition: attachment; filename="${spec.attachment.filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    spec.attachment.content.toString('base64').replace(/.{76}/g, '$&\r\n'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** The demo server with the support mailbox on real mail peers, a beacon, and agent1 signed in and ready in Chromium. */
export interface EmailDeskWorld {
  server: DemoServer;
  peers: MailPeers;
  beacon: Beacon;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  stop(): Promise<void>;
}

/**
 * Starts the world of the email e2e tests. `watch` sees the browser context
 * and page before anything loads (request and dialog listeners), so that
 * nothing the desk does escapes them.
 */
export async function startEmailDesk(options: { env?: Record<string, string>; viewport?: { width: number; height: number }; watch?: (context: BrowserContext, page: Page, server: DemoServer) => void } = {}): Promise<EmailDeskWorld> {
  const [peers, beacon] = await Promise.all([startMailPeers(), startBeacon()]);
  const server = await startDemoServer({ env: { OMNICC_EMAIL_POLL_SECONDS: '60', OMNICC_EMAIL_IDLE_DELAY_MS: '50', ...options.env } });
  await addSupportMailbox(server.url, peers);
  const { browser, close } = await launchBrowser();
  const context = await browser.newContext({ locale: 'en-US', viewport: options.viewport ?? { width: 1280, height: 860 }, acceptDownloads: true });
  const page = await context.newPage();
  options.watch?.(context, page, server);
  await loginAgent(page, server.url, 'agent1', 'agent1-demo');
  await byId(page, 'statusReady').click();
  return {
    server,
    peers,
    beacon,
    browser,
    context,
    page,
    async stop() {
      await close();
      await server.stop();
      await Promise.all([peers.stop(), beacon.stop()]);
    },
  };
}
