import { and, asc, eq, gte, inArray, notInArray } from 'drizzle-orm';
import type { InteractionRepository } from '../../store/Store.js';
import { AppError } from '@omnicc/shared';
import { fromIso, type Db } from './db.js';
import { fencedTransaction, type FenceSource } from './fencing.js';
import { transitionStep } from './routingWriteSteps.js';
import { createInteraction } from './interactionInsert.js';
import { toEvent, toInteraction } from './interactionRows.js';
import { isUuid, PG, translating } from './pgErrors.js';
import { interactionEvents, interactions } from './schema.js';

const CLOSED_STATES = ['closed', 'abandoned'] as const;

/**
 * Interactions and their event log; every state change is one transaction,
 * fenced when `fence` is given (routing writes; creation is not).
 */
export function createInteractionsRepo(db: Db, fence?: FenceSource): InteractionRepository {
  return {
    create: (input, at) => createInteraction(db, input, at),

    async get(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await db.select().from(interactions).where(eq(interactions.id, id));
      return row && toInteraction(row);
    },

    async findByChannelRef(channelRef) {
      const [row] = await db.select().from(interactions).where(eq(interactions.channelRef, channelRef));
      return row && toInteraction(row);
    },

    moveChannelRef: (id, channelRef) =>
      translating(
        async () => {
          if (!isUuid(id)) throw new AppError('NOT_FOUND', `interaction ${id}`);
          const moved = await db.update(interactions).set({ channelRef }).where(eq(interactions.id, id)).returning({ id: interactions.id });
          if (moved.length === 0) throw new AppError('NOT_FOUND', `interaction ${id}`);
        },
        { [PG.uniqueViolation]: ['CONFLICT', 'channel reference already in use'] },
      ),

    async channelRefOf(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await db.select({ channelRef: interactions.channelRef }).from(interactions).where(eq(interactions.id, id));
      return row?.channelRef ?? undefined;
    },

    async findByCustomerTokenHash(hash) {
      const [row] = await db.select().from(interactions).where(eq(interactions.customerTokenHash, hash));
      return row && toInteraction(row);
    },

    async listOpen() {
      const rows = await db
        .select()
        .from(interactions)
        .where(notInArray(interactions.state, [...CLOSED_STATES]))
        .orderBy(asc(interactions.createdAt), asc(interactions.id));
      return rows.map(toInteraction);
    },

    async heldBy(agentId) {
      if (!isUuid(agentId)) return [];
      const rows = await db
        .select()
        .from(interactions)
        .where(and(eq(interactions.agentId, agentId), inArray(interactions.state, ['assigned', 'wrapUp'])))
        .orderBy(asc(interactions.createdAt), asc(interactions.id));
      return rows.map(toInteraction);
    },

    transition: (id, change, event) => fencedTransaction(db, fence, (tx) => transitionStep(tx, id, change, event)),

    async events(id) {
      if (!isUuid(id)) return [];
      const rows = await db
        .select()
        .from(interactionEvents)
        .where(eq(interactionEvents.interactionId, id))
        .orderBy(asc(interactionEvents.at), asc(interactionEvents.id));
      return rows.map(toEvent);
    },

    async eventsSince(since) {
      const rows = await db
        .select({ event: interactionEvents, queueId: interactions.queueId })
        .from(interactionEvents)
        .innerJoin(interactions, eq(interactions.id, interactionEvents.interactionId))
        .where(gte(interactions.createdAt, fromIso(since)))
        .orderBy(asc(interactionEvents.id));
      return rows.map((r) => ({ ...toEvent(r.event), interactionId: r.event.interactionId, queueId: r.queueId }));
    },
  };
}
