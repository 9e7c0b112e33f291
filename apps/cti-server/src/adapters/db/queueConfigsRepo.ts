import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import { AppError, type QueueConfig } from '@omnicc/shared';
import type { QueueConfigRepository } from '../../store/Store.js';
import type { Db, Tx } from './db.js';
import { overflowCycle } from './overflowCycle.js';
import { nameList, paged } from './paging.js';
import { PG, translating } from './pgErrors.js';
import { queueSkillRows, queueValues, toQueueConfig } from './queueConfigRows.js';
import { describeRefs, type PgErrorMap, requireExisting, requireUnique } from './references.js';
import { interactions, queues, queueSkills, skills, teamQueues } from './schema.js';

/**
 * Serializes queue config writes (transaction-scoped advisory lock): two
 * concurrent updates A→B and B→A would each see no cycle on their own.
 * Key: 'queues' in ASCII.
 */
const QUEUE_WRITE_LOCK = 0x717565756573n.toString();

async function withSkills(tx: Db | Tx, rows: (typeof queues.$inferSelect)[]): Promise<QueueConfig[]> {
  if (rows.length === 0) return [];
  const required = await tx
    .select()
    .from(queueSkills)
    .where(inArray(queueSkills.queueId, rows.map((r) => r.id)))
    .orderBy(asc(queueSkills.queueId), asc(queueSkills.position));
  return rows.map((r) => toQueueConfig(r, required.filter((s) => s.queueId === r.id).map((s) => ({ skill: s.skillCode, minLevel: s.minLevel }))));
}

/** BAD_REQUEST unless the overflow target is another queue of the same channel and closes no loop. */
async function checkOverflow(tx: Tx, q: QueueConfig): Promise<void> {
  const target = q.overflowQueueId;
  if (target === undefined) return;
  if (target === q.id) throw new AppError('BAD_REQUEST', `queue ${q.id} cannot overflow into itself`);
  const all = await tx.select({ id: queues.id, channel: queues.channel, overflow: queues.overflowQueueId }).from(queues);
  const to = all.find((r) => r.id === target);
  if (!to) throw new AppError('BAD_REQUEST', `unknown overflow queue: ${target}`);
  if (to.channel !== q.channel) throw new AppError('BAD_REQUEST', `overflow queue ${target} is a ${to.channel} queue, not ${q.channel}`);
  const cycle = overflowCycle(new Map(all.map((r) => [r.id, r.overflow ?? undefined])), q.id, target);
  if (cycle) throw new AppError('BAD_REQUEST', `overflow into ${target} would loop: ${cycle.join(' -> ')}`);
}

const lockQueueWrites = (tx: Tx) => tx.execute(sql`SELECT pg_advisory_xact_lock(${QUEUE_WRITE_LOCK}::bigint)`);

async function checkReferences(tx: Tx, q: QueueConfig): Promise<void> {
  requireUnique(q.requiredSkills.map((s) => s.skill), 'skill');
  await requireExisting(tx, skills, skills.code, q.requiredSkills.map((s) => s.skill), 'skill');
  await checkOverflow(tx, q);
}

/** A skill or overflow queue deleted after our checks still fails cleanly on its foreign key. */
const FK_GONE: PgErrorMap = { [PG.foreignKeyViolation]: ['BAD_REQUEST', 'a required skill or the overflow queue no longer exists'] };

/** Full queue configs over `queues` and `queue_skills`, listed by id. */
export function createQueueConfigsRepo(db: Db): QueueConfigRepository {
  const notFound = (id: string) => new AppError('NOT_FOUND', `queue ${id} not found`);
  return {
    list: (page) =>
      paged(
        page,
        async (limit, offset) => withSkills(db, await db.select().from(queues).orderBy(asc(queues.id)).limit(limit).offset(offset)),
        () => db.$count(queues),
      ),

    async get(id) {
      const [config] = await withSkills(db, await db.select().from(queues).where(eq(queues.id, id)));
      return config;
    },

    create: (q) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            await lockQueueWrites(tx);
            const [taken] = await tx.select({ id: queues.id }).from(queues).where(eq(queues.id, q.id));
            if (taken) throw new AppError('CONFLICT', `queue ${q.id} already exists`);
            await checkReferences(tx, q);
            const inserted = await tx.insert(queues).values({ id: q.id, ...queueValues(q) }).onConflictDoNothing().returning({ id: queues.id });
            if (inserted.length === 0) throw new AppError('CONFLICT', `queue ${q.id} already exists`);
            const rows = queueSkillRows(q);
            if (rows.length > 0) await tx.insert(queueSkills).values(rows);
            return q;
          }),
        FK_GONE,
      ),

    update: (q) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            await lockQueueWrites(tx);
            const [current] = await tx.select({ channel: queues.channel }).from(queues).where(eq(queues.id, q.id)).for('update');
            if (!current) throw notFound(q.id);
            // Queued interactions carry their channel: a queue cannot change under them.
            if (current.channel !== q.channel) throw new AppError('CONFLICT', `queue ${q.id} is a ${current.channel} queue; its channel cannot change`);
            await checkReferences(tx, q);
            await tx.update(queues).set(queueValues(q)).where(eq(queues.id, q.id));
            await tx.delete(queueSkills).where(eq(queueSkills.queueId, q.id));
            const rows = queueSkillRows(q);
            if (rows.length > 0) await tx.insert(queueSkills).values(rows);
            return q;
          }),
        FK_GONE,
      ),

    delete: (id) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const [row] = await tx.select({ id: queues.id }).from(queues).where(eq(queues.id, id)).for('update');
            if (!row) throw notFound(id);
            const inTeams = await tx.select({ id: teamQueues.teamId }).from(teamQueues).where(eq(teamQueues.queueId, id)).orderBy(asc(teamQueues.teamId));
            const feeders = await tx.select({ id: queues.id }).from(queues).where(eq(queues.overflowQueueId, id)).orderBy(asc(queues.id));
            const [history] = await tx.select({ n: count() }).from(interactions).where(eq(interactions.queueId, id));
            const interactionCount = history?.n ?? 0;
            const refs = describeRefs([
              inTeams.length > 0 && `teams ${nameList(inTeams.map((t) => t.id))}`,
              feeders.length > 0 && `the overflow of queues ${nameList(feeders.map((f) => f.id))}`,
              interactionCount > 0 && `${interactionCount} interactions`,
            ]);
            if (refs) throw new AppError('CONFLICT', `queue ${id} is still used by ${refs}`);
            await tx.delete(queues).where(eq(queues.id, id));
          }),
        { [PG.foreignKeyViolation]: ['CONFLICT', `queue ${id} is still in use`] },
      ),
  };
}
