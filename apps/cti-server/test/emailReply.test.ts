import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailConversation, EmailMessageView, Offer } from '@omnicc/shared';
import { eventually, mail, newMessageId, SUPPORT_ADDRESS } from './support/mailFixtures.js';
import { addSupportMailbox, startEmailWorld, type EmailWorld } from './support/emailWorld.js';
import { dovecotMissing, type TestDovecot, type TestSmtp } from './support/mailPeers.js';
import { restCall } from './support/rest.js';
import { connected, next, type AgentSocket, type TestServer } from './support/testServer.js';

const missing = dovecotMissing();

/**
 * Mail going out: the agent's reply (SMTP to a real `smtp-server`, a copy
 * appended to Dovecot's Sent, threading headers a mail client follows),
 * retries and failures shown on the message, and the automatic
 * acknowledgement with its ticket reference and its loop guards.
 */
describe.skipIf(missing !== undefined)(missing ? `email replies (skipped: ${missing})` : 'email replies and acknowledgements over SMTP', () => {
  let dovecot: TestDovecot;
  let smtp: TestSmtp;
  let server: TestServer;
  let alice: AgentSocket;
  let aliceToken: string;
  let conversationId: string;
  let customerMessageId: string;

  const api = (method: string, path: string, token: string, body?: unknown) => restCall(server.url, method, path, token, body);
  const conversation = async (id = conversationId) => (await api('GET', `/api/interactions/${id}/email`, aliceToken)).json as EmailConversation;
  const parsedSent = () => Promise.all(smtp.received.map(async (m) => ({ to: m.to, mail: await simpleParser(m.raw) })));
  const isAck = (m: ParsedMail) => m.headers.get('auto-submitted') === 'auto-replied';

  let world: EmailWorld | undefined;
  beforeAll(async () => {
    world = await startEmailWorld({ OMNICC_EMAIL_RETRY_SECONDS: '0.2', OMNICC_EMAIL_SEND_ATTEMPTS: '3' });
    ({ dovecot, smtp, server } = world);
    await addSupportMailbox(world, { autoAck: { enabled: true, template: 'Thanks, your reference is {{ticket}} ({{subject}}).' } });
    aliceToken = (await server.login('alice')).token;
    alice = server.agent(aliceToken);
    await connected(alice);
    expect(await alice.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
  }, 30_000);
  afterAll(() => world?.stop());

  it('shows the agent the thread with the HTML sanitized and remote images held back', async () => {
    customerMessageId = newMessageId();
    const offered = next<Offer>(alice, 'offer:new', 10_000);
    const html = '<p onclick="window.pwned=1">My bill <b>again</b></p><script>window.pwned=1</script><img src="https://tracker.example/open.gif">';
    await dovecot.deliver(mail({ messageId: customerMessageId, from: 'Wang Wu <wang.wu@customer.example>', subject: '账单 Bill', text: 'x' }).replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: text/html; charset=utf-8').replace('\r\n\r\nx\r\n', `\r\n\r\n${html}\r\n`));
    const offer = await offered;
    conversationId = offer.interaction.id;
    expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    const view = await conversation();
    expect(view).toMatchObject({ interactionId: conversationId, mailbox: { address: SUPPORT_ADDRESS } });
    expect(view.ticketRef).toMatch(/^T-\d+$/);
    const inbound = view.messages.find((m) => m.direction === 'in');
    expect(inbound?.html?.trim()).toBe('<p>My bill <b>again</b></p><img data-remote-src="https://tracker.example/open.gif" />');
    expect(inbound?.remoteImages).toBe(1);
    // Another agent may not read it; a supervisor may.
    const bob = (await server.login('bob')).token;
    expect((await api('GET', `/api/interactions/${conversationId}/email`, bob)).status).toBe(403);
    expect((await api('GET', `/api/interactions/${conversationId}/email`, (await server.login('sam')).token)).status).toBe(200);
  });

  it('serves the HTML body as a document of its own: its own CSP, only with the ticket signed for that mail', async () => {
    const view = await conversation();
    const inbound = view.messages.find((m) => m.direction === 'in');
    expect(inbound?.bodyUrl).toMatch(/^\/api\/email\/bodies\/[0-9a-f-]{36}\?ticket=/);
    expect(Date.parse(view.bodyUrlsExpireAt)).toBeGreaterThan(Date.now() + 25 * 60_000);
    const body = await fetch(`${server.url}${inbound?.bodyUrl}&lang=zh-CN`);
    expect(body.status).toBe(200);
    expect(body.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = body.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:;');
    expect(csp).toContain('sandbox allow-popups');
    const html = await body.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<p>My bill <b>again</b></p><img data-remote-src="https://tracker.example/open.gif" />');
    expect(html).not.toMatch(/script|onclick/);
    // The agent allows the images: they load, and the policy lets them.
    const withImages = await fetch(`${server.url}${inbound?.bodyUrl}&images=1`);
    expect(await withImages.text()).toContain('<img src="https://tracker.example/open.gif" />');
    expect(withImages.headers.get('content-security-policy')).toContain('img-src data: https: http:');
    // No ticket, a forged one, or this mail's ticket for another mail: refused with a code.
    const otherId = view.messages.find((m) => m.id !== inbound?.id)?.id ?? '00000000-0000-4000-8000-000000000000';
    const ticket = new URL(`${server.url}${inbound?.bodyUrl}`).searchParams.get('ticket') ?? '';
    for (const [url, code] of [
      [`/api/email/bodies/${inbound?.id}`, 'BAD_REQUEST'],
      [`/api/email/bodies/${inbound?.id}?ticket=${aliceToken}`, 'UNAUTHENTICATED'],
      [`/api/email/bodies/${otherId}?ticket=${encodeURIComponent(ticket)}`, 'UNAUTHENTICATED'],
      [`${inbound?.bodyUrl}&script=1`, 'BAD_REQUEST'],
    ] as const) {
      const refused = await fetch(`${server.url}${url}`);
      expect(((await refused.json()) as { error: { code: string } }).error.code, url).toBe(code);
    }
  });

  it('sends the reply over SMTP with threading headers, copies it to Sent, and threads the answer back', async () => {
    const sentBefore = await dovecot.count('Sent');
    const pushed: EmailMessageView[] = [];
    alice.on('email:message', (m) => pushed.push(m));
    const posted = await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, { clientMessageId: 'reply-1', text: '您好，已为您核实账单。\nYour bill is corrected.' });
    expect(posted.status, posted.text).toBe(201);
    const reply = posted.json as EmailMessageView;
    expect(reply).toMatchObject({ direction: 'out', from: { address: SUPPORT_ADDRESS }, to: [{ address: 'wang.wu@customer.example' }] });
    expect(['pending', 'sent']).toContain(reply.delivery);

    const sent = await eventually(async () => (await parsedSent()).find((m) => !isAck(m.mail) && m.to.includes('wang.wu@customer.example')), 10_000, 'the reply at the SMTP server');
    const { ticketRef } = await conversation();
    expect(sent.mail.inReplyTo).toBe(customerMessageId);
    expect(sent.mail.references).toContain(customerMessageId);
    expect(sent.mail.subject).toBe(`Re: 账单 Bill [#${ticketRef}]`);
    expect(sent.mail.text?.trim()).toBe('您好，已为您核实账单。\nYour bill is corrected.');
    expect(sent.mail.messageId).toMatch(/@omnicc\.test>$/);
    await eventually(async () => (await conversation()).messages.find((m) => m.id === reply.id)?.delivery === 'sent', 5000, 'delivery sent');
    await eventually(async () => (await dovecot.count('Sent')) > sentBefore, 5000, 'the copy in Sent');

    // The desktop retries the POST: the same reply comes back, nothing more is sent.
    const again = await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, { clientMessageId: 'reply-1', text: '您好，已为您核实账单。\nYour bill is corrected.' });
    expect((again.json as EmailMessageView).id).toBe(reply.id);
    const repliesSent = async () => (await parsedSent()).filter((m) => !isAck(m.mail)).length;
    expect(await repliesSent()).toBe(1);

    // The customer answers our reply: it joins the same interaction.
    await dovecot.deliver(mail({ inReplyTo: sent.mail.messageId ?? '', from: 'Wang Wu <wang.wu@customer.example>', subject: `Re: Re: 账单 Bill [#${ticketRef}]`, text: 'Thanks!' }));
    await eventually(async () => (await conversation()).messages.filter((m) => m.interactionId === conversationId && m.direction === 'in').length === 2, 10_000, 'the answer in the thread');
    // The desktop was told both: the reply's delivery, and the customer's answer joining.
    await eventually(() => pushed.some((m) => m.direction === 'in' && m.text?.trim() === 'Thanks!'), 5000, 'the pushed answer');
    expect(pushed.find((m) => m.id === reply.id)?.delivery).toBe('sent');
    alice.off('email:message');
  });

  it('serves attachments only as downloads, to those who may read the conversation', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.pwned=1"><script>window.pwned=1</script></svg>');
    await dovecot.deliver(mail({ inReplyTo: customerMessageId, from: 'Wang Wu <wang.wu@customer.example>', subject: 'the scan', attachments: [{ filename: '账单扫描.svg', contentType: 'image/svg+xml', content: svg }] }));
    const withFile = await eventually(async () => (await conversation()).messages.find((m) => m.subject === 'the scan'), 10_000, 'the mail with the file');
    const file = withFile.attachments[0];
    expect(file).toMatchObject({ filename: '账单扫描.svg', contentType: 'image/svg+xml', size: svg.length });
    const url = `${server.url}/api/interactions/${conversationId}/email/attachments/${file?.id ?? ''}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${aliceToken}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(svg);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="____.svg"; filename*=UTF-8''${encodeURIComponent('账单扫描.svg')}`);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const bob = (await server.login('bob')).token;
    expect((await fetch(url, { headers: { authorization: `Bearer ${bob}` } })).status).toBe(403);
    expect((await fetch(url.replace(file?.id ?? '', crypto.randomUUID()), { headers: { authorization: `Bearer ${aliceToken}` } })).status).toBe(404);
  });

  it('retries a send the SMTP server defers, and shows a refused one as failed', async () => {
    smtp.refuseNext(451, 1);
    const deferred = (await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, { clientMessageId: 'reply-2', text: 'Second answer' })).json as EmailMessageView;
    await eventually(async () => (await conversation()).messages.find((m) => m.id === deferred.id)?.delivery === 'sent', 10_000, 'the deferred reply sent');

    smtp.refuseNext(550, 1);
    const refused = (await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, { clientMessageId: 'reply-3', text: 'Third answer' })).json as EmailMessageView;
    const failed = await eventually(async () => (await conversation()).messages.find((m) => m.id === refused.id && m.delivery === 'failed'), 10_000, 'the refused reply failed');
    expect(failed.lastError).toMatch(/550|refused/);
    // Operations see it too.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('omnicc_email_outbox{delivery="failed"} 1');
    expect(metrics).toContain('omnicc_email_readers{state="connected"} 1');
  });

  it('forwards the latest mail with its attachments, and replies to all with the others in copy', async () => {
    const forwarded = await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, { clientMessageId: 'fwd-1', mode: 'forward', to: ['billing@backoffice.example'], text: 'Please check this scan.' });
    expect(forwarded.status, forwarded.text).toBe(201);
    const fwd = await eventually(async () => (await parsedSent()).find((m) => m.to.includes('billing@backoffice.example')), 10_000, 'the forward');
    const { ticketRef } = await conversation();
    expect(fwd.mail.subject).toBe(`Fwd: the scan [#${ticketRef}]`);
    expect(fwd.mail.text).toContain('Please check this scan.');
    expect(fwd.mail.text).toContain('---------- Forwarded message ----------');
    expect(fwd.mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['账单扫描.svg', 'image/svg+xml']]);

    await dovecot.deliver(mail({ inReplyTo: customerMessageId, from: 'Wang Wu <wang.wu@customer.example>', to: `${SUPPORT_ADDRESS}, Colleague <colleague@customer.example>`, headers: ['Cc: Boss <boss@customer.example>, support@omnicc.test'], subject: 'Re: 账单 Bill' }));
    await eventually(async () => (await conversation()).messages.some((m) => m.cc.some((c) => c.address === 'boss@customer.example')), 10_000, 'the mail with copies');
    const all = await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, { clientMessageId: 'all-1', mode: 'replyAll', text: 'Answering everyone.' });
    expect(all.status, all.text).toBe(201);
    const sent = await eventually(async () => (await parsedSent()).find((m) => m.mail.text?.includes('Answering everyone.')), 10_000, 'the reply to all');
    expect(sent.to.sort()).toEqual(['boss@customer.example', 'colleague@customer.example', 'wang.wu@customer.example']);
    const cc = sent.mail.cc;
    expect((Array.isArray(cc) ? cc : cc ? [cc] : []).flatMap((c) => c.value.map((v) => v.address))).toEqual(['colleague@customer.example', 'boss@customer.example']);

    // A forward needs its recipients, and only a forward takes them.
    for (const body of [{ clientMessageId: 'f2', mode: 'forward', text: 'x' }, { clientMessageId: 'f3', text: 'x', to: ['a@b.example'] }, { clientMessageId: 'f4', mode: 'forward', text: 'x', to: ['not an address'] }]) {
      const res = await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, body);
      expect([res.status, res.json?.error?.code], res.text).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('answers bad replies with coded errors and sends nothing', async () => {
    const before = smtp.received.length;
    const bob = (await server.login('bob')).token;
    const cases: [string, string, unknown, number, string][] = [
      [conversationId, bob, { clientMessageId: 'x', text: 'not mine' }, 403, 'NOT_OWNER'],
      [conversationId, aliceToken, { clientMessageId: 'x', text: '   ' }, 400, 'BAD_REQUEST'],
      [conversationId, aliceToken, { clientMessageId: 'x', text: 'hi', bcc: 'all@x' }, 400, 'BAD_REQUEST'],
      ['not-a-uuid', aliceToken, { clientMessageId: 'x', text: 'hi' }, 400, 'BAD_REQUEST'],
      [crypto.randomUUID(), aliceToken, { clientMessageId: 'x', text: 'hi' }, 404, 'NOT_FOUND'],
      [conversationId, (await server.login('sam')).token, { clientMessageId: 'x', text: 'hi' }, 403, 'FORBIDDEN'],
    ];
    for (const [id, token, body, status, code] of cases) {
      const res = await api('POST', `/api/interactions/${id}/email/reply`, token, body);
      expect([res.status, res.json?.error?.code], res.text).toEqual([status, code]);
    }
    expect(await alice.emitWithAck('interaction:end', { interactionId: conversationId })).toMatchObject({ ok: true });
    const late = await api('POST', `/api/interactions/${conversationId}/email/reply`, aliceToken, { clientMessageId: 'late', text: 'too late' });
    expect([late.status, late.json?.error?.code]).toEqual([409, 'INVALID_STATE']);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length).toBe(before);
  });

  it('acknowledges a new mail once per sender with the ticket, never an automatic one', async () => {
    alice.disconnect();
    const ackedTo = async (address: string) => (await parsedSent()).filter((m) => isAck(m.mail) && m.to.includes(address));
    const first = newMessageId();
    await dovecot.deliver(mail({ messageId: first, from: 'Zhao Liu <zhao.liu@customer.example>', subject: '套餐变更' }));
    const [ack] = await eventually(async () => {
      const acks = await ackedTo('zhao.liu@customer.example');
      return acks.length > 0 && acks;
    }, 10_000, 'the acknowledgement');
    const stored = (await server.app.mail.messages.listByMailbox((await server.app.mail.mailboxes.listEnabled())[0]?.id ?? '')).find((m) => m.messageId === first);
    const ticket = (await server.app.mail.messages.thread(stored?.threadId ?? ''))?.ticketRef ?? '';
    expect(ack?.mail.subject).toBe(`Re: 套餐变更 [#${ticket}]`);
    expect(ack?.mail.text?.trim()).toBe(`Thanks, your reference is ${ticket} (套餐变更).`);
    expect(ack?.mail.inReplyTo).toBe(first);
    expect(ack?.mail.headers.get('precedence')).toBe('auto_reply');

    // A second new conversation from the same sender within the hour, and an auto-reply from another: no acknowledgement.
    await dovecot.deliver(mail({ from: 'Zhao Liu <zhao.liu@customer.example>', subject: 'Another question' }));
    await dovecot.deliver(mail({ from: 'Robot <robot@customer.example>', subject: 'Out of office', headers: ['Auto-Submitted: auto-replied'] }));
    await eventually(async () => (await server.app.mail.messages.listByMailbox(stored ? (await server.app.mail.mailboxes.listEnabled())[0]?.id ?? '' : '')).some((m) => m.subject === 'Out of office'), 10_000, 'both stored');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ackedTo('zhao.liu@customer.example')).toHaveLength(1);
    expect(await ackedTo('robot@customer.example')).toHaveLength(0);
  });
});
