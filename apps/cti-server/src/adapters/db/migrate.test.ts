import fs from 'node:fs';
import path from 'node:path';
import { getTableName } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_FOLDER } from './migrate.js';
import { emailTables } from './emailSchema.js';
import { smsTables } from './smsSchema.js';
import { cannedResponseTables } from './cannedResponseSchema.js';
import { smsCampaignTables } from './smsCampaignSchema.js';
import { flowTables } from './flowSchema.js';
import { customerTables } from './customerSchema.js';
import { workOrderTables } from './workOrderSchema.js';
import { addInTables } from './addInSchema.js';
import { knowledgeTables } from './knowledgeSchema.js';
import { schema } from './schema.js';
import { openTestDatabase, stopEmbeddedTestCluster, TEST_DB_KINDS, type TestDatabase } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
/** Every table schema.ts, emailSchema.ts, smsSchema.ts, smsCampaignSchema.ts, cannedResponseSchema.ts, flowSchema.ts, customerSchema.ts, workOrderSchema.ts, addInSchema.ts and knowledgeSchema.ts declare: the migrations must create exactly these. */
const TABLES = [...Object.values(schema), ...Object.values(emailTables), ...Object.values(smsTables), ...Object.values(smsCampaignTables), ...Object.values(cannedResponseTables), ...Object.values(flowTables), ...Object.values(customerTables), ...Object.values(workOrderTables), ...Object.values(addInTables), ...Object.values(knowledgeTables)].map((t) => getTableName(t)).sort();

const applied = async (pool: pg.Pool): Promise<number> =>
  Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations')).rows[0]?.n);
const tables = async (pool: pg.Pool): Promise<string[]> =>
  // Sorted here, not by ORDER BY: the database's collation may order '_' differently.
  (await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.t).sort();

describe.each(TEST_DB_KINDS)('migrate (%s)', (kind) => {
  let db: TestDatabase | undefined;
  const pools: pg.Pool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await db?.cleanup();
  });

  it('creates the schema, and a second run is a no-op', async () => {
    db = await openTestDatabase(kind, { migrated: false });
    expect(await tables(db.pool)).toEqual([]);
    await migrate(db.pool);
    expect(await tables(db.pool)).toEqual(TABLES);
    expect(await applied(db.pool)).toBe(journal.entries.length);
    await db.pool.query("INSERT INTO queues VALUES ('q', 'chat', 'Q', '队列')");
    await migrate(db.pool);
    expect(await applied(db.pool)).toBe(journal.entries.length);
    expect((await db.pool.query('SELECT id FROM queues')).rows).toEqual([{ id: 'q' }]);
    // The advisory lock is released with the session still open.
    expect((await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'")).rows[0]?.n).toBe(0);
  });

  it('lets concurrent starts migrate the same empty database', async () => {
    db = await openTestDatabase(kind, { migrated: false });
    // Separate pools = separate sessions, as separate server processes would have.
    for (let i = 0; i < 4; i++) {
      const pool = new pg.Pool({ connectionString: db.url, max: 2 });
      pool.on('error', () => undefined); // cleanup's DROP DATABASE ... WITH (FORCE) ends idle clients
      pools.push(pool);
    }
    const results = await Promise.allSettled(pools.map((p) => migrate(p)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await tables(db.pool)).toEqual(TABLES);
    expect(await applied(db.pool)).toBe(journal.entries.length);
  });
});
