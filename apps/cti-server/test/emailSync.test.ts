import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@omnicc/shared';
import { openTestStore, TEST_DB_KINDS, truncateAll, type TestStore } from '../src/adapters/db/testing.js';
import { createPgMailStore } from '../src/adapters/db/mailStore.js';
import { ImapInbox } from '../src/adapters/imap/imapInbox.js';
import { EmailIngest, type RemoteInbox } from '../src/features/email/emailIngest.js';
import { MailboxReader } from '../src/features/email/mailboxReader.js';
import { EmailChannel } from '../src/features/email/emailChannel.js';
import { loadEmailConfig } from '../src/features/email/emailConfig.js';
import { passwordContext } from '../src/features/email/mailboxAdmin.js';
import type { Routing } from '../src/features/routing/routingCalls.js';
import { SecretBox } from '../src/secrets/secretBox.js';
import type { MailStore } from '../src/store/MailStore.js';
import { eventually, mail, newMessageId, SUPPORT_ADDRESS } from './support/mailFixtures.js';
import { dovecotMissing, startTestDovecot, type TestDovecot } from './support/mailPeers.js';
import { freePort } from './support/telephony.js';

const MiB = 1024 * 1024;
const missing = dovecotMissing();

/**
 * The ingest path against a real Dovecot and PostgreSQL, one sync at a time
 * (the reader's IDLE and polling are covered in emailChannel.test.ts).
 * Routing is a recorder here: what matters is that an interaction is
 * committed before it is enqueued, and enqueued once.
 */
