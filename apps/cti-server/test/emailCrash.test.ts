import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgMailStore } from '../src/adapters/db/mailStore.js';
import { createPgStore } from '../src/adapters/db/pgStore.js';
import { openTestDatabase, TEST_DB_KINDS, type TestDatabase } from '../src/adapters/db/testing.js';
import { passwordContext } from '../src/features/email/mailboxAdmin.js';
import { SecretBox } from '../src/secrets/secretBox.js';
import { eventually, mail, SUPPORT_ADDRESS } from './support/mailFixtures.js';
import { dovecotMissing, startTestDovecot, type TestDovecot } from './support/mailPeers.js';
import { freePort, ServerProcess } from './support/serverProcess.js';

const MAILS = 600;
const SECRET = 'email-crash-secret-'.padEnd(40, 'x');
const missing = dovecotMissing();

/**
 * Restart without loss or duplicates, the hard way: a real server process
 * reads 600 mails from Dovecot and is killed with SIGKILL twice while it
 * is storing them, then started again on the same database. Every mail must
 * end up stored exactly once, with exactly one interaction each, and the
 * cursor at the last UID.
 */
describe.skipIf(missing !== undefined)(missing ? `email crash (skipped: ${missing})` : 'email ingest across SIGKILL', () => {
  let db: TestDatabase;
  let dovecot: TestDovecot;
  let server: ServerProcess;
  let mailboxId: string;

  beforeAll(async () => {
    [db, dovecot] = await Promise.all([openTestDatabase(TEST_DB_KINDS[0] ?? 'machine'), startTestDovecot()]);
    const store = createPgStore(db.pool);
    await store.queues.upsert({ id: 'email-general', channel: 'email', nameEn: 'Email', nameZh: '邮件' });
    // Sealed as the server will open them: the same token secret.
    const secrets = SecretBox.fromSecrets(SECRET);
    mailboxId = randomUUID();
    const account = { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user };
    await createPgMailStore(db.pool).mailboxes.create({
      id: mailboxId,
      address: SUPPORT_ADDRESS,
      displayName: 'Support',
      queueId: 'email-general',
      enabled: true,
      autoAck: { enabled: false, template: '' },
      imap: { ...account, passwordSealed: secrets.seal(dovecot.password, passwordContext(mailboxId, 'imap')) },
      smtp: { ...account, port: 25, passwordSealed: secrets.seal('unused', passwordContext(mailboxId, 'smtp')) },
    });
    await dovecot.deliverMany(MAILS, (i) => mail({ subject: `crash ${i}`, from: `Customer ${i} <c${i}@customer.example>` }));
    server = new ServerProcess({
      DATABASE_URL: db.url,
      PORT: String(await freePort()),
      OMNICC_TOKEN_SECRET: SECRET,
      // The killed process's lease must expire before the restarted one reads mail: keep that short here.
      OMNICC_LEASE_TTL_MS: '1500',
      OMNICC_EMAIL_POLL_SECONDS: '0.5',
      OMNICC_EMAIL_IDLE_DELAY_MS: '50',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.cleanup();
    await dovecot?.stop();
  });

  const count = async (sql: string) => Number((await db.pool.query<{ n: string }>(sql)).rows[0]?.n);
  const storedMails = () => count('SELECT count(*) AS n FROM email_messages');

  it('stores every mail exactly once, with one interaction each, across two SIGKILLs mid-ingest', async () => {
    const killedAt: number[] = [];
    for (const target of [MAILS / 4, MAILS / 2]) {
      await server.start();
      await eventually(async () => (await storedMails()) >= target, 60_000, `${target} mails stored`);
      await server.kill();
      killedAt.push(await storedMails());
    }
    await server.start();
    await eventually(async () => (await storedMails()) === MAILS, 60_000, 'every mail stored');

    // Both kills landed mid-ingest (else this would prove nothing).
    for (const n of killedAt) expect(n).toBeLessThan(MAILS);
    expect(await count('SELECT count(DISTINCT message_id) AS n FROM email_messages')).toBe(MAILS);
    expect(await count('SELECT count(DISTINCT uid) AS n FROM email_messages')).toBe(MAILS);
    expect(await count("SELECT count(*) AS n FROM interactions WHERE channel = 'email'")).toBe(MAILS);
    expect(await count('SELECT count(*) AS n FROM interactions i WHERE NOT EXISTS (SELECT 1 FROM email_messages m WHERE m.interaction_id = i.id)')).toBe(0);
    const { rows } = await db.pool.query<{ last_uid: string; max_uid: string }>('SELECT last_uid, (SELECT max(uid) FROM email_messages) AS max_uid FROM mailboxes');
    expect(rows[0]?.last_uid).toBe(rows[0]?.max_uid);
    console.log(`email crash: killed at ${killedAt.join(' and ')} of ${MAILS} stored mails`);
  }, 180_000);
});
