import { eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { AppError, type AddInManifest } from '@omnicc/shared';
import { addInAudit, addIns } from './addInSchema.js';
import { createDb, fromIso, toIso, type Db, type Tx } from './db.js';

/** An installed add-in as stored (its key still sealed). */
export interface AddInRecord {
  id: string;
  manifest: AddInManifest;
  enabled: boolean;
  granted: string[];
  baseUrl: string | null;
  secretSealed: string | null;
  installedAt: string;
  updatedAt: string;
}

/** Who changed an add-in, and when (ISO); a null actor is the server itself (built-ins at start). */
export interface AddInActor {
  actorId: string | null;
  at: string;
}

export type AddInPatch = Partial<Pick<AddInRecord, 'enabled' | 'granted' | 'baseUrl' | 'secretSealed'>>;

/** The add-in registry's table (features/addIns/addInRegistry.ts keeps its rules). Every write comes with its audit row. */
export interface AddInsRepo {
  list(): Promise<AddInRecord[]>;
  get(id: string): Promise<AddInRecord | undefined>;
  /**
   * Installs a new add-in (disabled, nothing granted unless `initial` says)
   * or updates an installed one's manifest: its state is kept and its grants
   * narrowed to what the new manifest asks for.
   */
  install(manifest: AddInManifest, by: AddInActor, initial?: { enabled: boolean; granted: string[] }): Promise<{ record: AddInRecord; created: boolean }>;
  /** Installs only if absent (built-in add-ins at start); true when it did. */
  ensure(manifest: AddInManifest, by: AddInActor, initial: { enabled: boolean; granted: string[] }): Promise<boolean>;
  /** Changes an installed add-in; NOT_FOUND if there is none. `detail` goes to the audit row (never the secret). */
  update(id: string, patch: AddInPatch, by: AddInActor, action: string, detail: Record<string, unknown>): Promise<AddInRecord>;
}

const toRecord = (r: typeof addIns.$inferSelect): AddInRecord => ({
  id: r.id,
  manifest: r.manifest,
  enabled: r.enabled,
  granted: r.granted,
  baseUrl: r.baseUrl,
  secretSealed: r.secretSealed,
  installedAt: toIso(r.installedAt),
  updatedAt: toIso(r.updatedAt),
});

const audit = (tx: Tx, addInId: string, action: string, by: AddInActor, detail: Record<string, unknown>) =>
  tx.insert(addInAudit).values({ addInId, action, actorId: by.actorId, at: fromIso(by.at), detail });

/** The registry on PostgreSQL (migration 0016). */
export function createAddInsRepo(pool: pg.Pool): AddInsRepo {
  const db: Db = createDb(pool);
  return {
    list: async () => (await db.select().from(addIns).orderBy(sql`${addIns.id} COLLATE "C"`)).map(toRecord),
    get: async (id) => {
      const [row] = await db.select().from(addIns).where(eq(addIns.id, id));
      return row && toRecord(row);
    },
    install: (manifest, by, initial) =>
      db.transaction(async (tx) => {
        const [before] = await tx.select().from(addIns).where(eq(addIns.id, manifest.id)).for('update');
        const at = fromIso(by.at);
        if (!before) {
          const [row] = await tx
            .insert(addIns)
            .values({ id: manifest.id, version: manifest.version, manifest, enabled: initial?.enabled ?? false, granted: initial?.granted ?? [], installedAt: at, updatedAt: at, updatedBy: by.actorId })
            .returning();
          if (!row) throw new Error('insert returned nothing');
          await audit(tx, manifest.id, 'install', by, { version: manifest.version, enabled: row.enabled, granted: row.granted });
          return { record: toRecord(row), created: true };
        }
        const granted = before.granted.filter((c) => manifest.capabilities.includes(c));
        const [row] = await tx.update(addIns).set({ version: manifest.version, manifest, granted, updatedAt: at, updatedBy: by.actorId }).where(eq(addIns.id, manifest.id)).returning();
        if (!row) throw new Error('update returned nothing');
        await audit(tx, manifest.id, 'update', by, { from: before.version, to: manifest.version, granted });
        return { record: toRecord(row), created: false };
      }),
    ensure: (manifest, by, initial) =>
      db.transaction(async (tx) => {
        const at = fromIso(by.at);
        const rows = await tx
          .insert(addIns)
          .values({ id: manifest.id, version: manifest.version, manifest, enabled: initial.enabled, granted: initial.granted, installedAt: at, updatedAt: at, updatedBy: by.actorId })
          .onConflictDoNothing()
          .returning({ id: addIns.id });
        if (rows.length > 0) await audit(tx, manifest.id, 'install', by, { version: manifest.version, enabled: initial.enabled, granted: initial.granted, builtIn: true });
        return rows.length > 0;
      }),
    update: (id, patch, by, action, detail) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .update(addIns)
          .set({ ...patch, updatedAt: fromIso(by.at), updatedBy: by.actorId })
          .where(eq(addIns.id, id))
          .returning();
        if (!row) throw new AppError('NOT_FOUND', `add-in ${id} is not installed`);
        await audit(tx, id, action, by, detail);
        return toRecord(row);
      }),
  };
}
