/**
 * Seeds N customers (default 1,000,000) from the BSS simulator's generator
 * into DATABASE_URL (migrated first), for the screen-pop benchmark
 * (bench/screenpop). Idempotent; prints rows per second.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/screenpop pnpm --filter @omnicc/cti-server seed:customers [count] [batch]
 */
import pg from 'pg';
import { migrate } from '../src/adapters/db/migrate.js';
import { ensureDatabaseFromUrl } from '../src/adapters/db/ensureDatabase.js';
import { seedBulkCustomers } from '../src/seed/bulkCustomers.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required (the database is created if missing)');
  process.exit(2);
}
const count = Number(process.argv[2] ?? 1_000_000);
const batch = Number(process.argv[3] ?? 5_000);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(batch) || batch < 1) {
  console.error('usage: seedCustomers.ts [count ≥ 1] [batch ≥ 1]');
  process.exit(2);
}
await ensureDatabaseFromUrl(url, (m) => console.log(m));
const pool = new pg.Pool({ connectionString: url, max: 2 });
try {
  await migrate(pool);
  const result = await seedBulkCustomers(pool, {
    count,
    batch,
    ...(process.env.BSS_SEED ? { seed: Number(process.env.BSS_SEED) } : {}),
    ...(process.env.BSS_AS_OF ? { asOf: process.env.BSS_AS_OF } : {}),
    onProgress: (done, ms) => {
      if (done > 0 && done % 100_000 < batch) console.log(`${done.toLocaleString('en')} customers, ${Math.round((done / Math.max(1, ms)) * 1000).toLocaleString('en')} rows/s`);
    },
  });
  console.log(`seeded ${result.customers.toLocaleString('en')} customers (with their lines and contact points) in ${(result.ms / 1000).toFixed(1)} s: ${result.perSecond.toLocaleString('en')} customers/s`);
  console.log(JSON.stringify(result));
} finally {
  await pool.end();
}
