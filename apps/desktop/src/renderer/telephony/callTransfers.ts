import type { TransferTo, VoiceRequests } from '../network/actions.js';
import { isCallOver, selectLiveCall, useCallStore, type CallInfo } from '../stores/callStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { whenLeftDesk } from './callDesk.js';
import { SoftphoneError, type Softphone } from './softphone.js';
import { voiceNotice } from './voiceNotice.js';

/**
 * Once the caller's phone accepted the REFER, its new call reaches the
 * server within a second or two, and the server then hangs up our leg.
 * Without that BYE by now the caller's phone did not follow the transfer.
 */
export const TRANSFER_FOLLOW_MS = 15_000;

/** How long after the server moved the interaction on this desk waits for the server's BYE before hanging up itself. */
export const OWN_HANGUP_AFTER_MS = 3_000;

/** Transferring the call in progress (转接): blind, or after consulting a colleague (咨询转). */
export interface TransferActions {
  /** Blind transfer to a queue or an agent; false (with a notice) when the server or the caller's phone refused. */
  transfer(to: TransferTo): Promise<boolean>;
  /** Holds the customer and calls a colleague about the call; false (with a notice) when that failed. */
  consult(agentId: string): Promise<boolean>;
  /** Hands the customer to the consulted colleague; the consult call is hung up once the customer's call left. */
  completeConsult(): Promise<boolean>;
  /** Hangs up the consult call and takes the customer off hold. */
  cancelConsult(): Promise<void>;
}

export interface CallTransfers extends TransferActions {
  /** The customer's call ended: true when it was referred away (the server's BYE after our REFER), false when it was hung up. */
  callEnded(callId: string): boolean;
  /** The caller's phone said its call to the transfer address failed: the caller stays, and the agent hears it now. */
  transferFailed(callId: string): void;
  stop(): void;
}

export interface CallTransferDeps {
  softphone: Softphone;
  server: VoiceRequests;
  /** Whether the phone already reported this call ended (a consult refused before dial() returned). */
  endedAlready: (callId: string) => boolean;
}

/** A REFER on its way or accepted, waiting for the server to hang up the call it moved. */
interface Referral {
  callId: string;
  timer: ReturnType<typeof setTimeout> | undefined;
  ended: boolean;
  /** Stops watching the interaction leave this desk. */
  unwatch: () => void;
}

const calls = () => useCallStore.getState();

/**
 * The transferring agent's side of a transfer. The server decides and signs
 * (voice:transfer, voice:consult); the phone moves the audio with REFER; the
 * server completes it when the caller's new call arrives, and its BYE is how
 * this desk learns the call has gone. No BYE from our side before the server
 * moved the interaction on: the caller would be lost if their phone did not
 * follow.
 */
