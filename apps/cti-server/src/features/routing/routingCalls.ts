import { z } from 'zod';
import { LIMITS, agentInbound, channelSchema, idSchema, interactionSchema, type AgentStateView, type Interaction, type Offer, type QueueSnapshot, type TransferTargets } from '@omnicc/shared';

/** What an admin write changed, so the routing owner reloads just that into the running core. */
export const configChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queueId: z.string().min(1).max(32) }),
  z.object({ kind: z.literal('agent'), agentId: idSchema }),
  z.object({ kind: z.literal('settings') }),
]);
export type ConfigChange = z.infer<typeof configChangeSchema>;

const socketId = z.string().min(1).max(64);

/**
 * Every call other features make to routing, with its arguments' schema. The
 * routing owner (the node holding the routing lease) runs them; any other
 * node sends them to the owner over HTTP (features/cluster), where they are
 * parsed by these schemas like any other input.
 */
export const routingCalls = {
  /**
   * The stored interaction (already committed as `queued`) enters routing.
   * The caller that just created it may hand it over, which saves the owner
   * a read on a call's way to ringing; the offer's fenced write still checks
   * the stored state.
   */
  enqueue: z.object({ interactionId: idSchema, created: interactionSchema.optional() }),
  /**
   * A new interaction, not stored yet, enters routing: routing writes it
   * (state `queued`, with the id given) in the same commit as the offer it
   * decides for it, so a call reaches its agent after one commit, not two.
   * CONFLICT when the id or channel reference is taken, and then nothing is
   * written (see RoutingService.admit).
   */
  admit: z.object({
    id: idSchema,
    at: z.iso.datetime(),
    interaction: z.object({ channel: channelSchema, queueId: z.string().min(1).max(32), customer: interactionSchema.shape.customer, channelRef: z.string().min(1).max(256).optional() }),
  }),
  /** `resume`: the socket continues a session (recovered by socket.io), so the agent keeps their last ready / not-ready. */
  agentConnected: z.object({ agentId: idSchema, socketId, resume: z.boolean().default(false) }),
  agentDisconnected: z.object({ agentId: idSchema, socketId }),
  setStatus: z.object({ agentId: idSchema, status: z.enum(['ready', 'notReady']), reasonCode: z.string().min(1).max(32).optional() }),
  /** The agent's state and ringing offers, for a desktop (re)connecting. */
  agentSnapshot: z.object({ agentId: idSchema }),
  accept: z.object({ agentId: idSchema, offerId: idSchema }),
  reject: z.object({ agentId: idSchema, offerId: idSchema }),
  endInteraction: z.object({ agentId: idSchema, interactionId: idSchema }),
  wrapUp: z.object({ agentId: idSchema, interactionId: idSchema, dispositionCode: z.string().min(1).max(32), note: z.string().max(LIMITS.wrapUpNoteChars) }),
  customerLeave: z.object({ interactionId: idSchema }),
  transfer: agentInbound['interaction:transfer'].extend({ agentId: idSchema }),
  /** The agent's own call (stored as `queued`, never enqueued) becomes theirs, if it fits their capacity. */
  placeOutbound: z.object({ agentId: idSchema, interactionId: idSchema }),
  transferTargets: agentInbound['transfer:targets'].extend({ agentId: idSchema }),
  supervisorSnapshot: z.object({}),
  configChanged: configChangeSchema,
} as const;

export type RoutingCallName = keyof typeof routingCalls;
export type RoutingCallArgs<K extends RoutingCallName> = z.infer<(typeof routingCalls)[K]>;

/** What each call resolves to. */
export interface RoutingCallResults {
  enqueue: null;
  admit: Interaction;
  agentConnected: null;
  agentDisconnected: null;
  setStatus: AgentStateView;
  agentSnapshot: { state: AgentStateView; offers: Offer[] };
  accept: Interaction;
  reject: null;
  endInteraction: Interaction;
  wrapUp: Interaction;
  /** The interaction after the customer left, or null when it had already ended. */
  customerLeave: Interaction | null;
  transfer: Interaction;
  placeOutbound: Interaction;
  transferTargets: TransferTargets;
  supervisorSnapshot: QueueSnapshot[];
  configChanged: null;
}

/** The routing port: local on the owner, remote elsewhere (see RoutingGateway). */
export interface Routing {
  call<K extends RoutingCallName>(name: K, args: RoutingCallArgs<K>): Promise<RoutingCallResults[K]>;
}

/** The owner's implementation: one handler per call. */
export type RoutingHandlers = { [K in RoutingCallName]: (args: RoutingCallArgs<K>) => Promise<RoutingCallResults[K]> };
