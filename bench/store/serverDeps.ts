import { createRequire } from 'node:module';
import type PgModule from 'pg';

/**
 * pg is a dependency of apps/cti-server, not of the repo root, so bench/
 * cannot import it by name: load it from the server's node_modules (types
 * come from the same place through this folder's tsconfig `paths`).
 */
const requireFromServer = createRequire(new URL('../../apps/cti-server/package.json', import.meta.url));
export const pg = requireFromServer('pg') as typeof PgModule;

/** Runs one statement (CREATE / DROP DATABASE) on its own connection to the admin database. */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
