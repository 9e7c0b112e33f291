import type { Api } from '../network/api.js';
import { errorCodeOf } from '../network/commands.js';
import { selectLiveCall, useCallStore, type CallInfo, type CallPending } from '../stores/callStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore, type ActionName } from '../stores/uiStore.js';
import { followCallOnDesk, wrapUpWhenEnded } from './callDesk.js';
import { SoftphoneError, type Softphone, type SoftphoneEvent } from './softphone.js';

/** Renew the 12 h credentials this long before they expire. */
export const CREDENTIALS_LEAD_MS = 30 * 60_000;
/** First retry after a failed registration; doubles up to the max. */
export const REGISTER_RETRY_MS = 5000;
export const REGISTER_RETRY_MAX_MS = 60_000;
/** An offer can show before its INVITE reaches the phone: Accept waits this long for it. */
export const INVITE_WAIT_MS = 3000;
/** How long "Call ended" stays in the call bar. */
export const ENDED_VISIBLE_MS = 2000;

/** What the desk can do with its phone. Failures become notices, never rejections. */
export interface VoiceActions {
  /** Accept / Reject of a voice offer: answers (200) or declines (486) its SIP call. */
  answerOffer(offerId: string): Promise<void>;
  rejectOffer(offerId: string): Promise<void>;
  /** Answers the ringing call itself: a call that came with no routing offer. */
  answerCall(): Promise<void>;
  hangUp(): Promise<void>;
  toggleHold(): Promise<void>;
  toggleMute(): void;
  sendDtmf(tone: string): Promise<void>;
  /** Blind transfer of the call in progress to a number; false (with a notice) when refused. */
  transfer(target: string): Promise<boolean>;
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
  softphone: Softphone;
  token: () => string;
  now?: () => number;
}

const calls = () => useCallStore.getState();
const notice = (action: ActionName, err: unknown): void =>
  useUiStore.getState().showNotice(action, err instanceof SoftphoneError ? err.code : errorCodeOf(err));

/** A refused outbound call in words the agent can act on: busy, no such number, or not possible from here. */
export function refusalCode(status: number | undefined): string {
  if (status === 486 || status === 600) return 'CALL_BUSY';
  if (status === 404 || status === 484 || status === 604) return 'CALL_NOT_FOUND';
  return 'CALL_REFUSED';
}

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
        calls().ringing(e.call);
        return;
      case 'connected': {
        calls().connected(e.callId, new Date(now()).toISOString());
        const call = calls().call;
        if (call?.interactionId) cleanups.push(followCallOnDesk(call.interactionId));
        return;
      }
      case 'ended': {
        const call = calls().call;
        if (call?.callId !== e.callId) return;
        const wasLive = call.connectedAt !== null;
        calls().ended(e.callId);
        if (wasLive && call.interactionId) cleanups.push(wrapUpWhenEnded(call.interactionId));
        if (call.direction === 'outbound' && e.reason === 'rejected') {
          useUiStore.getState().showNotice('dial', refusalCode(e.status));
        }
        // A ring that stopped (cancelled, declined) was never a call for the agent: nothing to show.
        if (!wasLive && call.direction === 'inbound') calls().clear(e.callId);
        else setTimeout(() => calls().clear(e.callId), ENDED_VISIBLE_MS);
        return;
      }
    }
  }
  cleanups.push(softphone.onEvent(onEvent));

  /** The ringing call of an offer; waits briefly, since the push can beat the INVITE. */
  function callOfOffer(offerId: string): Promise<CallInfo | null> {
    const find = (): CallInfo | null => {
      const call = calls().call;
      return call?.offerId === offerId && call.phase === 'ringing' ? call : null;
    };
    const found = find();
    if (found || calls().registration !== 'registered') return Promise.resolve(found);
    return new Promise((resolve) => {
      const give = setTimeout(() => finish(null), INVITE_WAIT_MS);
      const unsubscribe = useCallStore.subscribe(() => {
        const call = find();
        if (call) finish(call);
      });
      function finish(call: CallInfo | null): void {
        clearTimeout(give);
        unsubscribe();
        resolve(call);
      }
    });
  }

  async function onOffer(offerId: string, action: 'accept' | 'reject'): Promise<void> {
    const offers = useOffersStore.getState();
    if (offers.pending[offerId]) return;
    offers.setPending(offerId, action);
    const call = await callOfOffer(offerId);
    if (!call) {
      useOffersStore.getState().setPending(offerId, null);
      useUiStore.getState().showNotice(action, calls().registration === 'registered' ? 'NO_CALL' : 'SOFTPHONE_UNAVAILABLE');
      return;
    }
    // Routing hears of the answer or decline from Kamailio and ends the offer; the card can go now.
    if (await onRinging(call, action)) useOffersStore.getState().end(offerId);
    else useOffersStore.getState().setPending(offerId, null);
  }

  /** Answers (200) or declines (486) a ringing call; false, with a notice, when that failed. */
  async function onRinging(call: CallInfo, action: 'accept' | 'reject'): Promise<boolean> {
    calls().setPending(call.callId, action === 'accept' ? 'answer' : 'reject');
    try {
      await (action === 'accept' ? softphone.answer(call.callId) : softphone.reject(call.callId));
      return true;
    } catch (err) {
      calls().setPending(call.callId, null);
      notice(action, err);
      return false;
    }
  }

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
      if (!call || call.phase === 'ended' || call.pending === 'hangUp') return;
      calls().setPending(call.callId, 'hangUp');
      try {
        await softphone.hangUp(call.callId);
      } catch (err) {
        calls().setPending(call.callId, null);
        notice('hangUp', err);
      }
    },
    toggleHold: async () => {
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
    transfer: (target) => onLiveCall('callTransfer', 'transfer', (call) => softphone.blindTransfer(call.callId, target)),
    dial: async (number) => {
      if (calls().call) return false;
      try {
        const callId = await softphone.dial(number);
        // A refusal can end the call before dial() returns; then there is nothing to show.
        if (!calls().call) calls().dialing(callId, number);
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
      for (const c of cleanups) c();
      void softphone.unregister().catch(() => undefined);
      calls().reset();
    },
  };
}
