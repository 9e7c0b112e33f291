import type { Store } from '../../src/store/Store.js';
import { startTestDovecot, startTestSmtp, type TestDovecot, type TestSmtp } from './mailPeers.js';
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
