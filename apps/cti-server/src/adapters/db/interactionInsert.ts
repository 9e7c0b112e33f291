import { sql } from 'drizzle-orm';
import type { Interaction } from '@omnicc/shared';
import type { NewInteraction } from '../../store/Store.js';
import { fromIso, type Db, type Tx } from './db.js';
import { toInteraction } from './interactionRows.js';
import { PG, translating } from './pgErrors.js';
import { interactionEvents, interactions } from './schema.js';

/**
 * Inserts a new interaction (state `queued`) and its `created` event in one
 * statement: the event's INSERT reads the new row from a data-modifying CTE,
 * and PostgreSQL runs both or neither. One round trip, and no transaction
 * needed around it: a call pays this on its way to ringing an agent
 * (docs/performance.md). `interactions.create` runs it alone, the email
 * ingest inside its transaction with the mail that opened the interaction.
 */
export async function insertInteraction(db: Db | Tx, input: NewInteraction, at: string, id?: string): Promise<Interaction> {
  const created = db.$with('created').as(
    db
      .insert(interactions)
      .values({
        ...(id === undefined ? {} : { id }),
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
      .returning(),
  );
  const event = db.$with('created_event').as(
    db
      .insert(interactionEvents)
      .select(
        db
          .select({
            // drizzle's INSERT ... SELECT lists every column of the table, the serial id too: it takes its default explicitly.
            id: sql<number>`nextval(pg_get_serial_sequence('interaction_events', 'id'))`.as('id'),
            interactionId: created.id,
            type: sql<string>`'created'`.as('type'),
            at: created.createdAt,
            actorId: sql<string | null>`null`.as('actor_id'),
            data: sql<Record<string, unknown> | null>`${input.outbound ? JSON.stringify({ direction: 'outbound' }) : null}::jsonb`.as('data'),
          })
          .from(created),
      )
      .returning({ id: interactionEvents.id }),
  );
  const [row] = await db.with(created, event).select().from(created);
  if (!row) throw new Error('insert returned no row');
  return toInteraction(row);
}

/** The same insert with its constraint violations as the store's errors: NOT_FOUND for an unknown queue, CONFLICT for a used id, customer token or channel reference. */
export function createInteraction(db: Db | Tx, input: NewInteraction, at: string, id?: string): Promise<Interaction> {
  return translating(() => insertInteraction(db, input, at, id), {
    [PG.foreignKeyViolation]: ['NOT_FOUND', `unknown queue ${input.queueId}`],
    [PG.uniqueViolation]: ['CONFLICT', 'interaction id, customer token or channel reference already in use'],
  });
}
