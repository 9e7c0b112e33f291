import { and, eq, inArray } from 'drizzle-orm';
import { AppError, type Interaction } from '@omnicc/shared';
import type { InteractionChange, InteractionEvent } from '../../store/Store.js';
import type { Tx } from './db.js';
import { eventValues, patchColumns, toInteraction } from './interactionRows.js';
import { isUuid } from './pgErrors.js';
import { interactionEvents, interactions } from './schema.js';

/**
 * Applies the change only if the row's state is in `change.from`, and logs
 * the event; null when the state (or the row) is not there. One conditional
 * UPDATE: its row lock serialises concurrent transitions, and the second one
 * re-checks the state after the first commits (READ COMMITTED), so it sees
 * the new state.
 */
export async function transitionIfIn(tx: Tx, id: string, change: InteractionChange, event: InteractionEvent): Promise<Interaction | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .update(interactions)
    .set({ state: change.to, ...patchColumns(change.patch) })
    .where(and(eq(interactions.id, id), inArray(interactions.state, [...change.from])))
    .returning();
  if (!row) return null;
  await tx.insert(interactionEvents).values(eventValues(id, event));
  return toInteraction(row);
}

/** The current row, read in the caller's transaction; NOT_FOUND for an unknown or malformed id. */
export async function currentInteraction(tx: Tx, id: string): Promise<Interaction> {
  const [row] = isUuid(id) ? await tx.select().from(interactions).where(eq(interactions.id, id)) : [];
  if (!row) throw new AppError('NOT_FOUND', `unknown interaction ${id}`);
  return toInteraction(row);
}

/**
 * The whole transition inside the caller's transaction: the state must be in
 * `change.from` (else INVALID_STATE; unknown id NOT_FOUND). Only a refused
 * transition pays a second round trip, to say why.
 */
export async function transitionInTx(tx: Tx, id: string, change: InteractionChange, event: InteractionEvent): Promise<Interaction> {
  const moved = await transitionIfIn(tx, id, change, event);
  if (moved) return moved;
  const current = await currentInteraction(tx, id);
  throw new AppError('INVALID_STATE', `interaction ${id} is ${current.state}; ${change.to} needs one of ${change.from.join(', ')}`);
}
