import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, type FlowAuditAction } from '@omnicc/shared';
import type { FlowDocument } from '@omnicc/flows';
import type { FlowActor, FlowDefinitions, StoredFlow, StoredFlowVersion, StoredFlowVersionWithDocument } from '../../store/FlowStore.js';
import { fromIso, toIso, type Db, type Tx } from './db.js';
import { flowAudit, flows, flowVersions } from './flowSchema.js';
import { PG, translating } from './pgErrors.js';
import { users } from './schema.js';

const notFound = (key: string) => new AppError('NOT_FOUND', `flow ${key} not found`);
const versionNotFound = (key: string, version: number) => new AppError('NOT_FOUND', `flow ${key} has no version ${version}`);

/** Appends to the flow audit trail, in the caller's transaction. */
export async function auditFlow(tx: Tx | Db, flowKey: string | null, action: FlowAuditAction, by: FlowActor, detail: Record<string, unknown>): Promise<void> {
  await tx.insert(flowAudit).values({ flowKey, action, actorId: by.actorId, at: fromIso(by.at), detail });
}

const latest = sql<number>`(SELECT coalesce(max(${flowVersions.version}), 0) FROM ${flowVersions} WHERE ${flowVersions.flowKey} = ${flows.key})`.mapWith(Number);

type FlowRow = { row: typeof flows.$inferSelect; latestVersion: number; editorName: string | null };

function toFlow({ row, latestVersion, editorName }: FlowRow): StoredFlow {
  return {
    key: row.key,
    name: row.name,
    draft: row.draft as FlowDocument,
    draftRevision: row.draftRevision,
    liveVersion: row.liveVersion,
    latestVersion,
    updatedAt: toIso(row.updatedAt),
    ...(row.updatedBy && editorName !== null ? { updatedBy: { id: row.updatedBy, displayName: editorName } } : {}),
  };
}

type VersionRow = { row: typeof flowVersions.$inferSelect; live: number | null; publisherName: string | null };

function toVersion({ row, live, publisherName }: VersionRow): StoredFlowVersion {
  return {
    key: row.flowKey,
    version: row.version,
    hash: row.hash,
    comment: row.comment,
    publishedAt: toIso(row.publishedAt),
    ...(row.publishedBy && publisherName !== null ? { publishedBy: { id: row.publishedBy, displayName: publisherName } } : {}),
    live: live === row.version,
  };
}

