import type { AgentAckValues, AgentInboundName, TransferTargets, VoiceConsultTarget, VoiceTransferTicket } from '@omnicc/shared';
import { useAgentStore } from '../stores/agentStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { useUiStore, type ActionName } from '../stores/uiStore.js';
import { isCallOver, useCallStore } from '../stores/callStore.js';
import type { VoiceActions } from '../telephony/voiceController.js';
import { errorCodeOf } from './commands.js';
import type { AgentPayload } from './socket.js';
import { TypingThrottle } from './typingThrottle.js';

/** Where a transfer goes: a queue, or one agent. */
export type TransferTo = AgentPayload<'interaction:transfer'>['to'];

/** A read that either worked or failed with an error code; never a rejection. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; code: string };

/**
 * The server's part of transferring a call (see telephony/callTransfers.ts):
 * it checks and signs, the phone then moves the audio.
 */
export interface VoiceRequests {
  /** The address to REFER the caller to, so the call reaches `to` (blind transfer, or completing a consult). */
  voiceTransfer(interactionId: string, to: TransferTo): Promise<Loaded<VoiceTransferTicket>>;
  /** The SIP address of a colleague to consult about the call. */
  voiceConsult(interactionId: string, agentId: string): Promise<Loaded<VoiceConsultTarget>>;
}

/**
 * Everything the agent can do. Each action updates the stores from the
 * server's ack; failures become a notice for the agent, never a rejection.
 */
export interface AgentActions extends VoiceRequests {
  setReady(): Promise<void>;
  setNotReady(reasonCode: string): Promise<void>;
  /** Alt+S: ready becomes not ready (last reason, else the first) and back. */
  toggleReady(): Promise<void>;
  acceptOffer(offerId: string): Promise<void>;
  rejectOffer(offerId: string): Promise<void>;
  sendMessage(interactionId: string, text: string): Promise<void>;
  /** Sends a failed message again with the same client id, so the server keeps one copy. */
  retryMessage(interactionId: string, clientMessageId: string): Promise<void>;
  /** A keystroke in the composer; throttled into typing notices. */
  typing(interactionId: string): void;
  markRead(interactionId: string, upToMessageId: string): void;
  endChat(interactionId: string): Promise<void>;
  wrapUp(interactionId: string, dispositionCode: string, note: string): Promise<boolean>;
  /** The queues and agents this agent may transfer the interaction to now. */
  loadTransferTargets(interactionId: string): Promise<Loaded<TransferTargets>>;
  /** Hands the interaction over; it leaves this desk. A failure stays in the transfer dialog. */
  transfer(interactionId: string, to: TransferTo): Promise<boolean>;
  dispose(): void;
}

export type SendFn = <E extends AgentInboundName>(event: E, payload: AgentPayload<E>) => Promise<AgentAckValues[E]>;

/** Codes meaning the offer is gone already: nothing to retry, drop it. */
const OFFER_GONE = new Set(['NOT_FOUND', 'INVALID_STATE', 'CONFLICT', 'NOT_OWNER']);

/** 128 random bits as hex: matches the contract's client id pattern, and works outside secure contexts too. */
export function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Runs a read-like command: its value, or the error code; never a rejection. */
async function load<T>(request: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await request() };
  } catch (err) {
    return { ok: false, code: errorCodeOf(err) };
  }
}

/** voice:transfer and voice:consult; the voice controller uses them without the rest of the actions. */
export function createVoiceRequests(send: SendFn): VoiceRequests {
  return {
    voiceTransfer: (interactionId, to) => load(() => send('voice:transfer', { interactionId, to })),
    voiceConsult: (interactionId, agentId) => load(() => send('voice:consult', { interactionId, agentId })),
  };
}

/** Calls are answered, declined and ended on the phone (SIP), never with socket commands: routing hears of them from Kamailio. */
type VoiceHooks = Pick<VoiceActions, 'answerOffer' | 'rejectOffer' | 'hangUp'>;

