import { eq } from 'drizzle-orm';
import { AppError, type Interaction, type InteractionState } from '@omnicc/shared';
import type { InteractionEvent, InteractionPatch } from '../../store/Store.js';
import type { Tx } from './db.js';
import { eventValues, patchColumns, toInteraction } from './interactionRows.js';
import { isUuid } from './pgErrors.js';
import { interactionEvents, interactions } from './schema.js';

type InteractionRow = typeof interactions.$inferSelect;

export interface TransitionChange {
  from: readonly InteractionState[];
  to: InteractionState;
  patch?: InteractionPatch;
}

/**
 * Locks the interaction row for the rest of the transaction (NOT_FOUND for an
 * unknown or malformed id). The lock serialises concurrent transitions: the
 * second one sees the new state.
 */
export async function lockInteraction(tx: Tx, id: string): Promise<InteractionRow> {
  const [current] = isUuid(id) ? await tx.select().from(interactions).where(eq(interactions.id, id)).for('update') : [];
  if (!current) throw new AppError('NOT_FOUND', `unknown interaction ${id}`);
  return current;
}

/** Sets the new state and patch on a row locked by lockInteraction and appends the event. */
export async function applyTransition(tx: Tx, current: InteractionRow, change: TransitionChange, event: InteractionEvent): Promise<Interaction> {
  const [row] = await tx
    .update(interactions)
    .set({ state: change.to, ...patchColumns(change.patch) })
    .where(eq(interactions.id, current.id))
    .returning();
  if (!row) throw new Error('update returned no row');
  await tx.insert(interactionEvents).values(eventValues(current.id, event));
  return toInteraction(row);
}

/**
 * The whole transition inside the caller's transaction: lock, check the state
 * is in `change.from` (else INVALID_STATE), apply, log.
 */
export async function transitionInTx(tx: Tx, id: string, change: TransitionChange, event: InteractionEvent): Promise<Interaction> {
  const current = await lockInteraction(tx, id);
  if (!change.from.includes(current.state)) {
    throw new AppError('INVALID_STATE', `interaction ${id} is ${current.state}; ${change.to} needs one of ${change.from.join(', ')}`);
  }
  return applyTransition(tx, current, change, event);
}
