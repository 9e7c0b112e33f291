import type { Interaction } from '@omnicc/shared';
import type { NewInteraction } from '../../store/Store.js';
import { fromIso, type Tx } from './db.js';
import { eventValues, toInteraction } from './interactionRows.js';
import { interactionEvents, interactions } from './schema.js';

/**
 * Inserts a new interaction (state `queued`) and its `created` event inside
 * the caller's transaction: `interactions.create` runs it alone, the email
 * ingest together with the mail that opened the interaction.
 */
export async function insertInteraction(tx: Tx, input: NewInteraction, at: string): Promise<Interaction> {
  const [row] = await tx
    .insert(interactions)
    .values({
      channel: input.channel,
      state: 'queued',
      queueId: input.queueId,
      customerName: input.customer.name,
      customerPhone: input.customer.phone ?? null,
      customerEmail: input.customer.email ?? null,
      customerTokenHash: input.customerTokenHash ?? null,
      channelRef: input.channelRef ?? null,
      createdAt: fromIso(at),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await tx.insert(interactionEvents).values(eventValues(row.id, { type: 'created', at, ...(input.outbound ? { data: { direction: 'outbound' } } : {}) }));
  return toInteraction(row);
}
