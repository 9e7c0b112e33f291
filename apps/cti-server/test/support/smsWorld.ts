import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Offer, SmsConversation, SmsMessageView, SmsStatusEvent } from '@omnicc/shared';
import { restCall, type RestAnswer } from './rest.js';
import { SmscSimulator } from './smscSimulator.js';
import { connected, next, startTestServer, type AgentSocket, type TestServer } from './testServer.js';

export const SMSC_CREDENTIALS = { systemId: 'omnicc', password: 'sim-pass' };
export const SERVICE_NUMBER = '10086';

/**
 * A server bound to the SMSC simulator, with agent alice connected and
 * ready, recording the SMS pushes she gets: what the reply tests share.
 */
export interface SmsWorld {
  smsc: SmscSimulator;
  server: TestServer;
  alice: AgentSocket;
  aliceToken: string;
  /** Every `sms:message` and `sms:status` alice got, in order. */
  pushed: { messages: SmsMessageView[]; statuses: SmsStatusEvent[] };
  /** The customer at `number` texts in; alice is offered the conversation and accepts it. Its interaction id. */
  conversationWith(number: string, text?: string): Promise<string>;
  /** Ends and wraps up every conversation opened so far, so alice has room for the next. */
  closeConversations(): Promise<void>;
  reply(interactionId: string, body: unknown, token?: string): Promise<RestAnswer>;
  conversation(interactionId: string, token?: string): Promise<SmsConversation>;
  stop(): Promise<void>;
}

/**
 * One world for a describe block: started before its tests (handed to
 * `use`), stopped after them; alice set ready before each test and her
 * conversations wrapped up after it.
 */
export function useSmsWorld(env: Record<string, string>, use: (world: SmsWorld) => void): void {
  let w: SmsWorld | undefined;
  beforeAll(async () => {
    w = await startSmsWorld(env);
    use(w);
  }, 30_000);
  afterAll(() => w?.stop());
  beforeEach(async () => {
    expect(await w?.alice.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
  });
  afterEach(() => w?.closeConversations());
}

/** The texts the SMSC took for `number` (E.164), in order, a long message's parts joined (8-bit concatenation header). */
export function textsSentTo(smsc: SmscSimulator, number: string): string[] {
  const texts: string[] = [];
  for (const submit of smsc.submits.filter((s) => s.destination === number.replace(/^\+/, ''))) {
    const concat = submit.udh.find((u) => u[0] === 0x00);
    if (!concat || concat[4] === 1) texts.push(submit.text);
    else texts[texts.length - 1] += submit.text;
  }
  return texts;
}

export async function startSmsWorld(env: Record<string, string> = {}): Promise<SmsWorld> {
  const smsc = await SmscSimulator.start(SMSC_CREDENTIALS);
  const server = await startTestServer({
    env: { OMNICC_SMS: 'smpp', OMNICC_SMPP_PORT: String(smsc.port), OMNICC_SMPP_SYSTEM_ID: SMSC_CREDENTIALS.systemId, OMNICC_SMPP_PASSWORD: SMSC_CREDENTIALS.password, OMNICC_SMS_SERVICE_NUMBER: SERVICE_NUMBER, ...env },
  });
  await smsc.waitFor(() => smsc.boundSessions === 1, 10_000);
  const aliceToken = (await server.login('alice')).token;
  const alice = server.agent(aliceToken);
  await connected(alice);
  expect(await alice.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
  const pushed: SmsWorld['pushed'] = { messages: [], statuses: [] };
  alice.on('sms:message', (m) => pushed.messages.push(m));
  alice.on('sms:status', (s) => pushed.statuses.push(s));
  const open: string[] = [];
  return {
    smsc,
    server,
    alice,
    aliceToken,
    pushed,
    async conversationWith(number, text = '你好，我想问一下话费') {
      const offered = next<Offer>(alice, 'offer:new');
      await smsc.deliver(number, SERVICE_NUMBER, text, { ucs2: true });
      const offer = await offered;
      expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true, value: { state: 'assigned' } });
      open.push(offer.interaction.id);
      return offer.interaction.id;
    },
    async closeConversations() {
      for (const interactionId of open.splice(0)) {
        await alice.emitWithAck('interaction:end', { interactionId });
        await alice.emitWithAck('interaction:wrapUp', { interactionId, dispositionCode: 'resolved', note: '' });
      }
    },
    reply: (interactionId, body, token = aliceToken) => restCall(server.url, 'POST', `/api/interactions/${interactionId}/sms/reply`, token, body),
    async conversation(interactionId, token = aliceToken) {
      const answer = await restCall(server.url, 'GET', `/api/interactions/${interactionId}/sms`, token);
      expect(answer.status, answer.text).toBe(200);
      return answer.json as unknown as SmsConversation;
    },
    async stop() {
      await server.close();
      await smsc.close();
    },
  };
}
