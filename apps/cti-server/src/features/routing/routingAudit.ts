import type { Interaction } from '@omnicc/shared';
import { checkInvariants, whereIs, type AcdState } from '../../domain/acd/index.js';

/** What the runtime watchdog found; `unrouted` and `ownerless` are healed by the caller. */
export interface RoutingAudit {
  /** Broken invariants of the core itself (see domain/acd/invariants.ts). */
  coreProblems: string[];
  /** Stored as waiting or ringing, unknown to the core: stuck in no queue. */
  unrouted: Interaction[];
  /** Stored as assigned to an agent the core does not know and does not wait for: held by no one. */
  ownerless: Interaction[];
  /** Stored as assigned to one agent, held by another (or waiting) in the core. Reported, never healed: someone must look. */
  disagreements: string[];
  /** Open interactions looked at. */
  checked: number;
}

/**
 * A channel stores a new interaction, then asks routing to enqueue it: for a
 * moment it is queued in the store and unknown to routing, legitimately.
 * (A new call has no such moment: routing admits it and writes it itself.)
 */
export const ARRIVAL_GRACE_MS = 2000;

const arriving = (i: Interaction, now: number): boolean => i.state === 'queued' && now - Date.parse(i.createdAt) < ARRIVAL_GRACE_MS;

/**
 * Proves "every interaction has an owner or a queue" against the store:
 * each open stored interaction is waiting or ringing in the core, held by
 * its agent (in the core, or awaited after a restart), or in wrap-up with
 * its agent. Pure; the caller must hold routing still and have every
 * decided write committed, so that the two agree unless something is wrong.
 * Interactions the core knows but the store has closed are not reported:
 * a use case that writes first and tells the core after (the customer
 * leaving) makes that state for a moment, legitimately.
 */
export function auditRouting(state: AcdState, open: readonly Interaction[], awaitedAgents: ReadonlySet<string>, now: number): RoutingAudit {
  const audit: RoutingAudit = { coreProblems: checkInvariants(state), unrouted: [], ownerless: [], disagreements: [], checked: open.length };
  for (const i of open) {
    const where = whereIs(state, i.id);
    if (i.state === 'queued' || i.state === 'offered') {
      if (!where && !arriving(i, now)) audit.unrouted.push(i);
      continue;
    }
    if (i.state !== 'assigned' || !i.agentId) continue; // wrap-up: its agent finishes it, in the core or not
    if (where?.state === 'assigned' && where.agentId === i.agentId) continue;
    if (where) audit.disagreements.push(`${i.id} is assigned to ${i.agentId} in the store, ${where.state} ${where.agentId ?? where.queueId} in routing`);
    else if (!state.agents.has(i.agentId) && !awaitedAgents.has(i.agentId)) audit.ownerless.push(i);
    else if (state.agents.has(i.agentId)) audit.disagreements.push(`${i.id} is assigned to ${i.agentId} in the store, unknown to routing`);
  }
  return audit;
}
