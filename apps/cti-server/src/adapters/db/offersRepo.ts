import { and, asc, eq, isNull } from 'drizzle-orm';
import { AppError } from '@omnicc/shared';
import type { OfferRepository, StoredOffer } from '../../store/Store.js';
import { fromIso, toIso, type Db } from './db.js';
import { fencedTransaction, type FenceSource } from './fencing.js';
import { toInteraction } from './interactionRows.js';
import { applyTransition, lockInteraction, transitionInTx } from './interactionTransition.js';
import { isUuid, PG, translating } from './pgErrors.js';
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
    async open(offer) {
      if (!isUuid(offer.offerId)) throw new AppError('BAD_REQUEST', `offer id ${offer.offerId} is not a uuid`);
      const { offerId, interactionId, agentId } = offer;
      return translating(
        () =>
          fencedTransaction(db, fence, async (tx) => {
            const offered = await transitionInTx(tx, interactionId, { from: ['queued'], to: 'offered' }, { type: 'offered', at: offer.offeredAt, data: { offerId, agentId } });
            await tx.insert(offers).values({
              id: offerId,
              interactionId,
              agentId,
              queueId: offer.queueId,
              offeredAt: fromIso(offer.offeredAt),
              expiresAt: fromIso(offer.expiresAt),
              explain: offer.explain,
            });
            return offered;
          }),
        {
          [PG.uniqueViolation]: ['CONFLICT', `offer ${offerId} already exists`],
          [PG.foreignKeyViolation]: ['NOT_FOUND', `unknown agent ${agentId}`],
          [PG.invalidTextRepresentation]: ['NOT_FOUND', `unknown agent ${agentId}`],
        },
      );
    },

    async end(offerId, end) {
      if (!isUuid(offerId)) return undefined;
      return fencedTransaction(db, fence, async (tx) => {
        const [ended] = await tx
          .update(offers)
          .set({ endedAt: fromIso(end.at), endReason: end.reason })
          .where(and(eq(offers.id, offerId), isNull(offers.endedAt)))
          .returning();
        if (!ended) return undefined;
        const current = await lockInteraction(tx, ended.interactionId);
        if (!end.requeue || current.state !== 'offered') return toInteraction(current);
        return applyTransition(
          tx,
          current,
          { from: ['offered'], to: 'queued' },
          { type: 'requeued', at: end.at, actorId: ended.agentId, data: { offerId, reason: end.reason } },
        );
      });
    },

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