/** Flows and their versions on PostgreSQL (FlowDefinitions' rules). */
export function createFlowDefinitionsRepo(db: Db): FlowDefinitions {
  const selectFlows = (q: Db | Tx = db) =>
    q.select({ row: flows, latestVersion: latest, editorName: users.displayName }).from(flows).leftJoin(users, eq(users.id, flows.updatedBy));
  const get = async (key: string, q: Db | Tx = db) => {
    const [row] = await selectFlows(q).where(eq(flows.key, key));
    return row && toFlow(row);
  };
  const selectVersions = () =>
    db
      .select({ row: flowVersions, live: flows.liveVersion, publisherName: users.displayName })
      .from(flowVersions)
      .innerJoin(flows, eq(flows.key, flowVersions.flowKey))
      .leftJoin(users, eq(users.id, flowVersions.publishedBy));
  const version = async (key: string, n: number): Promise<StoredFlowVersionWithDocument | undefined> => {
    const [row] = await selectVersions().where(and(eq(flowVersions.flowKey, key), eq(flowVersions.version, n)));
    return row && { ...toVersion(row), document: row.row.document as FlowDocument };
  };
  /** The flow row, locked for the rest of the transaction (publish and rollback move `live_version` one at a time). */
  const lock = async (tx: Tx, key: string) => {
    const [row] = await tx.select().from(flows).where(eq(flows.key, key)).for('update');
    if (!row) throw notFound(key);
    return row;
  };

  return {
    list: async () => (await selectFlows().orderBy(sql`${flows.key} COLLATE "C"`)).map(toFlow),

    get: (key) => get(key),

    create: (document, by) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const at = fromIso(by.at);
            await tx.insert(flows).values({ key: document.key, name: document.name, draft: document, createdAt: at, updatedAt: at, updatedBy: by.actorId });
            await auditFlow(tx, document.key, 'create', by, { name: document.name });
            return (await get(document.key, tx)) ?? Promise.reject(notFound(document.key));
          }),
        { [PG.uniqueViolation]: ['CONFLICT', `flow ${document.key} already exists`] },
      ),

    saveDraft: (key, revision, document, by) =>
      db.transaction(async (tx) => {
        const [saved] = await tx
          .update(flows)
          .set({ draft: document, name: document.name, draftRevision: sql`${flows.draftRevision} + 1`, updatedAt: fromIso(by.at), updatedBy: by.actorId })
          .where(and(eq(flows.key, key), eq(flows.draftRevision, revision)))
          .returning({ revision: flows.draftRevision, updatedAt: flows.updatedAt });
        if (!saved) {
          const current = await get(key, tx);
          if (!current) throw notFound(key);
          throw new AppError('CONFLICT', `the draft of ${key} is at revision ${current.draftRevision}, not ${revision}: reload it`);
        }
        await auditFlow(tx, key, 'saveDraft', by, { revision: saved.revision });
        return { revision: saved.revision, updatedAt: toIso(saved.updatedAt) };
      }),

    publish: (key, p, by) =>
      db.transaction(async (tx) => {
        const row = await lock(tx, key);
        if (row.draftRevision !== p.revision) throw new AppError('CONFLICT', `the draft of ${key} is at revision ${row.draftRevision}, not ${p.revision}: reload it`);
        // A second click, or two tabs publishing the same draft: the live version is already this document.
        if (row.liveVersion !== null) {
          const document = sql`${JSON.stringify(p.document)}::jsonb`;
          const [same] = await tx.select({ version: flowVersions.version }).from(flowVersions).where(and(eq(flowVersions.flowKey, key), eq(flowVersions.version, row.liveVersion), eq(flowVersions.document, document)));
          if (same) throw new AppError('CONFLICT', `nothing to publish: live version ${same.version} of ${key} is this draft`);
        }
        const [{ next } = { next: 1 }] = await tx
          .select({ next: sql<number>`coalesce(max(${flowVersions.version}), 0) + 1`.mapWith(Number) })
          .from(flowVersions)
          .where(eq(flowVersions.flowKey, key));
        await tx.insert(flowVersions).values({ flowKey: key, version: next, document: p.document, hash: p.hash, comment: p.comment, publishedBy: by.actorId, publishedAt: fromIso(by.at) });
        await tx.update(flows).set({ liveVersion: next }).where(eq(flows.key, key));
        await auditFlow(tx, key, 'publish', by, { version: next, revision: p.revision, hash: p.hash, comment: p.comment, previousLive: row.liveVersion });
        return { key, version: next, hash: p.hash, comment: p.comment, publishedAt: by.at, live: true };
      }),

    rollback: (key, n, comment, by) =>
      db.transaction(async (tx) => {
        const row = await lock(tx, key);
        const [exists] = await tx.select({ version: flowVersions.version }).from(flowVersions).where(and(eq(flowVersions.flowKey, key), eq(flowVersions.version, n)));
        if (!exists) throw versionNotFound(key, n);
        await tx.update(flows).set({ liveVersion: n }).where(eq(flows.key, key));
        await auditFlow(tx, key, 'rollback', by, { version: n, previousLive: row.liveVersion, comment });
        return (await get(key, tx)) ?? Promise.reject(notFound(key));
      }),

    async versions(key) {
      if (!(await get(key))) throw notFound(key);
      return (await selectVersions().where(eq(flowVersions.flowKey, key)).orderBy(desc(flowVersions.version))).map(toVersion);
    },

    version,

    async live(key) {
      const flow = await get(key);
      return flow?.liveVersion == null ? undefined : version(key, flow.liveVersion);
    },
  };
}