export function createCallTransfers({ softphone, server, endedAlready }: CallTransferDeps): CallTransfers {
  let referral: Referral | null = null;

  function clearPending(...legs: (CallInfo | null)[]): void {
    for (const leg of legs) if (leg) calls().setPending(leg.callId, null);
  }

  /** The transfer did not happen (the caller's phone did not follow, or its new call failed): the call stays here. */
  function notFollowed(attempt: Referral, code: 'TRANSFER_NOT_FOLLOWED' | 'TRANSFER_FAILED' = 'TRANSFER_NOT_FOLLOWED'): void {
    if (referral !== attempt) return;
    referral = null;
    clearTimeout(attempt.timer);
    attempt.unwatch();
    const { call, consult } = calls();
    clearPending(call?.callId === attempt.callId ? call : null, consult?.pending === 'transfer' ? consult : null);
    voiceNotice('callTransfer', code);
  }

  /** Gets the address from the server and REFERs the caller there; true once the caller's phone accepted. */
  async function referAway(call: CallInfo, interactionId: string, to: TransferTo): Promise<boolean> {
    const ticket = await server.voiceTransfer(interactionId, to);
    if (!ticket.ok) {
      voiceNotice('callTransfer', ticket.code);
      return false;
    }
    // Known before the REFER goes: the server's BYE can overtake the REFER's answer.
    const attempt: Referral = { callId: call.callId, timer: undefined, ended: false, unwatch: () => undefined };
    referral = attempt;
    // The caller followed and the server moved the interaction on. Its BYE normally ends our leg as well, but Kamailio's
    // dlg_bye("all") can lose the second BYE of the pair (kamailio issues #4169, #4268): then this desk hangs up itself.
    // The push usually comes a moment before the BYE: the desk waits a little, so the caller gets one BYE, not two.
    let grace: ReturnType<typeof setTimeout> | undefined;
    const stopWatching = whenLeftDesk(interactionId, () => {
      grace = setTimeout(() => {
        if (referral === attempt && !attempt.ended) void softphone.hangUp(attempt.callId).catch(() => undefined);
      }, OWN_HANGUP_AFTER_MS);
    });
    attempt.unwatch = () => {
      stopWatching();
      clearTimeout(grace);
    };
    try {
      await softphone.refer(call.callId, ticket.value.referTo);
    } catch (err) {
      if (attempt.ended) return true;
      attempt.unwatch();
      if (referral === attempt) referral = null;
      voiceNotice('callTransfer', err);
      return false;
    }
    if (!attempt.ended && referral === attempt) attempt.timer = setTimeout(() => notFollowed(attempt), TRANSFER_FOLLOW_MS);
    return true;
  }

  async function resume(call: CallInfo): Promise<void> {
    calls().setPending(call.callId, 'resume');
    try {
      await softphone.setHold(call.callId, false);
      calls().setHeld(call.callId, false);
    } catch (err) {
      voiceNotice('resume', err);
    } finally {
      calls().setPending(call.callId, null);
    }
  }

  /** Places the consult call beside the held customer call; false when the customer left meanwhile. */
  async function dialColleague(call: CallInfo, interactionId: string, agentId: string, sipUri: string, name: string): Promise<boolean> {
    const fromName = useSessionStore.getState().session?.user.displayName;
    const callId = await softphone.dial(sipUri, { consultFor: interactionId, fromName });
    // Its refusal came before dial() returned, so the controller could not tell whose it was.
    if (endedAlready(callId)) throw new SoftphoneError('CALL_REFUSED', 'consult call refused at once');
    if (calls().call?.callId !== call.callId) {
      // The customer hung up meanwhile: nobody left to consult about.
      await softphone.hangUp(callId).catch(() => undefined);
      return false;
    }
    const number = /^sips?:([^@;]+)/.exec(sipUri)?.[1] ?? sipUri;
    calls().consultDialing({ callId, number, name, consultFor: interactionId, colleagueId: agentId });
    return true;
  }

  async function holdAndDial(call: CallInfo, interactionId: string, agentId: string): Promise<boolean> {
    const target = await server.voiceConsult(interactionId, agentId);
    if (!target.ok) {
      voiceNotice('consult', target.code);
      return false;
    }
    const holdHere = calls().call?.phase === 'connected';
    if (holdHere) {
      try {
        await softphone.setHold(call.callId, true);
      } catch (err) {
        voiceNotice('hold', err);
        return false;
      }
      calls().setHeld(call.callId, true);
    }
    try {
      return await dialColleague(call, interactionId, agentId, target.value.sipUri, target.value.displayName);
    } catch (err) {
      voiceNotice('consult', err);
      // The consult never rang: the customer need not wait on hold for it.
      if (holdHere) await resume(call);
      return false;
    }
  }

  async function consult(agentId: string): Promise<boolean> {
    const call = selectLiveCall(calls());
    const interactionId = call?.interactionId;
    if (!call || !interactionId || call.pending || calls().consult) return false;
    calls().setPending(call.callId, 'consult');
    try {
      return await holdAndDial(call, interactionId, agentId);
    } finally {
      calls().setPending(call.callId, null);
    }
  }

  return {
    transfer: async (to) => {
      const call = selectLiveCall(calls());
      if (!call?.interactionId || call.pending || calls().consult) return false;
      calls().setPending(call.callId, 'transfer');
      const done = await referAway(call, call.interactionId, to);
      if (!done) clearPending(call);
      return done;
    },
    consult,
    completeConsult: async () => {
      const call = selectLiveCall(calls());
      const { consult: leg } = calls();
      if (!call?.interactionId || !leg?.colleagueId || leg.phase !== 'connected' || call.pending || leg.pending) return false;
      calls().setPending(call.callId, 'transfer');
      calls().setPending(leg.callId, 'transfer');
      const done = await referAway(call, call.interactionId, { agentId: leg.colleagueId });
      if (!done) clearPending(call, leg);
      return done;
    },
    cancelConsult: async () => {
      const leg = calls().consult;
      if (!leg || isCallOver(leg) || leg.pending !== null) return;
      calls().setPending(leg.callId, 'hangUp');
      try {
        await softphone.hangUp(leg.callId);
      } catch (err) {
        calls().setPending(leg.callId, null);
        voiceNotice('hangUp', err);
        return;
      }
      const call = calls().call;
      if (call?.phase === 'held' && call.pending === null) await resume(call);
    },
    transferFailed: (callId) => {
      if (referral?.callId === callId) notFollowed(referral, 'TRANSFER_FAILED');
    },
    callEnded: (callId) => {
      if (referral?.callId !== callId) return false;
      clearTimeout(referral.timer);
      referral.unwatch();
      referral.ended = true;
      referral = null;
      return true;
    },
    stop: () => {
      if (referral) clearTimeout(referral.timer);
      referral?.unwatch();
      referral = null;
    },
  };
}
