import type { Interaction } from '@omnicc/shared';
import type { InteractionEvent, InteractionPatch } from '../../store/Store.js';
import { fromIso, toIso } from './db.js';
import type { interactionEvents, interactions } from './schema.js';

type InteractionRow = typeof interactions.$inferSelect;
type InteractionUpdate = Partial<typeof interactions.$inferInsert>;
type EventRow = typeof interactionEvents.$inferSelect;

/** Row -> domain object. NULL columns become absent keys (exactOptionalPropertyTypes). */
export function toInteraction(r: InteractionRow): Interaction {
  return {
    id: r.id,
    channel: r.channel,
    state: r.state,
    queueId: r.queueId,
    customer: {
      name: r.customerName,
      ...(r.customerPhone !== null ? { phone: r.customerPhone } : {}),
      ...(r.customerEmail !== null ? { email: r.customerEmail } : {}),
    },
    ...(r.agentId !== null ? { agentId: r.agentId } : {}),
    createdAt: toIso(r.createdAt),
    ...(r.assignedAt !== null ? { assignedAt: toIso(r.assignedAt) } : {}),
    ...(r.endedAt !== null ? { endedAt: toIso(r.endedAt) } : {}),
    ...(r.dispositionCode !== null ? { dispositionCode: r.dispositionCode } : {}),
    ...(r.wrapUpNote !== null ? { wrapUpNote: r.wrapUpNote } : {}),
  };
}

const dateOrNull = (v: string | null): Date | null => (v === null ? null : fromIso(v));

/** Patch -> column values: an absent key leaves the column alone, `null` clears it. */
export function patchColumns(patch: InteractionPatch | undefined): InteractionUpdate {
  if (!patch) return {};
  return {
    ...(patch.queueId !== undefined ? { queueId: patch.queueId } : {}),
    ...(patch.agentId !== undefined ? { agentId: patch.agentId } : {}),
    ...(patch.assignedAt !== undefined ? { assignedAt: dateOrNull(patch.assignedAt) } : {}),
    ...(patch.endedAt !== undefined ? { endedAt: dateOrNull(patch.endedAt) } : {}),
    ...(patch.dispositionCode !== undefined ? { dispositionCode: patch.dispositionCode } : {}),
    ...(patch.wrapUpNote !== undefined ? { wrapUpNote: patch.wrapUpNote } : {}),
  };
}

export const eventValues = (interactionId: string, e: InteractionEvent): typeof interactionEvents.$inferInsert => ({
  interactionId,
  type: e.type,
  at: fromIso(e.at),
  actorId: e.actorId ?? null,
  data: e.data ?? null,
});

export const toEvent = (r: EventRow): InteractionEvent => ({
  type: r.type,
  at: toIso(r.at),
  ...(r.actorId !== null ? { actorId: r.actorId } : {}),
  ...(r.data !== null ? { data: r.data } : {}),
});
