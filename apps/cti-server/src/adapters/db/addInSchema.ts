import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AddInManifest } from '@omnicc/shared';
import { users } from './schema.js';

/**
 * Installed add-ins (docs/add-ins.md §2) and the trail of every admin
 * change to them. Kept apart from schema.ts like the other features'
 * tables; migration 0016 creates them.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

/** One installed add-in: its manifest as checked, whether it runs, what it was granted and where it reaches its system. */
export const addIns = pgTable(
  'add_ins',
  {
    id: text('id').primaryKey(),
    version: text('version').notNull(),
    /** The manifest as checkAddInManifest returned it (defaults applied). */
    manifest: jsonb('manifest').$type<AddInManifest>().notNull(),
    enabled: boolean('enabled').notNull().default(false),
    /** Capabilities granted by an admin: a subset of the manifest's (the registry keeps it so on every write). */
    granted: text('granted').array().notNull().default(sql`'{}'::text[]`),
    /** Overrides the manifest's base URL. */
    baseUrl: text('base_url'),
    /** The add-in's key for its system, sealed by SecretBox (context `add-ins/<id>/secret`); never read back by the API. */
    secretSealed: text('secret_sealed'),
    installedAt: ts('installed_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [check('add_ins_id_check', sql`${t.id} ~ '^[a-z][a-z0-9-]{1,39}$'`)],
);

/** Every install, update, enable, disable, grant, revoke and configuration, who made it and when. */
export const addInAudit = pgTable(
  'add_in_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** No foreign key: the trail outlives the add-in. */
    addInId: text('add_in_id').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: ts('at').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('add_in_audit_add_in_idx').on(t.addInId, t.id)],
);

/** Every table of this file (the migration test checks the migrations create them). */
export const addInTables = { addIns, addInAudit };
