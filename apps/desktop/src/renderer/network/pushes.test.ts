// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { useAgentStore } from '../stores/agentStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { FakeSocket } from '../testing/fakes.js';
import { makeInteraction, makeMessage, makeOffer, uuid } from '../testing/fixtures.js';
import { makeFlowRun } from '../testing/flowRunFixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { TYPING_STALE_MS, bindPushes, type PushHooks } from './pushes.js';

describe('socket push mapping', () => {
  let socket: FakeSocket;
  let hooks: { onNewInteraction: Mock<PushHooks['onNewInteraction']>; onSessionError: Mock<PushHooks['onSessionError']>; onEmailMessage: Mock<PushHooks['onEmailMessage']>; onSmsMessage: Mock<PushHooks['onSmsMessage']>; onSmsStatus: Mock<PushHooks['onSmsStatus']>; onFlowRun: Mock<PushHooks['onFlowRun']> };
  let unbind: () => void;

  beforeEach(() => {
    resetAllStores();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    socket = new FakeSocket();
    hooks = { onNewInteraction: vi.fn(), onSessionError: vi.fn(), onEmailMessage: vi.fn(), onSmsMessage: vi.fn(), onSmsStatus: vi.fn(), onFlowRun: vi.fn() };
    unbind = bindPushes(socket, hooks);
  });
  afterEach(() => {
    unbind();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('hands a well-formed email:message on, and drops a malformed one', () => {
    const mail = { id: uuid(1), interactionId: uuid(2), direction: 'out', subject: 'Re: bill', to: [], cc: [], at: '2026-11-24T08:00:00.000Z', remoteImages: 0, quoted: false, notes: [], attachments: [], delivery: 'sent' };
    socket.push('email:message', mail as never);
    socket.push('email:message', { ...mail, direction: 'sideways' } as never);
    expect(hooks.onEmailMessage).toHaveBeenCalledTimes(1);
    expect(hooks.onEmailMessage.mock.calls[0]?.[0]).toMatchObject({ id: uuid(1), delivery: 'sent' });
  });

  it('hands a well-formed flow:run on, and drops a malformed one', () => {
    const run = makeFlowRun();
    socket.push('flow:run', run);
    socket.push('flow:run', { ...run, status: 'dancing' } as never);
    expect(hooks.onFlowRun).toHaveBeenCalledTimes(1);
    expect(hooks.onFlowRun.mock.calls[0]?.[0]).toMatchObject({ runId: run.runId, status: 'waiting' });
  });

  it('maps agent:state into the agent store', () => {
    socket.push('agent:state', { status: 'ready', chosen: 'ready', statusSince: '2025-03-01T08:00:00.000Z' });
    expect(useAgentStore.getState()).toMatchObject({ status: 'ready', statusSince: '2025-03-01T08:00:00.000Z' });
  });

  it('keeps what the agent chose while the derived status is busy', () => {
    socket.push('agent:state', { status: 'busy', statusSince: '2025-03-01T08:00:00.000Z', chosen: 'notReady', chosenReasonCode: 'lunch' });
    expect(useAgentStore.getState()).toMatchObject({ status: 'busy', chosen: 'notReady', lastReasonCode: 'lunch' });
  });

  it('adds offers on offer:new (once) and ends them on offer:ended', () => {
    const offer = makeOffer(1);
    socket.push('offer:new', offer);
    socket.push('offer:new', offer);
    expect(useOffersStore.getState().offers).toEqual([offer]);
    socket.push('offer:ended', { offerId: offer.offerId, interactionId: offer.interaction.id, reason: 'timeout' });
    expect(useOffersStore.getState().offers).toEqual([]);
  });

  it('drops a malformed push instead of storing it', () => {
    socket.push('offer:new', { offerId: 'nope' } as never);
    socket.push('chat:message', { id: uuid(1), text: 42 } as never);
    expect(useOffersStore.getState().offers).toEqual([]);
    expect(useInteractionsStore.getState().messages).toEqual({});
    expect(console.warn).toHaveBeenCalledTimes(2);
  });

  it('stores chat messages and receipts', () => {
    socket.push('interaction:updated', makeInteraction(1));
    const mine = makeMessage(1, { sender: 'agent', delivery: 'sent' });
    socket.push('chat:message', mine);
    socket.push('chat:message', mine);
    socket.push('chat:receipt', { interactionId: uuid(1), messageIds: [mine.id], delivery: 'read' });
    expect(useInteractionsStore.getState().messages[uuid(1)]).toEqual([{ ...mine, delivery: 'read' }]);
  });

  it('shows typing, clears it on the next customer message, and lets a stale notice fade', () => {
    vi.useFakeTimers();
    socket.push('chat:typing', { interactionId: uuid(1), typing: true });
    expect(useInteractionsStore.getState().typing[uuid(1)]).toBe(true);
    socket.push('chat:message', makeMessage(1));
    expect(useInteractionsStore.getState().typing[uuid(1)]).toBe(false);
    socket.push('chat:typing', { interactionId: uuid(1), typing: true });
    vi.advanceTimersByTime(TYPING_STALE_MS + 1);
    expect(useInteractionsStore.getState().typing[uuid(1)]).toBe(false);
  });

  it('opens the wrap-up when the customer leaves the chat on screen, not for a chat in the background', () => {
    socket.push('interaction:updated', makeInteraction(1));
    socket.push('interaction:updated', makeInteraction(2));
    useUiStore.getState().select(uuid(1));
    socket.push('interaction:updated', makeInteraction(2, { state: 'wrapUp' }));
    expect(useUiStore.getState().wrapUpFor).toBeNull();
    socket.push('interaction:updated', makeInteraction(1, { state: 'wrapUp' }));
    expect(useUiStore.getState().wrapUpFor).toBe(uuid(1));
  });

  it('removes a closed interaction and closes its dialog', () => {
    socket.push('interaction:updated', makeInteraction(1, { state: 'wrapUp' }));
    useUiStore.getState().select(uuid(1));
    useUiStore.getState().openWrapUp(uuid(1));
    socket.push('interaction:updated', makeInteraction(1, { state: 'closed' }));
    expect(useInteractionsStore.getState().order).toEqual([]);
    expect(useUiStore.getState()).toMatchObject({ wrapUpFor: null, activeId: null });
  });

  it('asks for the history of an interaction that arrives assigned (accepted elsewhere)', () => {
    socket.push('interaction:updated', makeInteraction(3));
    socket.push('interaction:updated', makeInteraction(3));
    expect(hooks.onNewInteraction).toHaveBeenCalledTimes(1);
    expect(hooks.onNewInteraction).toHaveBeenCalledWith(uuid(3));
  });

  it('passes session:error on', () => {
    socket.push('session:error', { code: 'TOKEN_EXPIRED', message: 'token expired' });
    expect(hooks.onSessionError).toHaveBeenCalledWith('TOKEN_EXPIRED', 'token expired');
  });
});
