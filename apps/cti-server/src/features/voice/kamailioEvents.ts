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
    /** The number called, or a transfer address's user part (transferTicket.ts). */
    to: z.string().max(160),
    /** The caller's SDP offer, for the queue tone; empty without one (or an oversized one: the call still queues, in silence). */
    sdp: z.string().max(16_384).catch(''),
  }),
  /** An agent's softphone calls out (click-to-call): held until the CTI places it (capacity) or refuses it. */
  z.object({
    event: z.literal('call.outgoing'),
    callId,
    ...transaction,
    cseq: z.string().regex(/^\d{1,10}$/),
    ftag: z.string().min(1).max(128),
    agent: z.string().min(1).max(64),
    to: z.string().max(64),
  }),
  /** An agent's own call got no answer (busy, not found, no answer): `code` is the far end's. */
  z.object({ event: z.literal('call.outFailed'), callId, code: z.number().int() }),
  z.object({ event: z.literal('call.cancelled'), callId }),
  /** A REFER inside a call (an agent's phone transferring it): where it sends the caller. */
  z.object({ event: z.literal('call.referred'), callId, referTo: z.string().max(1024) }),
  z.object({ event: z.literal('call.ringing'), callId }),
  z.object({ event: z.literal('call.answered'), callId, agent: z.string().max(64), ttag: z.string().min(1).max(128) }),
  z.object({ event: z.literal('call.ringFailed'), callId, ...transaction, code: z.number().int() }),
  /** The caller got the 183 with the queue tone's SDP and the call is held again. */
  z.object({ event: z.literal('call.earlyMedia'), callId, ...transaction }),
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
  /** Answers the held INVITE 183 Session Progress with this SDP (the queue tone) and holds it again. */
  | { cmd: 'earlyMedia'; callId: string; tindex: number; tlabel: number; sdp: string }
  /** Resumes an agent's own call towards the outbound gateway; replies carry X-Omnicc-Interaction back to the softphone. */
  | { cmd: 'dialOut'; callId: string; tindex: number; tlabel: number; interactionId: string }
  | { cmd: 'sync' };
