import type { Mailbox } from '@omnicc/shared';
import type { Store } from '../../src/store/Store.js';
import { eventually, SUPPORT_ADDRESS } from './mailFixtures.js';
import { startTestDovecot, startTestSmtp, type TestDovecot, type TestSmtp } from './mailPeers.js';
import { restCall } from './rest.js';
import { startTestServer, type TestServer } from './testServer.js';

/** A test server with an email queue, beside a real Dovecot and an SMTP peer. */
export interface EmailWorld {
  dovecot: TestDovecot;
  smtp: TestSmtp;
  server: TestServer;
  stop(): Promise<void>;
}

/** The queue every test mailbox feeds. */
export const EMAIL_QUEUE = 'email-general';

/**
 * Starts the three; `env` adds server settings. The email defaults here
 * are the tests': IDLE starts 50 ms after a command and the poll is 60 s,
 * so mail arriving within a second or two can only have come through IDLE.
 */
export async function startEmailWorld(env: Record<string, string> = {}): Promise<EmailWorld> {
  const [dovecot, smtp] = await Promise.all([startTestDovecot(), startTestSmtp()]);
  const server = await startTestServer({
    seed: async (store: Store) => store.queues.upsert({ id: EMAIL_QUEUE, channel: 'email', nameEn: 'Email', nameZh: '邮件' }),
    env: { OMNICC_EMAIL_POLL_SECONDS: '60', OMNICC_EMAIL_IDLE_DELAY_MS: '50', ...env },
  }).catch(async (err: unknown) => {
    await Promise.all([dovecot.stop(), smtp.stop()]);
    throw err;
  });
  return {
    dovecot,
    smtp,
    server,
    async stop() {
      await server.close();
      await Promise.all([dovecot.stop(), smtp.stop()]);
    },
  };
}

/**
 * Adds SUPPORT_ADDRESS as a mailbox on the world's Dovecot and SMTP peer
 * (through the admin API, as root), `extra` overriding body fields, and
 * waits for its reader to connect.
 */
export async function addSupportMailbox(world: EmailWorld, extra: Record<string, unknown> = {}): Promise<Mailbox> {
  const { server, dovecot, smtp } = world;
  const created = await restCall(server.url, 'POST', '/api/admin/mailboxes', (await server.login('root')).token, {
    address: SUPPORT_ADDRESS,
    displayName: '客服中心 Service Desk',
    queueId: EMAIL_QUEUE,
    imap: { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password },
    smtp: { host: smtp.host, port: smtp.port, tls: false, user: 'support', password: 'smtp-password' },
    ...extra,
  });
  if (created.status !== 201) throw new Error(`mailbox not created: ${created.status} ${created.text}`);
  const mailbox = created.json as Mailbox;
  await eventually(() => server.app.email.status().get(mailbox.id)?.connected, 10_000, 'the reader');
  return mailbox;
}
