import type { VoiceRequests } from '../network/actions.js';
import type { Api } from '../network/api.js';
import { errorCodeOf } from '../network/commands.js';
import { isCallOver, selectLiveCall, useCallStore, type CallInfo, type CallPending } from '../stores/callStore.js';
import type { ActionName } from '../stores/uiStore.js';
import { followCallOnDesk, leaveDeskAfterTransfer, wrapUpWhenEnded } from './callDesk.js';
import { createCallTransfers, type TransferActions } from './callTransfers.js';
import { consultRings } from './consultRings.js';
import { offerCalls } from './offerCalls.js';
import type { IncomingCall, Softphone, SoftphoneEvent } from './softphone.js';
import { consultRefusalCode, refusalCode, voiceNotice as notice } from './voiceNotice.js';

/** Renew the 12 h credentials this long before they expire. */
export const CREDENTIALS_LEAD_MS = 30 * 60_000;
/** First retry after a failed registration; doubles up to the max. */
export const REGISTER_RETRY_MS = 5000;
export const REGISTER_RETRY_MAX_MS = 60_000;
/** How long "Call ended" stays in the call bar. */
export const ENDED_VISIBLE_MS = 2000;

export { INVITE_WAIT_MS } from './offerCalls.js';
export { refusalCode } from './voiceNotice.js';

/** Ended calls the store did not know (yet) are remembered this many, for a dial() that returns after its refusal. */
const RECENTLY_ENDED_KEPT = 8;

/** What the desk can do with its phone. Failures become notices, never rejections. */
export interface VoiceActions extends TransferActions {
  /** Accept / Reject of a voice offer: answers (200) or declines (486) its SIP call. */
  answerOffer(offerId: string): Promise<void>;
  rejectOffer(offerId: string): Promise<void>;
  /** Answers the ringing call itself: a call that came with no routing offer. */
  answerCall(): Promise<void>;
  hangUp(): Promise<void>;
  toggleHold(): Promise<void>;
  toggleMute(): void;
  sendDtmf(tone: string): Promise<void>;
  /** Calls a number; false (with a notice) when the call could not be placed. */
  dial(number: string): Promise<boolean>;
  /** WebRTC statistics of the current call (diagnostics and the e2e audio check). */
  stats(): Promise<RTCStatsReport | null>;
}

export interface VoiceController extends VoiceActions {
  stop(): void;
}

export interface VoiceDeps {
  api: Pick<Api, 'softphone'>;
  /** voice:transfer and voice:consult on the agent socket. */
  server: VoiceRequests;
  softphone: Softphone;
  token: () => string;
  now?: () => number;
}

const calls = () => useCallStore.getState();

/**
 * Runs the desk's softphone for the signed-in session: fetches the SIP
 * credentials, registers, renews them before they expire, retries with
 * backoff when the link drops, and maps the phone's events into the call
 * store. UNAVAILABLE (voice off on this server) is a calm state, not an error.
 */
