import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { AppError, type FlowBinding, type FlowBindingWrite } from '@omnicc/shared';
import type { FlowBindings } from '../../store/FlowStore.js';
import { fromIso, toIso, type Db } from './db.js';
import { auditFlow } from './flowDefinitionsRepo.js';
import { flowBindings } from './flowSchema.js';
import { isUuid, PG, translating } from './pgErrors.js';

const notFound = (id: string) => new AppError('NOT_FOUND', `flow binding ${id} not found`);

function toBinding(row: typeof flowBindings.$inferSelect): FlowBinding {
  return {
    id: row.id,
    flowKey: row.flowKey,
    ...(row.queueId === null ? {} : { queueId: row.queueId }),
    ...(row.channel === null ? {} : { channel: row.channel }),
    ...(row.interactionType === null ? {} : { interactionType: row.interactionType }),
    priority: row.priority,
    createdAt: toIso(row.createdAt),
  };
}

const columns = (b: FlowBindingWrite) => ({ flowKey: b.flowKey, queueId: b.queueId ?? null, channel: b.channel ?? null, interactionType: b.interactionType ?? null, priority: b.priority });

/** A binding that names an unknown flow or queue, or repeats another's criteria. */
const refusals = (b: FlowBindingWrite): Parameters<typeof translating>[1] => ({
  [PG.foreignKeyViolation]: ['BAD_REQUEST', `unknown flow ${b.flowKey} or queue ${b.queueId ?? ''}`],
  [PG.uniqueViolation]: ['CONFLICT', 'another binding has the same queue, channel and interaction type'],
});

/** Specificity of a binding: a queue says most, then an interaction type, then a channel. */
const specificity = sql`(CASE WHEN ${flowBindings.queueId} IS NULL THEN 0 ELSE 4 END + CASE WHEN ${flowBindings.interactionType} IS NULL THEN 0 ELSE 2 END + CASE WHEN ${flowBindings.channel} IS NULL THEN 0 ELSE 1 END)`;

/** Flow bindings on PostgreSQL (FlowBindings' rules); every write with its audit row. */
export function createFlowBindingsRepo(db: Db): FlowBindings {
  return {
    list: async () => (await db.select().from(flowBindings).orderBy(sql`${flowBindings.flowKey} COLLATE "C"`, sql`${flowBindings.priority} DESC`, flowBindings.id)).map(toBinding),

    create: (b, by) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const [row] = await tx
              .insert(flowBindings)
              .values({ ...columns(b), createdAt: fromIso(by.at), createdBy: by.actorId })
              .returning();
            if (!row) throw new Error('insert returned nothing');
            await auditFlow(tx, b.flowKey, 'createBinding', by, { binding: toBinding(row) });
            return toBinding(row);
          }),
        refusals(b),
      ),

    update: (id, b, by) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            if (!isUuid(id)) throw notFound(id);
            const [before] = await tx.select().from(flowBindings).where(eq(flowBindings.id, id)).for('update');
            if (!before) throw notFound(id);
            const [row] = await tx.update(flowBindings).set(columns(b)).where(eq(flowBindings.id, id)).returning();
            if (!row) throw notFound(id);
            await auditFlow(tx, b.flowKey, 'updateBinding', by, { before: toBinding(before), after: toBinding(row) });
            return toBinding(row);
          }),
        refusals(b),
      ),

    delete: (id, by) =>
      db.transaction(async (tx) => {
        if (!isUuid(id)) throw notFound(id);
        const [row] = await tx.delete(flowBindings).where(eq(flowBindings.id, id)).returning();
        if (!row) throw notFound(id);
        await auditFlow(tx, row.flowKey, 'deleteBinding', by, { binding: toBinding(row) });
      }),

    async match({ queueId, channel, interactionType }) {
      const rows = await db
        .select()
        .from(flowBindings)
        .where(
          and(
            or(isNull(flowBindings.queueId), eq(flowBindings.queueId, queueId)),
            or(isNull(flowBindings.channel), eq(flowBindings.channel, channel)),
            or(isNull(flowBindings.interactionType), eq(flowBindings.interactionType, interactionType)),
          ),
        )
        .orderBy(sql`${flowBindings.priority} DESC`, sql`${specificity} DESC`, flowBindings.createdAt, flowBindings.id);
      return rows.map(toBinding);
    },
  };
}
