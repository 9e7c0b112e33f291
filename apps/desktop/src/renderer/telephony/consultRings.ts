import { isCallOver, type CallState } from '../stores/callStore.js';
import type { IncomingCall } from './softphone.js';

/**
 * After a consult call ends, the customer's call it was about can still be
 * on its way: the colleague completes the transfer, the caller's phone places
 * the new call and routing offers it. This long it is still answered by itself.
 */
export const CONSULT_ANSWER_WINDOW_MS = 30_000;

export interface ConsultRings {
  /** A consult call about this interaction, which the agent took, ended on this desk. */
  ended(interactionId: string): void;
  /**
   * Whether a ringing call is the customer call a colleague consulted us
   * about: the agent already agreed to take it, so it needs no click.
   */
  isCompletion(ring: IncomingCall, lines: Pick<CallState, 'call' | 'consult'>): boolean;
}

/** The consulted colleague's side of a consult transfer. */
export function consultRings(now: () => number): ConsultRings {
  const endedAt = new Map<string, number>();
  return {
    ended(interactionId) {
      for (const [id, at] of endedAt) if (now() - at > CONSULT_ANSWER_WINDOW_MS) endedAt.delete(id);
      endedAt.set(interactionId, now());
    },
    isCompletion(ring, { call, consult }) {
      const interactionId = ring.interactionId;
      // Only a routing offer is answered by itself: it is how the interaction reaches this desk.
      if (!interactionId || !ring.offerId) return false;
      // Agreed means talked: a consult call still ringing, or declined, agrees to nothing.
      const consulting = [call, consult].some(
        (leg) => leg && leg.direction === 'inbound' && leg.consultFor === interactionId && leg.connectedAt !== null && !isCallOver(leg),
      );
      const at = endedAt.get(interactionId);
      return consulting || (at !== undefined && now() - at <= CONSULT_ANSWER_WINDOW_MS);
    },
  };
}