export function startVoice(deps: VoiceDeps): VoiceController {
  const { softphone } = deps;
  const now = deps.now ?? Date.now;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = REGISTER_RETRY_MS;
  const cleanups: (() => void)[] = [];
  const recentlyEnded: string[] = [];
  const transfers = createCallTransfers({ softphone, server: deps.server, endedAlready: (callId) => recentlyEnded.includes(callId) });
  const consults = consultRings(now);
  const { onOffer, onRinging } = offerCalls(softphone);

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void register(), delayMs);
  }

  async function register(): Promise<void> {
    if (stopped) return;
    if (calls().registration !== 'registered') calls().setRegistration('registering');
    try {
      const config = await deps.api.softphone(deps.token());
      if (stopped) return;
      await softphone.register(config);
      if (stopped) return;
      calls().setRegistration('registered');
      retryMs = REGISTER_RETRY_MS;
      schedule(Math.max(60_000, Date.parse(config.expiresAt) - CREDENTIALS_LEAD_MS - now()));
    } catch (err) {
      if (stopped) return;
      if (errorCodeOf(err) === 'UNAVAILABLE') {
        // This server runs without voice; nothing to retry until the next sign-in.
        calls().setRegistration('unavailable');
        return;
      }
      calls().setRegistration('failed');
      schedule(retryMs);
      retryMs = Math.min(retryMs * 2, REGISTER_RETRY_MAX_MS);
    }
  }

  function onEvent(e: SoftphoneEvent): void {
    if (stopped) return;
    switch (e.type) {
      case 'registration':
        if (e.state === 'failed' || (e.state === 'unregistered' && calls().registration === 'registered')) {
          calls().setRegistration('failed');
          schedule(retryMs);
        }
        return;
      case 'incoming':
        onIncoming(e.call);
        return;
      case 'connected': {
        calls().connected(e.callId, new Date(now()).toISOString(), e.interactionId);
        const call = calls().call;
        if (call?.callId === e.callId && call.interactionId) cleanups.push(followCallOnDesk(call.interactionId));
        return;
      }
      case 'transferFailed':
        transfers.transferFailed(e.callId);
        return;
      case 'ended': {
        const { call, consult } = calls();
        if (consult?.callId === e.callId) onConsultLineEnded(consult, e);
        else if (call?.callId === e.callId) onCallEnded(call, e);
        else rememberEnded(e.callId);
        return;
      }
    }
  }

  /** A call ended before the desk knew it (refused before dial() returned): dial() must not show it afterwards. */
  function rememberEnded(callId: string): void {
    recentlyEnded.push(callId);
    if (recentlyEnded.length > RECENTLY_ENDED_KEPT) recentlyEnded.shift();
  }

  function onIncoming(ring: IncomingCall): void {
    const current = calls().call;
    // Answered without a click: the agent agreed to take it when they took the colleague's consult call.
    const completion = consults.isCompletion(ring, calls());
    if (!current || isCallOver(current)) calls().ringing(ring);
    else if (current.consultFor !== null && current.consultFor === ring.interactionId) calls().ringingBesideConsult(ring);
    // Any other second call is refused by the phone itself (486).
    else return;
    if (completion && ring.offerId) void onOffer(ring.offerId, 'accept');
  }

  function onCallEnded(call: CallInfo, e: Extract<SoftphoneEvent, { type: 'ended' }>): void {
    const wasLive = call.connectedAt !== null;
    const transferred = transfers.callEnded(call.callId);
    calls().ended(call.callId, transferred ? 'transferred' : 'ended');
    if (call.consultFor && call.direction === 'inbound' && wasLive) consults.ended(call.consultFor);
    const consult = calls().consult;
    // The consult was about this call: nothing left to talk about (after a transfer, this completes it).
    if (consult && !isCallOver(consult)) void softphone.hangUp(consult.callId).catch(() => undefined);
    if (transferred) {
      if (call.interactionId) cleanups.push(leaveDeskAfterTransfer(call.interactionId));
    } else if (wasLive && call.interactionId) {
      cleanups.push(wrapUpWhenEnded(call.interactionId));
    }
    if (call.direction === 'outbound' && e.reason === 'rejected') notice('dial', refusalCode(e.status));
    // A ring that stopped (cancelled, declined) was never a call for the agent: nothing to show.
    if (!wasLive && call.direction === 'inbound') calls().clear(call.callId);
    else setTimeout(() => calls().clear(call.callId), ENDED_VISIBLE_MS);
  }

  /** The consult line ended: it goes at once; the customer stays on hold until the agent resumes. */
  function onConsultLineEnded(consult: CallInfo, e: Extract<SoftphoneEvent, { type: 'ended' }>): void {
    calls().clear(consult.callId);
    if (consult.direction === 'inbound' && consult.consultFor && consult.connectedAt !== null) consults.ended(consult.consultFor);
    if (consult.direction === 'outbound' && e.reason === 'rejected') notice('consult', consultRefusalCode(e.status));
  }

  cleanups.push(softphone.onEvent(onEvent));

  /** Runs one operation on the live call, with its pending mark and a notice on failure. */
  async function onLiveCall(action: ActionName, pending: CallPending | null, run: (call: CallInfo) => Promise<void>): Promise<boolean> {
    const call = selectLiveCall(calls());
    if (!call || (pending && call.pending)) return false;
    if (pending) calls().setPending(call.callId, pending);
    try {
      await run(call);
      return true;
    } catch (err) {
      notice(action, err);
      return false;
    } finally {
      if (pending) calls().setPending(call.callId, null);
    }
  }

  void register();

  return {
    answerOffer: (offerId) => onOffer(offerId, 'accept'),
    rejectOffer: (offerId) => onOffer(offerId, 'reject'),
    answerCall: async () => {
      const call = calls().call;
      if (call?.phase === 'ringing' && call.pending === null) await onRinging(call, 'accept');
    },
    hangUp: async () => {
      const call = calls().call;
      if (!call || isCallOver(call) || call.pending === 'hangUp') return;
      calls().setPending(call.callId, 'hangUp');
      try {
        await softphone.hangUp(call.callId);
      } catch (err) {
        calls().setPending(call.callId, null);
        notice('hangUp', err);
      }
    },
    toggleHold: async () => {
      // With a consult line up, taking the customer off hold is Cancel consult's job (it hangs the consult up first).
      const consult = calls().consult;
      if (consult && !isCallOver(consult)) return;
      const held = selectLiveCall(calls())?.phase === 'held';
      await onLiveCall(held ? 'resume' : 'hold', held ? 'resume' : 'hold', async (call) => {
        await softphone.setHold(call.callId, !held);
        calls().setHeld(call.callId, !held);
      });
    },
    toggleMute: () => {
      const call = selectLiveCall(calls());
      if (!call) return;
      softphone.setMuted(call.callId, !call.muted);
      calls().setMuted(call.callId, !call.muted);
    },
    sendDtmf: async (tone) => {
      await onLiveCall('dtmf', null, async (call) => {
        await softphone.sendDtmf(call.callId, tone);
        calls().addDtmf(tone);
      });
    },
    transfer: (to) => transfers.transfer(to),
    consult: (agentId) => transfers.consult(agentId),
    completeConsult: () => transfers.completeConsult(),
    cancelConsult: () => transfers.cancelConsult(),
    dial: async (number) => {
      if (calls().call) return false;
      try {
        const callId = await softphone.dial(number);
        // A refusal can end the call before dial() returns; then there is nothing to show.
        if (!calls().call && !recentlyEnded.includes(callId)) calls().dialing(callId, number);
        return true;
      } catch (err) {
        notice('dial', err);
        return false;
      }
    },
    stats: async () => {
      const call = calls().call;
      return call ? softphone.stats(call.callId).catch(() => null) : null;
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      transfers.stop();
      for (const c of cleanups) c();
      void softphone.unregister().catch(() => undefined);
      calls().reset();
    },
  };
}
