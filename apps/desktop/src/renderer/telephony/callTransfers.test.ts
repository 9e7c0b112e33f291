// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { VoiceConsultTarget, VoiceTransferTicket } from '@omnicc/shared';
import type { SoftphoneConfig } from './softphone.js';
import type { Loaded, VoiceRequests } from '../network/actions.js';
import { useCallStore } from '../stores/callStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { flush } from '../testing/fakes.js';
import { FakeSoftphone } from '../testing/fakeSoftphone.js';
import { makeInteraction, makeOffer, makeSession, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { OWN_HANGUP_AFTER_MS, TRANSFER_FOLLOW_MS } from './callTransfers.js';
import { CONSULT_ANSWER_WINDOW_MS } from './consultRings.js';
import { ENDED_VISIBLE_MS, startVoice, type VoiceController } from './voiceController.js';

const NOW = Date.parse('2025-03-01T08:00:00.000Z');
const TICKET: VoiceTransferTicket = { referTo: 'sip:xfer-AbC_12@omnicc.local', expiresAt: new Date(NOW + 60_000).toISOString() };
const LI_NA: VoiceConsultTarget = { sipUri: 'sip:lina@omnicc.local', displayName: 'Li Na' };
const COLLEAGUE = uuid(72);
const ok = <T,>(value: T): Promise<Loaded<T>> => Promise.resolve({ ok: true, value });

const CONFIG: SoftphoneConfig = {
  wsUrl: 'ws://127.0.0.1:8088',
  uri: 'sip:wang@omnicc.local',
  authorizationUsername: '1740830400:wang',
  password: 'secret',
  expiresAt: new Date(NOW + 12 * 3600_000).toISOString(),
};

const calls = () => useCallStore.getState();
const ui = () => useUiStore.getState();

describe('call transfers', () => {
  let phone: FakeSoftphone;
  let voice: VoiceController;
  let server: { [K in keyof VoiceRequests]: Mock<VoiceRequests[K]> };

  async function registered(): Promise<void> {
    voice = startVoice({ api: { softphone: () => Promise.resolve(CONFIG) }, server, softphone: phone, token: () => 'token-1', now: () => Date.now() });
    await flush();
  }

  /** A registered desk talking to Li Lei (interaction 1), with a chat (interaction 2) on the desk beside it. */
  async function inCall(): Promise<void> {
    await registered();
    useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice', customer: { name: 'Li Lei', phone: '13800138000' } }));
    useInteractionsStore.getState().upsert(makeInteraction(2));
    ui().select(uuid(1));
    phone.ring({ callId: 'c1', interactionId: uuid(1), number: '13800138000', name: 'Li Lei' });
    phone.connect('c1');
  }

  beforeEach(() => {
    resetAllStores();
    vi.useFakeTimers({ now: NOW });
    useSessionStore.getState().signIn(makeSession());
    phone = new FakeSoftphone();
    server = { voiceTransfer: vi.fn(() => ok(TICKET)), voiceConsult: vi.fn(() => ok(LI_NA)) };
  });
  afterEach(() => {
    voice.stop();
    vi.useRealTimers();
  });

  describe('blind', () => {
    it('REFERs the caller to the server\'s address and waits for the server\'s BYE; then the call is gone from this desk without a wrap-up', async () => {
      await inCall();
      expect(await voice.transfer({ queueId: 'billing' })).toBe(true);
      expect(server.voiceTransfer).toHaveBeenCalledWith(uuid(1), { queueId: 'billing' });
      expect(phone.opsOf('refer')).toEqual([['c1', TICKET.referTo]]);
      // We never hang up ourselves: if the caller's phone does not follow, the call must stay.
      expect(phone.opsOf('hangUp')).toEqual([]);
      expect(calls().call).toMatchObject({ phase: 'connected', pending: 'transfer' });

      // The caller's new call reached the server: it moves the interaction, then hangs up our leg.
      useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice', state: 'queued', agentId: undefined }));
      phone.end('c1', 'remoteHangUp');
      expect(calls().call).toMatchObject({ phase: 'transferred', pending: null });
      expect(ui().wrapUpFor).toBeNull();
      expect(ui().activeId).toBe(uuid(2));
      await vi.advanceTimersByTimeAsync(TRANSFER_FOLLOW_MS);
      expect(ui().notice).toBeNull();
      expect(calls().call).toBeNull();
    });

    it('hangs its own leg up once the server moved the interaction on, when the server\'s BYE to this desk got lost', async () => {
      await inCall();
      await voice.transfer({ agentId: COLLEAGUE });
      expect(phone.opsOf('hangUp')).toEqual([]);
      // The caller followed: the interaction is the colleague's now, but Kamailio sent only the caller's BYE.
      useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice', state: 'offered', agentId: COLLEAGUE }));
      // The server's BYE usually follows the push within moments: the desk gives it time first.
      await vi.advanceTimersByTimeAsync(OWN_HANGUP_AFTER_MS - 100);
      expect(phone.opsOf('hangUp')).toEqual([]);
      await vi.advanceTimersByTimeAsync(100);
      expect(phone.opsOf('hangUp')).toEqual([['c1']]);
      phone.end('c1');
      expect(calls().call?.phase).toBe('transferred');
      expect(ui().wrapUpFor).toBeNull();
    });

    it('says at once when the caller\'s phone reports its call to the transfer address failed, and keeps the call', async () => {
      await inCall();
      await voice.transfer({ agentId: COLLEAGUE });
      phone.emit({ type: 'transferFailed', callId: 'c1', status: 410 });
      expect(ui().notice).toMatchObject({ code: 'TRANSFER_FAILED' });
      expect(calls().call).toMatchObject({ phase: 'connected', pending: null });
      expect(phone.opsOf('hangUp')).toEqual([]);
      // Not reported a second time when the follow timer would have run out.
      ui().dismissNotice();
      await vi.advanceTimersByTimeAsync(TRANSFER_FOLLOW_MS);
      expect(ui().notice).toBeNull();
    });

    it('also counts the BYE as the transfer when it comes before the interaction push', async () => {
      await inCall();
      await voice.transfer({ agentId: COLLEAGUE });
      phone.end('c1');
      expect(calls().call?.phase).toBe('transferred');
      useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice', state: 'offered', agentId: COLLEAGUE }));
      expect(ui().activeId).toBe(uuid(2));
      expect(ui().wrapUpFor).toBeNull();
    });

    it('keeps the call when the server or the caller\'s phone refuses, and says why', async () => {
      await inCall();
      server.voiceTransfer.mockReturnValueOnce(Promise.resolve({ ok: false, code: 'INVALID_STATE' }));
      expect(await voice.transfer({ agentId: COLLEAGUE })).toBe(false);
      expect(phone.opsOf('refer')).toEqual([]);
      expect(ui().notice).toMatchObject({ action: 'callTransfer', code: 'INVALID_STATE' });

      phone.failNext('refer', 'TRANSFER_REFUSED');
      expect(await voice.transfer({ agentId: COLLEAGUE })).toBe(false);
      expect(ui().notice).toMatchObject({ action: 'callTransfer', code: 'TRANSFER_REFUSED' });
      expect(calls().call).toMatchObject({ phase: 'connected', pending: null });
      expect(phone.opsOf('hangUp')).toEqual([]);
    });

    it('gives up waiting after 15 s: the call stays, and ending it later is an ordinary end with its wrap-up', async () => {
      await inCall();
      await voice.transfer({ queueId: 'billing' });
      await vi.advanceTimersByTimeAsync(TRANSFER_FOLLOW_MS - 1);
      expect(ui().notice).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(ui().notice).toMatchObject({ action: 'callTransfer', code: 'TRANSFER_NOT_FOLLOWED' });
      expect(calls().call).toMatchObject({ phase: 'connected', pending: null });

      phone.end('c1');
      expect(calls().call?.phase).toBe('ended');
      useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice', state: 'wrapUp' }));
      expect(ui().wrapUpFor).toBe(uuid(1));
    });

    it('does nothing for a call routing does not know', async () => {
      await inCall();
      phone.end('c1');
      vi.advanceTimersByTime(ENDED_VISIBLE_MS);
      phone.ring({ callId: 'c2' });
      phone.connect('c2');
      expect(await voice.transfer({ queueId: 'billing' })).toBe(false);
      expect(server.voiceTransfer).not.toHaveBeenCalled();
    });
  });

  describe('consult', () => {
    async function consulting(): Promise<void> {
      await inCall();
      expect(await voice.consult(COLLEAGUE)).toBe(true);
      phone.connect('out-1');
    }

    it('holds the customer, rings the colleague with the consult header, and completes to them', async () => {
      await inCall();
      expect(await voice.consult(COLLEAGUE)).toBe(true);
      expect(server.voiceConsult).toHaveBeenCalledWith(uuid(1), COLLEAGUE);
      expect(phone.opsOf('setHold')).toEqual([['c1', true]]);
      expect(phone.opsOf('dial')).toEqual([[LI_NA.sipUri, { consultFor: uuid(1), fromName: 'Wang Fang' }]]);
      expect(calls().call).toMatchObject({ phase: 'held', pending: null });
      expect(calls().consult).toMatchObject({ callId: 'out-1', direction: 'outbound', phase: 'dialing', name: 'Li Na', number: 'lina', colleagueId: COLLEAGUE });
      // Not before the colleague answered: they agree by talking to us first.
      expect(await voice.completeConsult()).toBe(false);

      phone.connect('out-1');
      expect(await voice.completeConsult()).toBe(true);
      expect(server.voiceTransfer).toHaveBeenCalledWith(uuid(1), { agentId: COLLEAGUE });
      expect(phone.opsOf('refer')).toEqual([['c1', TICKET.referTo]]);
      expect(calls().consult?.pending).toBe('transfer');
      expect(phone.opsOf('hangUp')).toEqual([]);

      // The server hangs up the customer's old leg; then ours to the colleague goes too.
      phone.end('c1');
      expect(calls().call?.phase).toBe('transferred');
      expect(phone.opsOf('hangUp')).toEqual([['out-1']]);
      phone.end('out-1', 'localHangUp');
      expect(calls().consult).toBeNull();
      useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice', state: 'offered', agentId: COLLEAGUE }));
      expect(ui().wrapUpFor).toBeNull();
    });

    it('cancels: hangs up the colleague and takes the customer off hold', async () => {
      await consulting();
      await voice.cancelConsult();
      expect(phone.opsOf('hangUp')).toEqual([['out-1']]);
      expect(phone.opsOf('setHold')).toEqual([['c1', true], ['c1', false]]);
      expect(calls().call).toMatchObject({ phase: 'connected', pending: null });
      phone.end('out-1', 'localHangUp');
      expect(calls().consult).toBeNull();
      expect(calls().call?.phase).toBe('connected');
    });

    it('says when the colleague declines; the customer waits on hold until the agent resumes', async () => {
      await inCall();
      await voice.consult(COLLEAGUE);
      // Hold and transfer wait while the consult line is up.
      await voice.toggleHold();
      expect(await voice.transfer({ queueId: 'billing' })).toBe(false);
      phone.end('out-1', 'rejected', 486);
      expect(ui().notice).toMatchObject({ action: 'consult', code: 'CONSULT_DECLINED' });
      expect(calls()).toMatchObject({ consult: null, call: { phase: 'held' } });
      await voice.toggleHold();
      expect(calls().call?.phase).toBe('connected');
    });

    it('a failed completion leaves both lines as they were', async () => {
      await consulting();
      phone.failNext('refer', 'TRANSFER_REFUSED');
      expect(await voice.completeConsult()).toBe(false);
      expect(calls()).toMatchObject({ call: { phase: 'held', pending: null }, consult: { phase: 'connected', pending: null } });
      expect(ui().notice).toMatchObject({ action: 'callTransfer', code: 'TRANSFER_REFUSED' });
    });

    it('takes the customer off hold again when the consult call could not be placed', async () => {
      await inCall();
      phone.failNext('dial', 'SOFTPHONE_UNAVAILABLE');
      expect(await voice.consult(COLLEAGUE)).toBe(false);
      expect(ui().notice).toMatchObject({ action: 'consult', code: 'SOFTPHONE_UNAVAILABLE' });
      expect(phone.opsOf('setHold')).toEqual([['c1', true], ['c1', false]]);
      expect(calls()).toMatchObject({ consult: null, call: { phase: 'connected', pending: null } });

      server.voiceConsult.mockReturnValueOnce(Promise.resolve({ ok: false, code: 'INVALID_STATE' }));
      expect(await voice.consult(COLLEAGUE)).toBe(false);
      expect(ui().notice).toMatchObject({ action: 'consult', code: 'INVALID_STATE' });
      expect(phone.opsOf('setHold')).toHaveLength(2);
    });

    it('hangs up the consult when the customer hangs up meanwhile', async () => {
      await consulting();
      phone.end('c1');
      expect(phone.opsOf('hangUp')).toEqual([['out-1']]);
      expect(calls().call?.phase).toBe('ended');
    });
  });

  describe('on the consulted colleague\'s desk', () => {
    const offerFor = (n: number) => makeOffer(n, { interaction: { ...makeOffer(n).interaction, channel: 'voice' } });

    it('answers the transferred customer call by itself while in the consult about it', async () => {
      await registered();
      phone.ring({ callId: 'k1', consultFor: uuid(1), number: 'wang', name: 'Wang Fang' });
      expect(calls().call).toMatchObject({ direction: 'inbound', consultFor: uuid(1), phase: 'ringing' });
      await voice.answerCall();
      phone.connect('k1');

      const offer = offerFor(1);
      useOffersStore.getState().add(offer);
      phone.ring({ callId: 'c9', offerId: offer.offerId, interactionId: uuid(1), number: '13800138000', name: 'Li Lei' });
      await flush();
      expect(phone.opsOf('answer')).toEqual([['k1'], ['c9']]);
      expect(useOffersStore.getState().offers).toEqual([]);
      // The consult call moves aside, the customer's call is the call now.
      expect(calls()).toMatchObject({ call: { callId: 'c9', interactionId: uuid(1) }, consult: { callId: 'k1', phase: 'connected' } });
      phone.connect('c9');
      phone.end('k1');
      expect(calls()).toMatchObject({ call: { callId: 'c9', phase: 'connected' }, consult: null });
    });

    it('answers it by itself within 30 s after the consult call ended, and only a call about that interaction', async () => {
      await registered();
      phone.ring({ callId: 'k2', consultFor: uuid(3) });
      await voice.answerCall();
      phone.connect('k2');
      phone.end('k2');
      vi.advanceTimersByTime(ENDED_VISIBLE_MS);

      const other = offerFor(4);
      phone.ring({ callId: 'c4', offerId: other.offerId, interactionId: uuid(4) });
      await flush();
      expect(phone.opsOf('answer')).toEqual([['k2']]);
      phone.end('c4', 'cancelled');

      const offer = offerFor(3);
      phone.ring({ callId: 'c3', offerId: offer.offerId, interactionId: uuid(3) });
      await flush();
      expect(phone.opsOf('answer')).toEqual([['k2'], ['c3']]);
      phone.end('c3');
      vi.advanceTimersByTime(ENDED_VISIBLE_MS);

      // Long after the consult: an ordinary offer again, for the agent to take or not.
      vi.advanceTimersByTime(CONSULT_ANSWER_WINDOW_MS);
      phone.ring({ callId: 'c5', offerId: offerFor(5).offerId, interactionId: uuid(3) });
      await flush();
      expect(phone.opsOf('answer')).toHaveLength(2);
    });

    it('answers nothing by itself after a consult call the agent declined', async () => {
      await registered();
      phone.ring({ callId: 'k3', consultFor: uuid(6) });
      await voice.hangUp();
      expect(phone.opsOf('hangUp')).toEqual([['k3']]);
      phone.end('k3', 'rejected');
      expect(calls().call).toBeNull();
      phone.ring({ callId: 'c6', offerId: offerFor(6).offerId, interactionId: uuid(6) });
      await flush();
      expect(phone.opsOf('answer')).toEqual([]);
      expect(calls().call).toMatchObject({ callId: 'c6', phase: 'ringing' });
    });
  });
});
