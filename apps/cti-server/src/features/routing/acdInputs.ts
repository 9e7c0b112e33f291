import { agentProfileSchema, queueConfigSchema, type AgentProfile, type Interaction, type QueueConfig, type RoutingSettings } from '@omnicc/shared';
import type { AcdEvent, RestoredAssignment } from '../../domain/acd/index.js';
import type { Store } from '../../store/Store.js';

/** Sticky routing key: the same phone or email is the same returning customer. */
export const customerKeyOf = (i: Interaction): string | undefined => i.customer.phone ?? i.customer.email;

/** The ACD enqueue event of a stored interaction. Every customer is `ordinary` until the customer-360 issue brings tiers. */
export function enqueueEvent(i: Interaction): Extract<AcdEvent, { type: 'enqueue' }> {
  const customerKey = customerKeyOf(i);
  return {
    type: 'enqueue',
    interactionId: i.id,
    queueId: i.queueId,
    channel: i.channel,
    tier: 'ordinary',
    ...(customerKey === undefined ? {} : { customerKey }),
    enqueuedAt: Date.parse(i.createdAt),
  };
}

/** An interaction an agent holds, handed back to the core at login. */
export function restoredAssignment(i: Interaction): RestoredAssignment {
  const { interactionId, queueId, channel, tier, enqueuedAt, customerKey } = { ...enqueueEvent(i) };
  return { interactionId, queueId, channel, tier, enqueuedAt, ...(customerKey === undefined ? {} : { customerKey }) };
}

/**
 * Settings and every queue's config, ordered so that a queue comes before
 * any queue that overflows into it would need it: first every queue without
 * its overflow target, then those with one again (the core refuses an
 * overflow to a queue it does not know yet).
 */
export async function loadRoutingConfig(store: Store): Promise<{ settings: RoutingSettings; queues: QueueConfig[]; overflowing: QueueConfig[] }> {
  const settings = await store.routingSettings.get();
  const queues: QueueConfig[] = [];
  for (const q of await store.queues.list()) {
    // A queue row without a full routing config runs on the model's defaults.
    queues.push((await store.queueConfigs.get(q.id)) ?? queueConfigSchema.parse({ id: q.id, channel: q.channel, nameEn: q.nameEn, nameZh: q.nameZh }));
  }
  const withoutOverflow = queues.map(({ overflowQueueId: _o, ...rest }) => rest);
  return { settings, queues: withoutOverflow, overflowing: queues.filter((q) => q.overflowQueueId !== undefined) };
}

/** The agent's routing profile, or the default one (no skills, default capacity) when none is stored. */
export async function profileOf(store: Store, agentId: string): Promise<AgentProfile> {
  return (await store.agents.profile(agentId)) ?? agentProfileSchema.parse({ userId: agentId });
}
