// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clientIdSchema, type ChatMessage } from '@omnicc/shared';
import { useAgentStore } from '../stores/agentStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { DICTIONARIES, makeInteraction, makeMessage, makeOffer, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { createActions, newClientMessageId, type SendFn } from './actions.js';
import { ApiError } from './api.js';

type Reply = (payload: never) => unknown;

function fakeSend(replies: Record<string, Reply>) {
  const calls: { event: string; payload: unknown }[] = [];
  const send = ((event: string, payload: unknown) => {
    calls.push({ event, payload });
    const reply = replies[event];
    if (!reply) return Promise.reject(new ApiError('TIMEOUT', event));
    try {
      return Promise.resolve(reply(payload as never));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }) as SendFn;
  return { send, calls };
}

describe('agent actions', () => {
  beforeEach(resetAllStores);

  it('accepts an offer: the interaction joins the desk, gets focus, and its history is loaded', async () => {
    const offer = makeOffer(1);
    useOffersStore.getState().add(offer);
    const loadTranscript = vi.fn();
    const { send } = fakeSend({ 'offer:accept': () => makeInteraction(1) });
    await createActions({ send, loadTranscript }).acceptOffer(offer.offerId);
    expect(useOffersStore.getState().offers).toEqual([]);
    expect(useInteractionsStore.getState().order).toEqual([uuid(1)]);
    expect(useUiStore.getState()).toMatchObject({ activeId: uuid(1), focusComposerTick: 1 });
    expect(loadTranscript).toHaveBeenCalledWith(uuid(1));
  });

  it('drops an offer that is gone by the time the agent accepts', async () => {
    const offer = makeOffer(1);
    useOffersStore.getState().add(offer);
    const { send } = fakeSend({
      'offer:accept': () => {
        throw new ApiError('INVALID_STATE', 'offer ended');
      },
    });
    await createActions({ send, loadTranscript: vi.fn() }).acceptOffer(offer.offerId);
    expect(useOffersStore.getState().offers).toEqual([]);
    expect(useUiStore.getState().notice).toMatchObject({ action: 'accept', code: 'INVALID_STATE' });
  });

  it('sends a message optimistically with a valid client id, then confirms it', async () => {
    useInteractionsStore.getState().upsert(makeInteraction(1));
    let resolve: (m: ChatMessage) => void = () => {};
    const { send, calls } = fakeSend({ 'chat:send': () => new Promise<ChatMessage>((r) => (resolve = r)), 'chat:typing': () => null });
    const done = createActions({ send, loadTranscript: vi.fn() }).sendMessage(uuid(1), 'hello');
    const pending = useInteractionsStore.getState().pending[uuid(1)];
    expect(pending).toMatchObject([{ text: 'hello', state: 'sending' }]);
    const sent = calls.find((c) => c.event === 'chat:send')!.payload as { clientMessageId: string };
    expect(clientIdSchema.safeParse(sent.clientMessageId).success).toBe(true);
    resolve(makeMessage(1, { sender: 'agent', text: 'hello', clientMessageId: sent.clientMessageId, delivery: 'sent' }));
    await done;
    expect(useInteractionsStore.getState().pending[uuid(1)]).toEqual([]);
    expect(useInteractionsStore.getState().messages[uuid(1)]?.map((m) => m.text)).toEqual(['hello']);
  });

  it('marks a failed send and retries it with the same client id', async () => {
    useInteractionsStore.getState().upsert(makeInteraction(1));
    let fail = true;
    const { send, calls } = fakeSend({
      'chat:send': (p: { clientMessageId: string }) => {
        if (fail) throw new ApiError('DISCONNECTED', 'offline');
        return makeMessage(1, { sender: 'agent', clientMessageId: p.clientMessageId });
      },
    });
    const actions = createActions({ send, loadTranscript: vi.fn() });
    await actions.sendMessage(uuid(1), 'hello');
    const failed = useInteractionsStore.getState().pending[uuid(1)]![0]!;
    expect(failed.state).toBe('failed');
    fail = false;
    await actions.retryMessage(uuid(1), failed.clientMessageId);
    const ids = calls.filter((c) => c.event === 'chat:send').map((c) => (c.payload as { clientMessageId: string }).clientMessageId);
    expect(ids).toEqual([failed.clientMessageId, failed.clientMessageId]);
    expect(useInteractionsStore.getState().pending[uuid(1)]).toEqual([]);
  });

  it('ends a chat into wrap-up and opens the dialog; a wrap-up closes it', async () => {
    useInteractionsStore.getState().upsert(makeInteraction(1));
    useUiStore.getState().select(uuid(1));
    const { send, calls } = fakeSend({
      'interaction:end': () => makeInteraction(1, { state: 'wrapUp' }),
      'interaction:wrapUp': () => makeInteraction(1, { state: 'closed' }),
    });
    const actions = createActions({ send, loadTranscript: vi.fn() });
    await actions.endChat(uuid(1));
    expect(useInteractionsStore.getState().byId[uuid(1)]?.state).toBe('wrapUp');
    expect(useUiStore.getState().wrapUpFor).toBe(uuid(1));
    await expect(actions.wrapUp(uuid(1), 'resolved', 'ok')).resolves.toBe(true);
    expect(calls.at(-1)).toEqual({ event: 'interaction:wrapUp', payload: { interactionId: uuid(1), dispositionCode: 'resolved', note: 'ok' } });
    expect(useInteractionsStore.getState().order).toEqual([]);
    expect(useUiStore.getState()).toMatchObject({ wrapUpFor: null, activeId: null });
  });

  it('keeps the wrap-up dialog open with the error when saving fails', async () => {
    useInteractionsStore.getState().upsert(makeInteraction(1, { state: 'wrapUp' }));
    useUiStore.getState().openWrapUp(uuid(1));
    const { send } = fakeSend({
      'interaction:wrapUp': () => {
        throw new ApiError('BAD_REQUEST', 'unknown disposition code');
      },
    });
    await expect(createActions({ send, loadTranscript: vi.fn() }).wrapUp(uuid(1), 'x', '')).resolves.toBe(false);
    expect(useUiStore.getState()).toMatchObject({ wrapUpFor: uuid(1), wrapUpSubmitting: false, wrapUpErrorCode: 'BAD_REQUEST' });
  });

  it('loads transfer targets for the interaction, and turns a failure into its code', async () => {
    const targets = { queues: [{ queueId: 'billing', nameEn: 'Billing', nameZh: '计费', waiting: 2 }], agents: [] };
    const ok = fakeSend({ 'transfer:targets': () => targets });
    await expect(createActions({ send: ok.send, loadTranscript: vi.fn() }).loadTransferTargets(uuid(1))).resolves.toEqual({ ok: true, value: targets });
    expect(ok.calls).toEqual([{ event: 'transfer:targets', payload: { interactionId: uuid(1) } }]);
    const failing = fakeSend({});
    await expect(createActions({ send: failing.send, loadTranscript: vi.fn() }).loadTransferTargets(uuid(1))).resolves.toEqual({ ok: false, code: 'TIMEOUT' });
  });

  it('asks the server for a call\'s transfer address and a colleague\'s consult address, failures as codes', async () => {
    const ticket = { referTo: 'sip:xfer-abc@omnicc.local', expiresAt: '2025-03-01T08:01:00.000Z' };
    const colleague = { sipUri: 'sip:lina@omnicc.local', displayName: 'Li Na' };
    const { send, calls } = fakeSend({ 'voice:transfer': () => ticket, 'voice:consult': () => colleague });
    const actions = createActions({ send, loadTranscript: vi.fn() });
    await expect(actions.voiceTransfer(uuid(1), { queueId: 'billing' })).resolves.toEqual({ ok: true, value: ticket });
    await expect(actions.voiceConsult(uuid(1), uuid(7))).resolves.toEqual({ ok: true, value: colleague });
    expect(calls).toEqual([
      { event: 'voice:transfer', payload: { interactionId: uuid(1), to: { queueId: 'billing' } } },
      { event: 'voice:consult', payload: { interactionId: uuid(1), agentId: uuid(7) } },
    ]);
    const refused = fakeSend({
      'voice:transfer': () => {
        throw new ApiError('NOT_OWNER', 'not yours');
      },
    });
    await expect(createActions({ send: refused.send, loadTranscript: vi.fn() }).voiceTransfer(uuid(1), { agentId: uuid(7) })).resolves.toEqual({ ok: false, code: 'NOT_OWNER' });
  });

  it('transfers: the dialog closes, the interaction leaves this desk without a wrap-up, and the next one gets focus', async () => {
    useInteractionsStore.getState().upsert(makeInteraction(1));
    useInteractionsStore.getState().upsert(makeInteraction(2));
    useUiStore.getState().select(uuid(1));
    useUiStore.getState().openTransfer(uuid(1));
    // The ack describes the interaction at its new home (queued, no agent): the receiving agent records the outcome.
    const { send, calls } = fakeSend({ 'interaction:transfer': () => makeInteraction(1, { state: 'queued', queueId: 'billing', agentId: undefined, assignedAt: undefined }) });
    await expect(createActions({ send, loadTranscript: vi.fn() }).transfer(uuid(1), { queueId: 'billing' })).resolves.toBe(true);
    expect(calls).toEqual([{ event: 'interaction:transfer', payload: { interactionId: uuid(1), to: { queueId: 'billing' } } }]);
    expect(useInteractionsStore.getState().byId[uuid(1)]).toBeUndefined();
    expect(useInteractionsStore.getState().order).toEqual([uuid(2)]);
    expect(useUiStore.getState()).toMatchObject({ transferFor: null, transferSubmitting: false, transferErrorCode: null, wrapUpFor: null, activeId: uuid(2) });
  });

  it('transfers to an agent: an offered ack also takes it off this desk, leaving nothing selected when it was the last one', async () => {
    useInteractionsStore.getState().upsert(makeInteraction(1));
    useUiStore.getState().select(uuid(1));
    useUiStore.getState().openTransfer(uuid(1));
    const { send } = fakeSend({ 'interaction:transfer': () => makeInteraction(1, { state: 'offered', agentId: undefined, assignedAt: undefined }) });
    await expect(createActions({ send, loadTranscript: vi.fn() }).transfer(uuid(1), { agentId: uuid(7) })).resolves.toBe(true);
    expect(useInteractionsStore.getState().order).toEqual([]);
    expect(useUiStore.getState()).toMatchObject({ transferFor: null, wrapUpFor: null, activeId: null });
  });

  it('keeps the transfer dialog open with the coded error when the server refuses', async () => {
    useInteractionsStore.getState().upsert(makeInteraction(1));
    useUiStore.getState().openTransfer(uuid(1));
    const { send } = fakeSend({
      'interaction:transfer': () => {
        throw new ApiError('INVALID_STATE', 'agent cannot take it');
      },
    });
    await expect(createActions({ send, loadTranscript: vi.fn() }).transfer(uuid(1), { agentId: uuid(7) })).resolves.toBe(false);
    expect(useUiStore.getState()).toMatchObject({ transferFor: uuid(1), transferSubmitting: false, transferErrorCode: 'INVALID_STATE', wrapUpFor: null });
    expect(useInteractionsStore.getState().byId[uuid(1)]?.state).toBe('assigned');
  });

  it('toggles ready and not ready, reusing the last reason', async () => {
    useSessionStore.getState().setDictionaries(DICTIONARIES);
    const { send, calls } = fakeSend({
      'agent:setStatus': (p: { status: 'ready' | 'notReady' }) => ({ status: p.status, statusSince: '2025-03-01T08:00:00.000Z' }),
    });
    const actions = createActions({ send, loadTranscript: vi.fn() });
    await actions.toggleReady(); // offline with no choice yet: go ready
    await actions.toggleReady(); // ready: first reason
    await actions.setNotReady('lunch');
    await actions.toggleReady();
    await actions.toggleReady(); // back to not ready: last reason (lunch)
    expect(calls.map((c) => c.payload)).toEqual([
      { status: 'ready' },
      { status: 'notReady', reasonCode: 'break' },
      { status: 'notReady', reasonCode: 'lunch' },
      { status: 'ready' },
      { status: 'notReady', reasonCode: 'lunch' },
    ]);
    expect(useAgentStore.getState()).toMatchObject({ status: 'notReady', reasonCode: 'lunch', chosen: 'notReady' });
  });

  it('makes client ids that match the contract', () => {
    const a = newClientMessageId();
    expect(clientIdSchema.safeParse(a).success).toBe(true);
    expect(newClientMessageId()).not.toBe(a);
  });
});
