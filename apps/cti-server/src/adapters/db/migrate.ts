import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { createDb } from './db.js';

/** The drizzle-kit output folder (apps/cti-server/drizzle), next to src/. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/**
 * Advisory lock key for migrations (arbitrary constant, 'omnicc' in ASCII).
 * Session-level, so it must be taken and released on the same connection.
 */
const MIGRATION_LOCK_KEY = 0x6f6d6e696363n.toString();

/**
 * Applies pending migrations from MIGRATIONS_FOLDER. Safe when several
 * processes start at once: they queue on a PostgreSQL advisory lock, and each
 * one after the first finds nothing left to apply. Applying twice is a no-op.
 */
export async function migrate(pool: pg.Pool, options: { migrationsFolder?: string } = {}): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      // One client, not the pool: the migrator's transaction must run on the locked session.
      await drizzleMigrate(createDb(client), { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } catch (err) {
    // Do not return a connection in an unknown state (lock held, aborted tx) to the pool.
    broken = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    client.release(broken);
  }
}
