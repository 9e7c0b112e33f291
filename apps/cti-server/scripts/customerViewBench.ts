/**
 * The customer 360 view and identity resolution on seeded data (figures
 * only, nothing asserted). Needs customers seeded by scripts/seedCustomers.ts
 * in DATABASE_URL; adds interactions (INTERACTIONS, default 3 per customer,
 * idempotent by count) spread over them, then times 1,000 views of random
 * customers (p50/p99, in process: the SQL round trip and the build) and
 * identity resolution of random numbers in odd forms (per second).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/screenpop pnpm --filter @omnicc/cti-server exec tsx scripts/customerViewBench.ts
 */
import pg from 'pg';
import pino from 'pino';
import { createPgStore } from '../src/adapters/db/pgStore.js';
import { CustomerService } from '../src/features/customers/customerService.js';
import { resolveCustomer } from '../src/features/customers/identity.js';
import { seedDemoCustomers } from '../src/seed/demoCustomers.js';
import { seedReferenceData } from '../src/seed/demoData.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const CALLS = Number(process.env.CALLS ?? 1_000);
const pool = new pg.Pool({ connectionString: url, max: 4 });
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

try {
  await seedReferenceData(createPgStore(pool));
  await seedDemoCustomers(pool);
  const customers = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM customers')).rows[0]?.n);
  const wanted = Number(process.env.INTERACTIONS ?? customers * 3);
  const have = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM interactions WHERE customer_id IS NOT NULL')).rows[0]?.n);
  if (have < wanted) {
    const t = Date.now();
    // Closed history on every channel with dispositions, over the last year, for random customers.
    await pool.query(
      `WITH c AS (SELECT id, name, row_number() OVER () AS n FROM customers), total AS (SELECT count(*) AS k FROM c)
       INSERT INTO interactions (channel, state, queue_id, customer_name, created_at, ended_at, disposition_code, wrap_up_note, customer_id)
       SELECT (ARRAY['voice','chat','email','sms'])[1 + g % 4], 'closed', (ARRAY['voice-general','chat-general','email-general','sms-general'])[1 + g % 4],
              c.name, now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day' + interval '5 minutes',
              (ARRAY['resolved','billingQuery','planChange','faultReport','complaint'])[1 + g % 5], '备注 note ' || g, c.id
         FROM generate_series(1, $1::int) AS g, total JOIN c ON true
        WHERE c.n = 1 + (hashint4(g)::bigint & 2147483647) % total.k`,
      [wanted - have],
    );
    console.log(`added ${(wanted - have).toLocaleString('en')} interactions in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  await pool.query('ANALYZE');
  const service = new CustomerService({ pool, store: createPgStore(pool), clock: { now: () => Date.now() }, timeZone: 'Asia/Shanghai', log: pino({ level: 'silent' }) });
  const ids = (await pool.query<{ id: string }>(`SELECT id FROM customers TABLESAMPLE SYSTEM (5) LIMIT $1`, [CALLS])).rows.map((r) => r.id);
  for (const id of ids.slice(0, 100)) await service.view(id); // warm-up
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const id = ids[i % ids.length]!;
    const t = performance.now();
    await service.view(id);
    times.push(performance.now() - t);
  }
  const numbers = (await pool.query<{ value: string }>(`SELECT value FROM customer_contact_points TABLESAMPLE SYSTEM (5) WHERE type = 'phone' LIMIT $1`, [CALLS])).rows.map((r) => r.value);
  const forms = numbers.map((n, i) => [n, `0086 ${n.slice(3, 6)} ${n.slice(6, 10)} ${n.slice(10)}`, n.slice(3), `86-${n.slice(3)}`][i % 4]!);
  const t0 = performance.now();
  let found = 0;
  for (const f of forms) if (await resolveCustomer(pool, { phone: f })) found++;
  const resolveMs = performance.now() - t0;
  const result = {
    customers,
    interactions: Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM interactions')).rows[0]?.n),
    viewCalls: CALLS,
    viewP50Ms: +pct(times, 50).toFixed(2),
    viewP99Ms: +pct(times, 99).toFixed(2),
    resolvePerSecond: Math.round((forms.length / resolveMs) * 1000),
    resolved: `${found}/${forms.length}`,
  };
  console.log(`view of a customer: p50 ${result.viewP50Ms} ms, p99 ${result.viewP99Ms} ms over ${CALLS} calls (${customers.toLocaleString('en')} customers, ${result.interactions.toLocaleString('en')} interactions)`);
  console.log(`identity resolution: ${result.resolvePerSecond.toLocaleString('en')}/s sequential, one connection (${result.resolved} found)`);
  console.log(JSON.stringify(result));
} finally {
  await pool.end();
}
