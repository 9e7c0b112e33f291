/**
 * Email ingest rate from a real Dovecot into PostgreSQL.
 *
 * Puts N mails into a test Dovecot's INBOX over IMAP APPEND (one
 * connection), then runs the ingest sync the mailbox reader runs: UID
 * SEARCH, FETCH 20 at a time, mailparser, and one transaction per mail
 * (thread lookup, interaction, message, cursor). A third of the mails are
 * replies to the one before (threading by In-Reply-To), a tenth carry a small
 * attachment. Routing is a counter here: the figure is the channel's own
 * cost. Prints a table and one JSON line; asserts nothing.
 *
 *   pnpm bench:email                       (from the repo root)
 *   EMAIL_BENCH_MESSAGES=1000 pnpm bench:email
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type PinoModule from 'pino';
import { createPgMailStore } from '../../apps/cti-server/src/adapters/db/mailStore.js';
import { openTestStore } from '../../apps/cti-server/src/adapters/db/testing.js';
import { ImapInbox } from '../../apps/cti-server/src/adapters/imap/imapInbox.js';
import { EmailIngest } from '../../apps/cti-server/src/features/email/emailIngest.js';
import type { Routing } from '../../apps/cti-server/src/features/routing/routingCalls.js';
import { mail, SUPPORT_ADDRESS } from '../../apps/cti-server/test/support/mailFixtures.js';
import { dovecotMissing, startTestDovecot } from '../../apps/cti-server/test/support/mailPeers.js';

const MESSAGES = Number(process.env.EMAIL_BENCH_MESSAGES ?? 10_000);
// pino is the server's dependency, not the root's: loaded from there (as bench/store does with pg).
const pino = createRequire(new URL('../../apps/cti-server/package.json', import.meta.url))('pino') as typeof PinoModule;

async function main(): Promise<void> {
  const missing = dovecotMissing();
  if (missing) {
    console.log(`bench:email skipped: ${missing}`);
    return;
  }
  const dovecot = await startTestDovecot();
  const db = await openTestStore('machine');
  try {
    const mailStore = createPgMailStore(db.pool);
    await db.store.queues.upsert({ id: 'email-general', channel: 'email', nameEn: 'Email', nameZh: '邮件' });
    const mailboxId = randomUUID();
    const account = { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user };
    await mailStore.mailboxes.create({ id: mailboxId, address: SUPPORT_ADDRESS, displayName: 'Support', queueId: 'email-general', enabled: true, autoAck: { enabled: false, template: '' }, imap: { ...account, passwordSealed: 'unused' }, smtp: { ...account, passwordSealed: 'unused' } });

    const appendStart = performance.now();
    await dovecot.deliverMany(MESSAGES, (i) => {
      const replyTo = i % 3 === 2 ? `<bench-${i - 1}@customer.example>` : undefined;
      return mail({
        messageId: `<bench-${i}@customer.example>`,
        from: `Customer ${i % 500} <c${i % 500}@customer.example>`,
        subject: replyTo ? `Re: question ${i - 1}` : `question ${i}`,
        ...(replyTo ? { inReplyTo: replyTo, references: [replyTo] } : {}),
        text: `Hello, this is message ${i}.\n${'Some text of a customer mail. '.repeat(20)}`,
        ...(i % 10 === 0 ? { attachments: [{ filename: 'scan.png', contentType: 'image/png', content: Buffer.alloc(20_000, i % 256) }] } : {}),
      });
    });
    const appendMs = performance.now() - appendStart;

    let enqueued = 0;
    const routing = { call: () => Promise.resolve(void enqueued++) } as unknown as Routing;
    const ingest = new EmailIngest({ mail: mailStore, routing, clock: { now: () => Date.now() }, log: pino({ level: 'silent' }), maxAttachmentBytes: 10 * 1024 * 1024 });
    const inbox = await ImapInbox.open({ ...account, password: dovecot.password }, { idleDelayMs: 60_000, maxMessageBytes: 40 * 1024 * 1024, log: pino({ level: 'silent' }) });
    const rssBefore = process.memoryUsage().rss;
    const syncStart = performance.now();
    const report = await ingest.sync(mailboxId, inbox);
    const syncMs = performance.now() - syncStart;
    const rssAfter = process.memoryUsage().rss;
    await inbox.close();

    const figures = {
      messages: MESSAGES,
      appendPerSec: Math.round((MESSAGES / appendMs) * 1000),
      ingestPerSec: Math.round((MESSAGES / syncMs) * 1000),
      ingestSeconds: Number((syncMs / 1000).toFixed(1)),
      created: report.created,
      joined: report.joined,
      enqueued,
      rssMiB: { before: Math.round(rssBefore / 2 ** 20), after: Math.round(rssAfter / 2 ** 20) },
    };
    console.log('email ingest from Dovecot (IMAP FETCH -> mailparser -> one transaction per mail)');
    console.table({ append: { perSec: figures.appendPerSec }, ingest: { perSec: figures.ingestPerSec, seconds: figures.ingestSeconds, created: report.created, joined: report.joined } });
    console.log(JSON.stringify({ bench: 'email', ...figures }));
  } finally {
    await db.cleanup();
    await dovecot.stop();
  }
}

await main();
