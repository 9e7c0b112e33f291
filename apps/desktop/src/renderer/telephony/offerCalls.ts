import { useCallStore, type CallInfo } from '../stores/callStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore } from '../stores/uiStore.js';
import type { Softphone } from './softphone.js';
import { voiceNotice } from './voiceNotice.js';

/** An offer can show before its INVITE reaches the phone: Accept waits this long for it. */
export const INVITE_WAIT_MS = 3000;

export interface OfferCalls {
  /** Accept or Reject of a voice offer: answers (200) or declines (486) the SIP call that rings for it. */
  onOffer: (offerId: string, action: 'accept' | 'reject') => Promise<void>;
  /** Answers (200) or declines (486) a ringing call; false, with a notice, when that failed. */
  onRinging: (call: CallInfo, action: 'accept' | 'reject') => Promise<boolean>;
}

const calls = () => useCallStore.getState();

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

/** Voice offers are taken on the phone: routing hears of the answer from Kamailio, never from offer:accept. */
export function offerCalls(softphone: Softphone): OfferCalls {
  async function onRinging(call: CallInfo, action: 'accept' | 'reject'): Promise<boolean> {
    calls().setPending(call.callId, action === 'accept' ? 'answer' : 'reject');
    try {
      await (action === 'accept' ? softphone.answer(call.callId) : softphone.reject(call.callId));
      return true;
    } catch (err) {
      calls().setPending(call.callId, null);
      voiceNotice(action, err);
      return false;
    }
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

  return { onOffer, onRinging };
}
