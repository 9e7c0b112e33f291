import { z } from 'zod';

/**
 * What Kamailio sends over evapi (telephony/kamailio.cfg builds these with
 * jansson). Parsed like any other input: a message that does not fit is
 * logged and dropped, never trusted.
 */
const callId = z.string().min(1).max(256);
const transaction = { tindex: z.number().int().nonnegative(), tlabel: z.number().int().nonnegative() };

export const kamailioEventSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('call.queued'),
    callId,
    ...transaction,
    cseq: z.string().regex(/^\d{1,10}$/),
    ftag: z.string().min(1).max(128),
    from: z.string().max(128),
    fromName: z.string().max(128).default(''),
    to: z.string().max(64),
  }),
  z.object({ event: z.literal('call.cancelled'), callId }),
  z.object({ event: z.literal('call.ringing'), callId }),
  z.object({ event: z.literal('call.answered'), callId, agent: z.string().max(64), ttag: z.string().min(1).max(128) }),
  z.object({ event: z.literal('call.ringFailed'), callId, ...transaction, code: z.number().int() }),
  /** A BYE: `fromTag` tells the side (the caller's From tag, or the agent's). */
  z.object({ event: z.literal('call.ended'), callId, by: z.string().max(128), fromTag: z.string().max(128).default('') }),
  /** Our hangup went out as BYEs both ways, or could not yet (the dialog was not confirmed). */
  z.object({ event: z.literal('call.hungUp'), callId }),
  z.object({ event: z.literal('call.hangupFailed'), callId }),
  /** Held now (answer to a sync): "tindex:tlabel". */
  z.object({ event: z.literal('call.held'), callId, at: z.string().regex(/^\d+:\d+$/) }),
  z.object({ event: z.literal('sync.done') }),
  z.object({ event: z.literal('registered'), user: z.string().max(64) }),
]);
export type KamailioEvent = z.infer<typeof kamailioEventSchema>;

/** The CTI's commands to Kamailio (event_route[evapi:message-received] in kamailio.cfg). */
export type KamailioCommand =
  | { cmd: 'ring'; callId: string; tindex: number; tlabel: number; target: string; ringMs: number; interactionId: string; offerId: string }
  | { cmd: 'cancelRing'; callId: string; cseq: string }
  | { cmd: 'hangup'; callId: string; ftag: string; ttag: string }
  | { cmd: 'reply'; callId: string; tindex: number; tlabel: number; code: number; reason: string }
  | { cmd: 'sync' };
