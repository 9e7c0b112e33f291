import pg from 'pg';
import { pgErrorCode, PG } from './pgErrors.js';

/**
 * Creates `database` through `admin` (a connection to another database of
 * the same server) unless it exists. Two processes racing here both succeed.
 */
export async function createDatabaseIfMissing(admin: pg.ClientConfig, database: string): Promise<boolean> {
  const client = new pg.Client(admin);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      return true;
    } catch (err) {
      // The other process won the race: 42P04, or 23505 on pg_database's unique index.
      const code = pgErrorCode(err);
      if (code === PG.duplicateDatabase || code === PG.uniqueViolation) return false;
      throw err;
    }
  } finally {
    await client.end();
  }
}

/** Errors worth waiting out at start: the server is not listening yet, or still starting up (57P03). */
const NOT_READY = new Set(['ECONNREFUSED', '57P03']);

async function connectable(url: string): Promise<'ok' | 'missing'> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return 'ok';
  } catch (err) {
    await probe.end().catch(() => undefined);
    if (pgErrorCode(err) === PG.invalidCatalogName) return 'missing';
    throw err;
  }
}

/**
 * Makes sure the database named in `url` exists, creating it through the
 * server's `postgres` maintenance database with the same credentials when
 * connecting fails with 3D000 (invalid_catalog_name). Waits up to
 * `waitMs` for a server that is still starting (containers started together).
 */
export async function ensureDatabaseFromUrl(url: string, log: (msg: string) => void, waitMs = 30_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  let state: 'ok' | 'missing';
  for (;;) {
    try {
      state = await connectable(url);
      break;
    } catch (err) {
      const code = pgErrorCode(err) ?? (err as NodeJS.ErrnoException).code ?? '';
      if (!NOT_READY.has(code) || Date.now() >= deadline) throw err;
      log(`database not reachable yet (${code}); retrying`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
  if (state === 'ok') return;
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  parsed.pathname = '/postgres';
  if (await createDatabaseIfMissing({ connectionString: parsed.toString() }, database)) log(`created database ${database}`);
}
