import { asc, eq, isNull } from 'drizzle-orm';
import type { OfferRepository, StoredOffer } from '../../store/Store.js';
import { fromIso, toIso, type Db } from './db.js';
import { fencedTransaction, type FenceSource } from './fencing.js';
import { isUuid } from './pgErrors.js';
import { endOfferStep, openOfferStep } from './routingWriteSteps.js';
import { offers } from './schema.js';

type OfferRow = typeof offers.$inferSelect;

const toOffer = (r: OfferRow): StoredOffer => ({
  offerId: r.id,
  interactionId: r.interactionId,
  agentId: r.agentId,
  queueId: r.queueId,
  offeredAt: toIso(r.offeredAt),
  expiresAt: toIso(r.expiresAt),
  ...(r.endedAt !== null ? { endedAt: toIso(r.endedAt) } : {}),
  ...(r.endReason !== null ? { endReason: r.endReason } : {}),
  explain: r.explain,
});

const oldestFirst = [asc(offers.offeredAt), asc(offers.id)];

/**
 * Offers as rows. Opening and ending one moves its interaction in the same
 * transaction (with the interactions repo's transition), fenced when `fence`
 * is given: every write here is routing's.
 */
export function createOffersRepo(db: Db, fence?: FenceSource): OfferRepository {
  return {
    open: (offer) => fencedTransaction(db, fence, (tx) => openOfferStep(tx, offer)),

    end: (offerId, end) => fencedTransaction(db, fence, (tx) => endOfferStep(tx, offerId, end)),

    async ofInteraction(interactionId) {
      if (!isUuid(interactionId)) return [];
      const rows = await db.select().from(offers).where(eq(offers.interactionId, interactionId)).orderBy(...oldestFirst);
      return rows.map(toOffer);
    },

    async listOpen() {
      const rows = await db.select().from(offers).where(isNull(offers.endedAt)).orderBy(...oldestFirst);
      return rows.map(toOffer);
    },

    endAllOpen: (reason, at) =>
      fencedTransaction(db, fence, async (tx) => {
        const rows = await tx.update(offers).set({ endedAt: fromIso(at), endReason: reason }).where(isNull(offers.endedAt)).returning({ id: offers.id });
        return rows.length;
      }),
  };
}
