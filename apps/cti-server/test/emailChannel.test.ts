import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, Offer } from '@omnicc/shared';
import { eventually, mail, newMessageId, SUPPORT_ADDRESS } from './support/mailFixtures.js';
import { startEmailWorld, type EmailWorld } from './support/emailWorld.js';
import { dovecotMissing, type TestDovecot, type TestSmtp } from './support/mailPeers.js';
import { restCall } from './support/rest.js';
import { connected, next, type AgentSocket, type TestServer } from './support/testServer.js';

const missing = dovecotMissing();


/**
 * The email channel in a running server: mailboxes set up over the admin
 * API, read by the routing owner from a real Dovecot through IDLE, and mail
 * offered to agents like any interaction.
 */
describe.skipIf(missing !== undefined)(missing ? `email channel (skipped: ${missing})` : 'email channel: admin API, IDLE reader, routing', () => {
  let dovecot: TestDovecot;
  let smtp: TestSmtp;
  let server: TestServer;
  let admin: string;
  let mailbox: Mailbox;

  const api = (method: string, path: string, body?: unknown, token = admin) => restCall(server.url, method, path, token, body);
  const mailboxBody = () => ({
    address: SUPPORT_ADDRESS,
    displayName: '客服邮箱 Support',
    queueId: 'email-general',
    imap: { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password },
    smtp: { host: smtp.host, port: smtp.port, tls: false, user: 'support', password: 'smtp-secret-pw' },
    autoAck: { enabled: true, template: 'We got your mail {{ticket}}' },
  });
  const readyAgent = async (username: string): Promise<AgentSocket> => {
    const socket = server.agent((await server.login(username)).token);
    await connected(socket);
    expect(await socket.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
    return socket;
  };

  let world: EmailWorld | undefined;
  beforeAll(async () => {
    world = await startEmailWorld();
    ({ dovecot, smtp, server } = world);
    admin = (await server.login('root')).token;
  }, 30_000);
  afterAll(() => world?.stop());

  it('creates a mailbox over the admin API with its passwords sealed at rest and never returned', async () => {
    const created = await api('POST', '/api/admin/mailboxes', mailboxBody());
    expect(created.status, created.text).toBe(201);
    mailbox = created.json as unknown as Mailbox;
    expect(mailbox).toMatchObject({ address: SUPPORT_ADDRESS, imap: { passwordSet: true, port: dovecot.port }, smtp: { passwordSet: true }, enabled: true, sync: { uidValidity: null, lastUid: 0 } });
    for (const res of [created, await api('GET', `/api/admin/mailboxes/${mailbox.id}`), await api('GET', '/api/admin/mailboxes')]) {
      expect(res.text).not.toContain(dovecot.password);
      expect(res.text).not.toContain('smtp-secret-pw');
      expect(res.text).not.toMatch(/sealed|"password"/i);
    }
    const { rows } = await server.app.mail.mailboxes.get(mailbox.id).then((m) => ({ rows: [m?.imap.passwordSealed, m?.smtp.passwordSealed] }));
    for (const sealed of rows) {
      expect(sealed).toMatch(/^v1\./);
      expect(sealed).not.toContain(dovecot.password);
    }
    // A supervisor may look, not change; an agent may not even look.
    const sam = (await server.login('sam')).token;
    expect((await api('GET', '/api/admin/mailboxes', undefined, sam)).status).toBe(200);
    expect((await api('PUT', `/api/admin/mailboxes/${mailbox.id}`, mailboxBody(), sam)).json?.error?.code).toBe('FORBIDDEN');
    expect((await api('GET', '/api/admin/mailboxes', undefined, (await server.login('alice')).token)).json?.error?.code).toBe('FORBIDDEN');
  });

  it('answers bad mailbox input with coded errors and stores nothing', async () => {
    const before = (await server.app.mail.mailboxes.list({ limit: 100, offset: 0 })).total;
    const cases: [unknown, number, string][] = [
      [{ ...mailboxBody(), address: 'other@omnicc.test', queueId: 'chat-general' }, 400, 'BAD_REQUEST'],
      [{ ...mailboxBody(), address: 'other@omnicc.test', queueId: 'no-such-queue' }, 404, 'NOT_FOUND'],
      [mailboxBody(), 409, 'CONFLICT'],
      [{ ...mailboxBody(), address: 'not an address' }, 400, 'BAD_REQUEST'],
      [{ ...mailboxBody(), address: 'other@omnicc.test', imap: { ...mailboxBody().imap, port: 70000 } }, 400, 'BAD_REQUEST'],
      [{ ...mailboxBody(), address: 'other@omnicc.test', imap: { ...mailboxBody().imap, host: 'imap://x' } }, 400, 'BAD_REQUEST'],
      [{ ...mailboxBody(), address: 'other@omnicc.test', smtp: { ...mailboxBody().smtp, password: undefined } }, 400, 'BAD_REQUEST'],
      [{ ...mailboxBody(), address: 'other@omnicc.test', passwords: 'typo' }, 400, 'BAD_REQUEST'],
    ];
    for (const [body, status, code] of cases) {
      const res = await api('POST', '/api/admin/mailboxes', body);
      expect([res.status, res.json?.error?.code], res.text).toEqual([status, code]);
    }
    expect((await api('PUT', '/api/admin/mailboxes/not-a-uuid', mailboxBody())).json?.error?.code).toBe('BAD_REQUEST');
    expect((await server.app.mail.mailboxes.list({ limit: 100, offset: 0 })).total).toBe(before);
  });

  it('offers a new mail to a ready agent as soon as IDLE reports it', async () => {
    const alice = await readyAgent('alice');
    await eventually(() => server.app.email.status().get(mailbox.id)?.connected, 10_000, 'the reader to connect');
    const offered = next<Offer>(alice, 'offer:new', 10_000);
    const sentAt = Date.now();
    const messageId = newMessageId();
    await dovecot.deliver(mail({ messageId, subject: '宽带报修 Broadband down' }));
    const offer = await offered;
    const latencyMs = Date.now() - sentAt;
    expect(offer.interaction).toMatchObject({ channel: 'email', queueId: 'email-general', customer: { name: 'Zhang San', email: 'zhang.san@customer.example' } });
    expect(latencyMs).toBeLessThan(5000);
    console.log(`email: delivered to offered in ${latencyMs} ms (IDLE, poll 60 s)`);
    expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true, value: { state: 'assigned' } });

    // The customer writes again while the agent has it: the mail joins, nobody is offered anything.
    let extraOffers = 0;
    alice.on('offer:new', () => extraOffers++);
    await dovecot.deliver(mail({ inReplyTo: messageId, subject: 'Re: 宽带报修 Broadband down', text: 'Still down.' }));
    const thread = await eventually(async () => {
      // The customer's mails (the mailbox also acknowledged the first one: an outbound mail in the same interaction).
      const stored = (await server.app.mail.messages.listByInteraction(offer.interaction.id)).filter((m) => m.direction === 'in');
      return stored.length === 2 && stored;
    });
    expect(thread.map((m) => m.subject)).toEqual(['宽带报修 Broadband down', 'Re: 宽带报修 Broadband down']);
    expect(extraOffers).toBe(0);
    alice.disconnect();
  });

  it('sends a reply to a closed conversation back to the same agent, as a new interaction in the thread', async () => {
    const bob = await readyAgent('bob');
    const first = newMessageId();
    const offered = next<Offer>(bob, 'offer:new', 10_000);
    await dovecot.deliver(mail({ messageId: first, from: 'Li Si <li.si@customer.example>', subject: 'Contract question' }));
    const offer = await offered;
    expect(await bob.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    // Alice becomes ready while Bob works: once Bob wraps up, she has been idle longest and would get the next mail on that alone.
    const alice = await readyAgent('alice');
    let aliceOffers = 0;
    alice.on('offer:new', () => aliceOffers++);
    expect(await bob.emitWithAck('interaction:end', { interactionId: offer.interaction.id })).toMatchObject({ ok: true });
    expect(await bob.emitWithAck('interaction:wrapUp', { interactionId: offer.interaction.id, dispositionCode: 'billingQuery', note: '' })).toMatchObject({ ok: true, value: { state: 'closed' } });

    const again = next<Offer>(bob, 'offer:new', 10_000);
    await dovecot.deliver(mail({ inReplyTo: first, from: 'Li Si <li.si@customer.example>', subject: 'Re: Contract question' }));
    const reopened = await again;
    expect(reopened.interaction.id).not.toBe(offer.interaction.id);
    expect(reopened.interaction.customer.email).toBe('li.si@customer.example');
    expect(aliceOffers).toBe(0);
    const [opening] = (await server.app.mail.messages.listByInteraction(offer.interaction.id)).filter((m) => m.direction === 'in');
    const [reply] = (await server.app.mail.messages.listByInteraction(reopened.interaction.id)).filter((m) => m.direction === 'in');
    expect(reply?.threadId).toBe(opening?.threadId);
    bob.disconnect();
    alice.disconnect();
  });

  it('reads what arrived while the reader was stopped, once, after it starts again', async () => {
    const before = await server.app.mail.messages.listByMailbox(mailbox.id);
    await server.app.email.stop();
    for (let i = 0; i < 5; i++) await dovecot.deliver(mail({ subject: `while stopped ${i}` }));
    server.app.email.start();
    const after = await eventually(async () => {
      const all = await server.app.mail.messages.listByMailbox(mailbox.id);
      return all.filter((m) => m.direction === 'in').length === before.filter((m) => m.direction === 'in').length + 5 && all;
    });
    expect(new Set(after.map((m) => m.messageId)).size).toBe(after.length);
    expect(after.filter((m) => m.direction === 'in').slice(-5).map((m) => m.subject)).toEqual([0, 1, 2, 3, 4].map((i) => `while stopped ${i}`));
  });

  it('keeps stored passwords on an update that leaves them out, and refuses to delete a mailbox with mail', async () => {
    const { imap, smtp: smtpSettings, ...rest } = mailboxBody();
    const { password: _imapPassword, ...imapWithout } = imap;
    const { password: _smtpPassword, ...smtpWithout } = smtpSettings;
    const sealedBefore = (await server.app.mail.mailboxes.get(mailbox.id))?.imap.passwordSealed;
    const updated = await api('PUT', `/api/admin/mailboxes/${mailbox.id}`, { ...rest, displayName: 'Support (renamed)', imap: imapWithout, smtp: smtpWithout });
    expect(updated.status, updated.text).toBe(200);
    expect((await server.app.mail.mailboxes.get(mailbox.id))?.imap.passwordSealed).toBe(sealedBefore);
    // The reader reconnects with the new version and still logs in.
    await eventually(() => server.app.email.status().get(mailbox.id)?.connected, 10_000, 'the reader to reconnect');
    await dovecot.deliver(mail({ subject: 'after the update' }));
    await eventually(async () => (await server.app.mail.messages.listByMailbox(mailbox.id)).some((m) => m.subject === 'after the update'));

    const refused = await api('DELETE', `/api/admin/mailboxes/${mailbox.id}`);
    expect([refused.status, refused.json?.error?.code]).toEqual([409, 'CONFLICT']);
    expect(await server.app.mail.mailboxes.get(mailbox.id)).toBeDefined();
  });
});
