/**
 * Persisted enqueue vs a bare INSERT on the machine PostgreSQL.
 *
 * "enqueue" is the real write a chat start makes: store.interactions.create()
 * (drizzle; BEGIN, INSERT interaction RETURNING *, INSERT its `created`
 * event, COMMIT). "bare" is one autocommit INSERT of the same interaction
 * row with pg, no event, no RETURNING. Both run on one pool against a fresh
 * database (bench_store_<pid>, dropped at the end), interleaved one of each
 * per iteration so drift hits both alike; then the same with 8 concurrent
 * writers. Prints a table, then one JSON line. Figures only: nothing here
 * asserts a time.
 *
 *   pnpm bench:store              (from the repo root)
 *   STORE_BENCH_ITERATIONS=5000 pnpm bench:store
 */
import { randomBytes } from 'node:crypto';
import { migrate } from '../../apps/cti-server/src/adapters/db/migrate.js';
import { createPgStore } from '../../apps/cti-server/src/adapters/db/pgStore.js';
import { seedReferenceData } from '../../apps/cti-server/src/seed/demoData.js';
import type { NewInteraction, Store } from '../../apps/cti-server/src/store/Store.js';
import { adminQuery, pg } from './serverDeps.js';
import { latencyFigures, type LatencyFigures } from '../socket/stats.js';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ITERATIONS = Number(process.env.STORE_BENCH_ITERATIONS ?? 2_000);
const WARMUP = Math.min(300, ITERATIONS);
const WRITERS = 8;
const QUEUE_ID = 'chat-general';

const now = (): number => performance.timeOrigin + performance.now();

interface Figures extends LatencyFigures {
  /** Writes per second over the whole phase (wall clock). */
  perSec: number;
}

function figures(samples: number[], wallMs: number): Figures {
  return { ...latencyFigures(samples), perSec: Math.round((samples.length / wallMs) * 1000) };
}

function newInteraction(): NewInteraction {
  return {
    channel: 'chat',
    queueId: QUEUE_ID,
    customer: { name: 'Bench Customer', phone: '+8613800138000' },
    customerTokenHash: randomBytes(32).toString('hex'),
  };
}

/** The same row store.interactions.create() writes, as one autocommit statement. */
const BARE_INSERT =
  'INSERT INTO interactions (channel, state, queue_id, customer_name, customer_phone, customer_email, customer_token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';

async function bareInsert(pool: InstanceType<typeof pg.Pool>, input: NewInteraction): Promise<void> {
  await pool.query(BARE_INSERT, [input.channel, 'queued', input.queueId, input.customer.name, input.customer.phone ?? null, null, input.customerTokenHash ?? null, new Date()]);
}

async function enqueue(store: Store, input: NewInteraction): Promise<void> {
  await store.interactions.create(input, new Date().toISOString());
}

async function timed(work: () => Promise<void>, into: number[]): Promise<void> {
  const t0 = now();
  await work();
  into.push(now() - t0);
}

/** One writer: `n` iterations, each one enqueue and one bare insert (alternating which goes first). */
async function writer(n: number, store: Store, pool: InstanceType<typeof pg.Pool>, out: { enqueue: number[]; bare: number[] }): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      await timed(() => enqueue(store, newInteraction()), out.enqueue);
      await timed(() => bareInsert(pool, newInteraction()), out.bare);
    } else {
      await timed(() => bareInsert(pool, newInteraction()), out.bare);
      await timed(() => enqueue(store, newInteraction()), out.enqueue);
    }
  }
}

/** Each kind alone for `n` writes per writer, `writers` at once: throughput of that kind under concurrency. */
async function concurrent(writers: number, n: number, work: () => Promise<void>): Promise<Figures> {
  const samples: number[] = [];
  const t0 = now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = 0; i < n; i++) await timed(work, samples);
    }),
  );
  return figures(samples, now() - t0);
}

const admin = (sql: string): Promise<void> => adminQuery(ADMIN_URL, sql);

async function main(): Promise<void> {
  const database = `bench_store_${process.pid}`;
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  let store: Store | undefined;
  try {
    await migrate(pool);
    store = createPgStore(pool);
    await seedReferenceData(store);
    const settings = await pool.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'server_version')",
    );
    const pgSettings = Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]));

    const warm = { enqueue: [] as number[], bare: [] as number[] };
    await writer(WARMUP, store, pool, warm);

    const seq = { enqueue: [] as number[], bare: [] as number[] };
    await writer(ITERATIONS, store, pool, seq);
    // Interleaved, so writes/s of each kind is over its own time: one writer doing only that kind.
    const seqEnqueue = figures(seq.enqueue, seq.enqueue.reduce((a, x) => a + x, 0));
    const seqBare = figures(seq.bare, seq.bare.reduce((a, x) => a + x, 0));

    const perWriter = Math.ceil(ITERATIONS / WRITERS);
    const s = store;
    const concEnqueue = await concurrent(WRITERS, perWriter, () => enqueue(s, newInteraction()));
    const concBare = await concurrent(WRITERS, perWriter, () => bareInsert(pool, newInteraction()));

    const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
    const rows = [
      { mode: 'sequential', kind: 'enqueue (create: tx, row + event)', f: seqEnqueue },
      { mode: 'sequential', kind: 'bare INSERT (autocommit)', f: seqBare },
      { mode: `${WRITERS} writers`, kind: 'enqueue (create: tx, row + event)', f: concEnqueue },
      { mode: `${WRITERS} writers`, kind: 'bare INSERT (autocommit)', f: concBare },
    ];
    const header = ['mode', 'write', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'writes/s'];
    const lines = rows.map((r) => [r.mode, r.kind, r.f.count, r.f.p50ms, r.f.p95ms, r.f.p99ms, r.f.maxMs, r.f.meanMs, r.f.perSec].map(String));
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
    const fmt = (cells: readonly string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    console.log(
      `Persisted enqueue vs bare INSERT on PostgreSQL ${pgSettings.server_version ?? '?'} (fsync=${pgSettings.fsync ?? '?'}, synchronous_commit=${pgSettings.synchronous_commit ?? '?'}), ` +
        `${ITERATIONS} interleaved iterations after ${WARMUP} warm-up, then ${WRITERS} writers x ${perWriter} each (node ${process.version})`,
    );
    console.log(fmt(header));
    for (const l of lines) console.log(fmt(l));
    const ratios = {
      sequentialP50: ratio(seqEnqueue.p50ms, seqBare.p50ms),
      sequentialP99: ratio(seqEnqueue.p99ms, seqBare.p99ms),
      concurrentP50: ratio(concEnqueue.p50ms, concBare.p50ms),
      concurrentP99: ratio(concEnqueue.p99ms, concBare.p99ms),
      concurrentThroughput: ratio(concBare.perSec, concEnqueue.perSec),
    };
    console.log(
      `enqueue / bare: p50 x${ratios.sequentialP50}, p99 x${ratios.sequentialP99} sequential; p50 x${ratios.concurrentP50}, p99 x${ratios.concurrentP99} with ${WRITERS} writers ` +
        `(bare does x${ratios.concurrentThroughput} the writes/s)`,
    );
    console.log(
      JSON.stringify({
        bench: 'store.enqueue',
        node: process.version,
        postgres: pgSettings,
        iterations: ITERATIONS,
        warmup: WARMUP,
        writers: WRITERS,
        sequential: { enqueue: seqEnqueue, bare: seqBare },
        concurrent: { enqueue: concEnqueue, bare: concBare },
        ratios,
        rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
      }),
    );
  } finally {
    if (store) await store.close();
    else await pool.end();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

await main();