describe.skipIf(missing !== undefined)(missing ? `email sync (skipped: ${missing})` : 'email sync from a real Dovecot into PostgreSQL', () => {
  let dovecot: TestDovecot;
  let db: TestStore;
  let mailStore: MailStore;
  let mailboxId: string;
  const secrets = SecretBox.fromSecrets('s'.repeat(40));
  const enqueued: string[] = [];
  let routingDown = false;
  const routing = {
    call: (name: string, args: { interactionId: string }) => {
      if (name !== 'enqueue') return Promise.reject(new Error(`unexpected call ${name}`));
      if (routingDown) return Promise.reject(new AppError('UNAVAILABLE', 'routing is down'));
      enqueued.push(args.interactionId);
      return Promise.resolve(null);
    },
  } as unknown as Routing;
  const ingest = (maxAttachmentBytes = 10 * MiB) => new EmailIngest({ mail: mailStore, routing, clock: { now: () => Date.now() }, log: pino({ level: 'silent' }), maxAttachmentBytes });

  /** One sync over a fresh IMAP connection, as the reader does after (re)connecting. */
  async function syncNow(options: { maxAttachmentBytes?: number; wrap?: (inbox: RemoteInbox) => RemoteInbox } = {}) {
    const inbox = await ImapInbox.open({ host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password }, { idleDelayMs: 60_000, maxMessageBytes: 40 * MiB, log: pino({ level: 'silent' }) });
    try {
      return await ingest(options.maxAttachmentBytes).sync(mailboxId, options.wrap ? options.wrap(inbox) : inbox);
    } finally {
      await inbox.close();
    }
  }
  const stored = () => mailStore.messages.listByMailbox(mailboxId);
  const count = async (table: string) => Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

  beforeAll(async () => {
    dovecot = await startTestDovecot();
    db = await openTestStore(TEST_DB_KINDS[0] ?? 'machine');
    mailStore = createPgMailStore(db.pool);
  }, 30_000);
  afterAll(async () => {
    await db?.cleanup();
    await dovecot?.stop();
  });
  beforeEach(async () => {
    await truncateAll(db.pool);
    await dovecot.clear();
    enqueued.length = 0;
    routingDown = false;
    await db.store.queues.upsert({ id: 'email-general', channel: 'email', nameEn: 'Email', nameZh: '邮件' });
    mailboxId = randomUUID();
    const account = { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user };
    await mailStore.mailboxes.create({
      id: mailboxId,
      address: SUPPORT_ADDRESS,
      displayName: 'Support',
      queueId: 'email-general',
      enabled: true,
      autoAck: { enabled: false, template: '' },
      imap: { ...account, passwordSealed: secrets.seal(dovecot.password, passwordContext(mailboxId, 'imap')) },
      smtp: { ...account, port: 25, passwordSealed: secrets.seal('x', passwordContext(mailboxId, 'smtp')) },
    });
  });

  it('stores a new mail and opens an email interaction, committed before it is enqueued', async () => {
    const uid = await dovecot.deliver(mail({ subject: 'Wrong charge on my bill', text: 'I was charged twice.' }));
    expect(await syncNow()).toEqual({ created: 1, joined: 0, parked: 0, duplicates: 0, rescanned: false });
    const [m] = await stored();
    expect(m).toMatchObject({ uid, subject: 'Wrong charge on my bill', from: { name: 'Zhang San', address: 'zhang.san@customer.example' }, messageIdSynthetic: false });
    expect(m?.text?.trim()).toBe('I was charged twice.');
    const interaction = await db.store.interactions.get(m?.interactionId ?? '');
    expect(interaction).toMatchObject({ channel: 'email', state: 'queued', queueId: 'email-general', customer: { name: 'Zhang San', email: 'zhang.san@customer.example' } });
    expect(enqueued).toEqual([interaction?.id]);
    expect((await mailStore.mailboxes.get(mailboxId))?.sync).toEqual({ uidValidity: await dovecot.uidValidity(), lastUid: uid });
    // Nothing new: a second sync stores nothing.
    expect(await syncNow()).toMatchObject({ created: 0, duplicates: 0 });
  });

  it('threads replies by In-Reply-To and References, and by the subject ticket only from the same sender', async () => {
    const first = newMessageId();
    await dovecot.deliver(mail({ messageId: first, subject: 'Broadband down' }));
    await syncNow();
    const [opening] = await stored();
    const ticket = (await mailStore.messages.thread(opening?.threadId ?? ''))?.ticketRef;
    expect(ticket).toMatch(/^T-\d+$/);

    await dovecot.deliver(mail({ inReplyTo: first, references: [first], subject: 'Re: Broadband down' }));
    await dovecot.deliver(mail({ references: ['<unknown@elsewhere.example>', first], subject: 'Still down' }));
    await dovecot.deliver(mail({ subject: `Re: Broadband down [#${ticket}]` }));
    await dovecot.deliver(mail({ from: 'Mallory <mallory@evil.example>', subject: `Me too [#${ticket}]` }));
    expect(await syncNow()).toMatchObject({ created: 1, joined: 3 });

    const all = await stored();
    expect(all.slice(0, 4).map((m) => [m.threadId, m.interactionId])).toEqual(Array(4).fill([opening?.threadId, opening?.interactionId]));
    // Another sender's ticket number does not open the customer's conversation to them.
    expect(all[4]?.threadId).not.toBe(opening?.threadId);
    expect(all[4]?.interactionId).not.toBe(opening?.interactionId);
    expect(enqueued).toHaveLength(2);
  });

  it('opens a new interaction in the same thread for a reply to a closed one', async () => {
    const first = newMessageId();
    await dovecot.deliver(mail({ messageId: first }));
    await syncNow();
    const [opening] = await stored();
    const closedId = opening?.interactionId ?? '';
    await db.store.interactions.transition(closedId, { from: ['queued'], to: 'closed', patch: { endedAt: new Date().toISOString() } }, { type: 'closed', at: new Date().toISOString() });

    await dovecot.deliver(mail({ inReplyTo: first, subject: 'Re: My bill' }));
    expect(await syncNow()).toMatchObject({ created: 1, joined: 0 });
    const reply = (await stored())[1];
    expect(reply?.threadId).toBe(opening?.threadId);
    expect(reply?.interactionId).not.toBe(closedId);
    expect(await mailStore.messages.thread(reply?.threadId ?? '')).toMatchObject({ interactionId: reply?.interactionId });
    expect(enqueued).toEqual([closedId, reply?.interactionId]);
  });

  it('flags automatic mail and never opens an interaction for it; an automatic reply joins an open one', async () => {
    const cases: [string[], string | undefined, string?][] = [
      [['Auto-Submitted: auto-replied'], 'autoSubmitted'],
      [['Auto-Submitted: auto-generated'], 'autoSubmitted'],
      [['Precedence: bulk'], 'precedence'],
      [['Precedence: junk'], 'precedence'],
      [['Precedence: list'], 'precedence'],
      [['X-Autoreply: yes'], 'autoReplyHeader'],
      [['X-Autorespond: yes'], 'autoReplyHeader'],
      [['Return-Path: <>'], 'bounce'],
      [[], 'bounce', 'MAILER-DAEMON@customer.example'],
      [[`X-Loop: ${SUPPORT_ADDRESS}`], 'loop'],
      [[], 'loop', SUPPORT_ADDRESS],
      [['List-Id: <news.customer.example>'], 'list'],
      [['Auto-Submitted: no'], undefined],
    ];
    for (const [headers, , from] of cases) await dovecot.deliver(mail({ headers, ...(from ? { from } : {}) }));
    expect(await syncNow()).toMatchObject({ created: 1, parked: cases.length - 1 });
    const all = await stored();
    expect(all.map((m) => m.automatic)).toEqual(cases.map(([, reason]) => reason));
    expect(all.filter((m) => m.interactionId).map((m) => m.automatic)).toEqual([undefined]);

    // An out-of-office answer to our reply lands in the open conversation, flagged.
    const open = all.find((m) => m.interactionId);
    await dovecot.deliver(mail({ inReplyTo: open?.messageId ?? '', headers: ['Auto-Submitted: auto-replied'], subject: 'Out of office' }));
    expect(await syncNow()).toMatchObject({ joined: 1 });
    expect((await stored()).at(-1)).toMatchObject({ interactionId: open?.interactionId, automatic: 'autoSubmitted' });
  });

  it('gives a mail without Message-ID a stable synthetic id', async () => {
    const raw = mail({ messageId: null, subject: 'no id' });
    await dovecot.deliver(raw);
    await dovecot.deliver(raw); // the same bytes delivered twice: one mail
    await dovecot.deliver(mail({ messageId: null, subject: 'no id either' }));
    expect(await syncNow()).toMatchObject({ created: 2, duplicates: 1 });
    const all = await stored();
    expect(all.map((m) => m.messageIdSynthetic)).toEqual([true, true]);
    expect(all[0]?.messageId).toMatch(/^<[0-9a-f]{40}@synthetic\.omnicc\.invalid>$/);
    expect(all[0]?.messageId).not.toBe(all[1]?.messageId);
  });

  it('decodes Chinese subjects in GB2312 encoded words and in raw GBK bytes', async () => {
    const b64 = (s: string, cs: string) => iconv.encode(s, cs).toString('base64');
    await dovecot.deliver(
      [`From: =?GB2312?B?${b64('张三', 'gb2312')}?= <zs@customer.example>`, `To: ${SUPPORT_ADDRESS}`, `Subject: =?GB2312?B?${b64('话费查询：为什么扣了两次？', 'gb2312')}?=`, `Message-ID: ${newMessageId()}`, 'Content-Type: text/plain; charset=GB2312', 'Content-Transfer-Encoding: base64', '', b64('您好，我的账单有问题。', 'gb2312'), ''].join('\r\n'),
    );
    // A mailer that sends GBK bytes in the header as they are (no RFC 2047 encoding).
    await dovecot.deliver(Buffer.concat([Buffer.from(`From: li.si@customer.example\r\nTo: ${SUPPORT_ADDRESS}\r\nMessage-ID: ${newMessageId()}\r\nSubject: `), iconv.encode('宽带故障申告（鍃）', 'gbk'), Buffer.from('\r\nContent-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'), iconv.encode('网络断了', 'gbk'), Buffer.from('\r\n')]));
    await syncNow();
    const [gb2312, gbk] = await stored();
    expect(gb2312).toMatchObject({ subject: '话费查询：为什么扣了两次？', from: { name: '张三' } });
    expect(gb2312?.text?.trim()).toBe('您好，我的账单有问题。');
    expect(gbk?.subject).toBe('宽带故障申告（鍃）');
    expect(gbk?.text?.trim()).toBe('网络断了');
    expect(await db.store.interactions.get(gb2312?.interactionId ?? '')).toMatchObject({ customer: { name: '张三' } });
  });

  it('stores broken MIME as far as it can be read, and never blocks the mails behind it', async () => {
    const broken = [
      // multipart whose closing boundary never comes, with an attachment that is not base64
      ['Subject: unterminated', `Message-ID: ${newMessageId()}`, 'Content-Type: multipart/mixed; boundary="zz"', '', '--zz', 'Content-Type: text/plain', '', 'first part', '--zz', 'Content-Type: application/pdf; name="a.pdf"', 'Content-Transfer-Encoding: base64', '', '@@@ not base64 @@@'].join('\r\n'),
      // multipart without a boundary parameter
      ['Subject: no boundary', 'Content-Type: multipart/alternative', '', 'text without parts'].join('\r\n'),
      // an unknown charset and a header line without a colon
      ['Subject: odd charset', 'this line is not a header', 'Content-Type: text/plain; charset=x-no-such-charset', '', 'caf\u00e9'].join('\r\n'),
      // NUL bytes, which PostgreSQL text refuses
      `Subject: nul\r\nFrom: nul@customer.example\r\n\r\nbefore\u0000after\r\n`,
      // no header at all
      'just some bytes\r\n',
    ];
    for (const raw of broken) await dovecot.deliver(raw);
    await dovecot.deliver(mail({ subject: 'a normal mail after them' }));
    expect(await syncNow()).toMatchObject({ created: broken.length + 1 });
    const all = await stored();
    expect(all.map((m) => m.subject)).toEqual(['unterminated', 'no boundary', 'odd charset', 'nul', '', 'a normal mail after them']);
    expect(all[0]?.text).toContain('first part');
    // IMAP cannot carry NUL: Dovecot hands it over as another byte; either way the text is stored.
    expect(all[3]?.text).toMatch(/^before.?after\s*$/);
    expect(all.every((m) => m.interactionId)).toBe(true);
  });

  it('keeps attachments up to the per-mail limit and refuses a 10 MB one over it, with a note', async () => {
    const small = Buffer.alloc(1024, 1);
    const big = Buffer.alloc(10 * MiB, 2);
    await dovecot.deliver(mail({ subject: 'scan of my contract', attachments: [{ filename: 'id.png', contentType: 'image/png', content: small }, { filename: 'contract.pdf', contentType: 'application/pdf', content: big }] }));
    expect(await syncNow({ maxAttachmentBytes: 10 * MiB })).toMatchObject({ created: 1 });
    const [m] = await stored();
    expect(m?.attachments.map(({ id: _id, ...rest }) => rest)).toEqual([
      { filename: 'id.png', contentType: 'image/png', size: 1024, stored: true },
      { filename: 'contract.pdf', contentType: 'application/pdf', size: 10 * MiB, refused: 'overLimit', stored: false },
    ]);
    expect(m?.notes.join()).toMatch(/contract\.pdf.*refused.*limit/);
    expect(m?.interactionId).toBeDefined();
    const { rows } = await db.pool.query<{ kept: string }>('SELECT coalesce(sum(octet_length(content)), 0) AS kept FROM email_attachments');
    expect(Number(rows[0]?.kept)).toBe(1024);
  }, 30_000);

  it('loses nothing and stores nothing twice when a sync is cut off midway or routing is down', async () => {
    const uids: number[] = [];
    for (let i = 0; i < 30; i++) uids.push(await dovecot.deliver(mail({ subject: `mail ${i}` })));
    // The connection dies after the first batch of 20: the sync fails there.
    let batches = 0;
    const dying = (inbox: RemoteInbox): RemoteInbox => ({
      uidValidity: () => inbox.uidValidity(),
      uidsAfter: (uid) => inbox.uidsAfter(uid),
      fetch: (list) => (++batches > 1 ? Promise.reject(new Error('connection reset')) : inbox.fetch(list)),
    });
    await expect(syncNow({ wrap: dying })).rejects.toThrow('connection reset');
    expect((await stored()).length).toBe(20);
    expect((await mailStore.mailboxes.get(mailboxId))?.sync.lastUid).toBe(uids[19]);

    // Routing is unreachable for the next mails: they are stored, queued, and left to the watchdog.
    routingDown = true;
    expect(await syncNow()).toMatchObject({ created: 10, duplicates: 0 });
    routingDown = false;
    expect(await syncNow()).toMatchObject({ created: 0, duplicates: 0 });

    const all = await stored();
    expect(all.map((m) => m.uid)).toEqual(uids);
    expect(new Set(all.map((m) => m.interactionId)).size).toBe(30);
    expect(new Set(enqueued).size).toBe(20);
    expect(await count('interactions')).toBe(30);
    const open = await db.store.interactions.listOpen();
    expect(open.filter((i) => !enqueued.includes(i.id)).map((i) => i.state)).toEqual(Array(10).fill('queued'));
  }, 30_000);

  it('re-scans after a UIDVALIDITY change: stored mail is recognised, new mail is read', async () => {
    for (let i = 0; i < 3; i++) await dovecot.deliver(mail({ subject: `before ${i}` }));
    await dovecot.deliver(mail({ messageId: null, subject: 'before, without id' }));
    await syncNow();
    const before = await dovecot.uidValidity();
    await dovecot.setUidValidity(before + 1000);
    await dovecot.deliver(mail({ subject: 'after' }));
    expect(await syncNow()).toEqual({ created: 1, joined: 0, parked: 0, duplicates: 4, rescanned: true });
    expect((await stored()).map((m) => m.subject)).toEqual(['before 0', 'before 1', 'before 2', 'before, without id', 'after']);
    expect((await mailStore.mailboxes.get(mailboxId))?.sync).toMatchObject({ uidValidity: before + 1000 });
  });

  it('writes nothing when storing a mail fails halfway, and stores it once afterwards', async () => {
    await db.pool.query(`CREATE FUNCTION refuse_attachment() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
    await db.pool.query('CREATE TRIGGER refuse BEFORE INSERT ON email_attachments FOR EACH ROW EXECUTE FUNCTION refuse_attachment()');
    try {
      await dovecot.deliver(mail({ attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('x') }] }));
      await expect(syncNow()).rejects.toThrow();
      for (const table of ['email_messages', 'email_threads', 'email_attachments', 'interactions', 'interaction_events']) expect(await count(table), table).toBe(0);
      expect((await mailStore.mailboxes.get(mailboxId))?.sync.lastUid).toBe(0);
    } finally {
      await db.pool.query('DROP TRIGGER refuse ON email_attachments; DROP FUNCTION refuse_attachment()');
    }
    expect(await syncNow()).toMatchObject({ created: 1 });
    expect(await count('email_messages')).toBe(1);
  });

  it('keeps a reduced copy of a mail the database refuses, instead of blocking the mailbox', async () => {
    await db.pool.query(`CREATE FUNCTION refuse_html() RETURNS trigger AS $$ BEGIN IF NEW.html IS NOT NULL THEN RAISE EXCEPTION 'bad bytes' USING ERRCODE = '22021'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.pool.query('CREATE TRIGGER refuse BEFORE INSERT ON email_messages FOR EACH ROW EXECUTE FUNCTION refuse_html()');
    try {
      await dovecot.deliver(mail({ headers: [], text: 'plain' }).replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: text/html; charset=utf-8').replace('plain', '<p>html body</p>'));
      expect(await syncNow()).toMatchObject({ created: 1 });
      const [m] = await stored();
      expect(m?.html).toBeUndefined();
      expect(m?.notes.join()).toContain('stored reduced');
    } finally {
      await db.pool.query('DROP TRIGGER refuse ON email_messages; DROP FUNCTION refuse_html()');
    }
  });

  it('polls when IDLE reports nothing, and reconnects after a failed connection', async () => {
    let connects = 0;
    const reader = new MailboxReader({
      mailboxId,
      address: SUPPORT_ADDRESS,
      connect: async () => {
        // The first attempt finds nobody listening; then a server whose IDLE notices never come.
        const port = ++connects === 1 ? await freePort() : dovecot.port;
        const inbox = await ImapInbox.open({ host: dovecot.host, port, tls: false, user: dovecot.user, password: dovecot.password }, { idleDelayMs: 50, maxMessageBytes: MiB, log: pino({ level: 'silent' }) });
        return Object.assign(Object.create(inbox) as ImapInbox, { onChange: () => undefined });
      },
      ingest: ingest(),
      pollMs: 200,
      log: pino({ level: 'silent' }),
      backoffMs: { min: 50, max: 100 },
    });
    reader.start();
    try {
      await eventually(() => reader.status.connected && reader.status.syncs > 0, 10_000, 'a connected reader');
      expect(connects).toBe(2);
      await dovecot.deliver(mail({ subject: 'found by polling' }));
      await eventually(async () => (await stored()).some((m) => m.subject === 'found by polling'), 5000, 'the polled mail');
    } finally {
      await reader.stop();
    }
    expect(reader.status.connected).toBe(false);
  });

  it('reads a mailbox whose passwords were sealed under the previous token secret, and seals them again under the current one', async () => {
    const rotated = SecretBox.fromSecrets('n'.repeat(40), ['s'.repeat(40)]);
    const channel = new EmailChannel({ config: loadEmailConfig({ OMNICC_EMAIL_POLL_SECONDS: '0.2', OMNICC_EMAIL_IDLE_DELAY_MS: '50' }), mail: mailStore, secrets: rotated, routing, clock: { now: () => Date.now() }, log: pino({ level: 'silent' }) });
    await dovecot.deliver(mail({ subject: 'after the rotation' }));
    channel.start();
    try {
      await eventually(async () => (await stored()).some((m) => m.subject === 'after the rotation'), 10_000, 'the mail read with the old password');
      const resealed = await mailStore.mailboxes.get(mailboxId);
      for (const sealed of [resealed?.imap.passwordSealed ?? '', resealed?.smtp.passwordSealed ?? '']) {
        expect(sealed.split('.')[1]).toBe(rotated.keyId);
        expect(rotated.needsReseal(sealed)).toBe(false);
      }
      expect(rotated.open(resealed?.imap.passwordSealed ?? '', passwordContext(mailboxId, 'imap'))).toBe(dovecot.password);
    } finally {
      await channel.stop();
    }
  });

  it('refuses a stale or unknown write with a coded error and writes nothing', async () => {
    const good = await mailStore.mailboxes.get(mailboxId);
    await dovecot.deliver(mail());
    await syncNow();
    const parsed = { messageId: newMessageId(), messageIdSynthetic: false, references: [], subject: 's', to: [], cc: [], headers: [], contentHash: 'h', rawSize: 1, notes: [], attachments: [] };
    const at = new Date().toISOString();
    const uidValidity = (await mailStore.mailboxes.get(mailboxId))?.sync.uidValidity ?? 0;
    await expect(mailStore.ingest.ingest({ mailboxId, uidValidity: uidValidity + 1, uid: 99, mail: parsed, receivedAt: at })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(mailStore.ingest.ingest({ mailboxId: randomUUID(), uidValidity, uid: 99, mail: parsed, receivedAt: at })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mailStore.ingest.ingest({ mailboxId, uidValidity, uid: 1, mail: parsed, receivedAt: at })).resolves.toEqual({ kind: 'duplicate' });
    expect(await count('email_messages')).toBe(1);
    expect(good?.sync.uidValidity).toBeNull();
    await eventually(async () => (await stored()).length === 1);
  });
});
