import { and, eq, isNull } from 'drizzle-orm';
import { AppError, type AgentStatus, type Interaction } from '@omnicc/shared';
import type { InteractionChange, InteractionEvent, NewOffer, OfferEnd, RoutingWrite } from '../../store/Store.js';
import { fromIso, type Db, type Tx } from './db.js';
import { createInteraction } from './interactionInsert.js';
import { currentInteraction, transitionIfIn, transitionInTx } from './interactionTransition.js';
import { isUuid, PG, translating } from './pgErrors.js';
import { agentStatusLog, offers } from './schema.js';

/*
 * Routing's writes as steps inside a caller's transaction: the repositories
 * run one per transaction, the routing write batch runs many in one. A step
 * throws an AppError for a refusal; the caller's transaction then rolls back.
 */

const unknownAgent = (agentId: string | null | undefined): Parameters<typeof translating>[1] => ({
  [PG.foreignKeyViolation]: ['NOT_FOUND', `unknown agent ${agentId ?? ''}`],
  [PG.invalidTextRepresentation]: ['NOT_FOUND', `unknown agent ${agentId ?? ''}`],
});

export function transitionStep(tx: Tx, id: string, change: InteractionChange, event: InteractionEvent): Promise<Interaction> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `unknown interaction ${id}`);
  return translating(() => transitionInTx(tx, id, change, event), unknownAgent(change.patch?.agentId));
}

/** The interaction 'queued' -> 'offered' and the offer row, with why it went to this agent. */
export function openOfferStep(tx: Tx, offer: NewOffer): Promise<Interaction> {
  if (!isUuid(offer.offerId)) throw new AppError('BAD_REQUEST', `offer id ${offer.offerId} is not a uuid`);
  const { offerId, interactionId, agentId } = offer;
  return translating(
    async () => {
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
    },
    { ...unknownAgent(agentId), [PG.uniqueViolation]: ['CONFLICT', `offer ${offerId} already exists`] },
  );
}

/** Ends an open offer (undefined if it was not open) and, with `requeue`, puts its interaction back in the queue. */
export async function endOfferStep(tx: Tx, offerId: string, end: OfferEnd): Promise<Interaction | undefined> {
  if (!isUuid(offerId)) return undefined;
  const [ended] = await tx
    .update(offers)
    .set({ endedAt: fromIso(end.at), endReason: end.reason })
    .where(and(eq(offers.id, offerId), isNull(offers.endedAt)))
    .returning();
  if (!ended) return undefined;
  const event = { type: 'requeued', at: end.at, actorId: ended.agentId, data: { offerId, reason: end.reason } };
  const requeued = end.requeue ? await transitionIfIn(tx, ended.interactionId, { from: ['offered'], to: 'queued' }, event) : null;
  // Not requeued (accepted, or the interaction moved on meanwhile): the row as it is.
  return requeued ?? currentInteraction(tx, ended.interactionId);
}

export async function recordStatusStep(q: Db | Tx, agentId: string, status: AgentStatus, reasonCode: string | undefined, at: string): Promise<void> {
  await translating(() => q.insert(agentStatusLog).values({ agentId, status, reasonCode: reasonCode ?? null, at: fromIso(at) }), unknownAgent(agentId));
}

/** One write of a routing batch. */
export async function routingWriteStep(tx: Tx, write: RoutingWrite): Promise<Interaction | undefined> {
  switch (write.kind) {
    case 'createInteraction':
      if (!isUuid(write.id)) throw new AppError('BAD_REQUEST', `interaction id ${write.id} is not a uuid`);
      return createInteraction(tx, write.interaction, write.at, write.id);
    case 'openOffer':
      return openOfferStep(tx, write.offer);
    case 'endOffer':
      return endOfferStep(tx, write.offerId, write.end);
    case 'transition':
      return transitionStep(tx, write.interactionId, write.change, write.event);
    case 'recordStatus':
      await recordStatusStep(tx, write.agentId, write.status, write.reasonCode, write.at);
      return undefined;
  }
}