export function createActions(deps: { send: SendFn; loadTranscript: (interactionId: string) => void; voice?: VoiceHooks | undefined }): AgentActions {
  const { send } = deps;
  const notice = (action: ActionName, err: unknown): void => useUiStore.getState().showNotice(action, errorCodeOf(err));
  const throttle = new TypingThrottle((interactionId, typing) => {
    send('chat:typing', { interactionId, typing }).catch(() => {
      // Typing notices are best effort: a lost one only hides "is typing…" a little early.
    });
  });

  async function setStatus(target: { status: 'ready' } | { status: 'notReady'; reasonCode: string }): Promise<void> {
    const agent = useAgentStore.getState();
    agent.setPending(true);
    try {
      const value = await send('agent:setStatus', target);
      const reasonCode = target.status === 'notReady' ? target.reasonCode : undefined;
      agent.choose(target.status, reasonCode);
      useAgentStore.getState().apply({ status: value.status, reasonCode, statusSince: value.statusSince });
    } catch (err) {
      notice('setStatus', err);
    } finally {
      useAgentStore.getState().setPending(false);
    }
  }

  async function postMessage(interactionId: string, clientMessageId: string, text: string): Promise<void> {
    throttle.stop(interactionId);
    try {
      const message = await send('chat:send', { interactionId, clientMessageId, text });
      useInteractionsStore.getState().addMessage(message);
    } catch (err) {
      useInteractionsStore.getState().setPendingState(interactionId, clientMessageId, 'failed');
      notice('send', err);
    }
  }

  async function answerOffer(offerId: string, action: 'accept' | 'reject'): Promise<void> {
    const offers = useOffersStore.getState();
    if (offers.offers.find((o) => o.offerId === offerId)?.interaction.channel === 'voice') {
      if (deps.voice) await (action === 'accept' ? deps.voice.answerOffer(offerId) : deps.voice.rejectOffer(offerId));
      else useUiStore.getState().showNotice(action, 'SOFTPHONE_UNAVAILABLE');
      return;
    }
    if (offers.pending[offerId]) return;
    offers.setPending(offerId, action);
    try {
      if (action === 'accept') {
        const interaction = await send('offer:accept', { offerId });
        useInteractionsStore.getState().upsert(interaction);
        useUiStore.getState().select(interaction.id, true);
        // Messages the customer wrote while queued were never pushed to us.
        deps.loadTranscript(interaction.id);
      } else {
        await send('offer:reject', { offerId });
      }
      useOffersStore.getState().end(offerId);
    } catch (err) {
      const code = errorCodeOf(err);
      if (OFFER_GONE.has(code)) useOffersStore.getState().end(offerId);
      else useOffersStore.getState().setPending(offerId, null);
      notice(action, err);
    }
  }

  return {
    setReady: () => setStatus({ status: 'ready' }),
    setNotReady: (reasonCode) => setStatus({ status: 'notReady', reasonCode }),
    toggleReady: async () => {
      const { chosen, status, lastReasonCode, pending } = useAgentStore.getState();
      if (pending) return;
      if ((chosen ?? status) !== 'ready') return setStatus({ status: 'ready' });
      const reasons = useSessionStore.getState().dictionaries?.notReadyReasons ?? [];
      const reasonCode = reasons.find((r) => r.code === lastReasonCode)?.code ?? reasons[0]?.code;
      if (reasonCode) await setStatus({ status: 'notReady', reasonCode });
    },
    acceptOffer: (offerId) => answerOffer(offerId, 'accept'),
    rejectOffer: (offerId) => answerOffer(offerId, 'reject'),
    sendMessage: (interactionId, text) => {
      const clientMessageId = newClientMessageId();
      useInteractionsStore.getState().addPending({ clientMessageId, interactionId, text, createdAt: new Date().toISOString(), state: 'sending' });
      return postMessage(interactionId, clientMessageId, text);
    },
    retryMessage: (interactionId, clientMessageId) => {
      const pending = useInteractionsStore.getState().pending[interactionId]?.find((p) => p.clientMessageId === clientMessageId);
      if (!pending) return Promise.resolve();
      useInteractionsStore.getState().setPendingState(interactionId, clientMessageId, 'sending');
      return postMessage(interactionId, clientMessageId, pending.text);
    },
    typing: (interactionId) => throttle.input(interactionId),
    markRead: (interactionId, upToMessageId) => {
      useInteractionsStore.getState().markReadUpTo(interactionId, upToMessageId);
      send('chat:read', { interactionId, upToMessageId }).catch(() => {
        // The next snapshot shows the server's view again; the unread badge then returns if needed.
      });
    },
    endChat: async (interactionId) => {
      const call = useCallStore.getState().call;
      // Ending a call is hanging up: the BYE ends it for the caller too, and the server moves it to wrap-up.
      if (deps.voice && call && call.interactionId === interactionId && !isCallOver(call)) return deps.voice.hangUp();
      throttle.stop(interactionId);
      try {
        const interaction = await send('interaction:end', { interactionId });
        useInteractionsStore.getState().upsert(interaction);
        useUiStore.getState().openWrapUp(interactionId);
      } catch (err) {
        notice('end', err);
      }
    },
    wrapUp: async (interactionId, dispositionCode, note) => {
      const ui = useUiStore.getState();
      ui.setWrapUpState(true);
      try {
        const interaction = await send('interaction:wrapUp', { interactionId, dispositionCode, note });
        useInteractionsStore.getState().upsert(interaction);
        const after = useUiStore.getState();
        if (after.wrapUpFor === interactionId) after.closeWrapUp();
        if (after.activeId === interactionId) after.select(useInteractionsStore.getState().order[0] ?? null);
        return true;
      } catch (err) {
        useUiStore.getState().setWrapUpState(false, errorCodeOf(err));
        return false;
      }
    },
    loadTransferTargets: (interactionId) => load(() => send('transfer:targets', { interactionId })),
    ...createVoiceRequests(send),
    transfer: async (interactionId, to) => {
      if (useUiStore.getState().transferSubmitting) return false;
      useUiStore.getState().setTransferState(true);
      try {
        const value = await send('interaction:transfer', { interactionId, to });
        throttle.stop(interactionId);
        // A hand-off: the interaction leaves this desk (the ack shows it queued or ringing
        // elsewhere) and the receiving agent records its outcome. The server starts this
        // agent's after-call timer; routing ends it by itself.
        const interactions = useInteractionsStore.getState();
        interactions.upsert(value);
        const ui = useUiStore.getState();
        ui.closeTransfer();
        if (ui.activeId === interactionId || ui.activeId === null) ui.select(useInteractionsStore.getState().order[0] ?? null);
        return true;
      } catch (err) {
        useUiStore.getState().setTransferState(false, errorCodeOf(err));
        return false;
      }
    },
    dispose: () => throttle.dispose(),
  };
}
