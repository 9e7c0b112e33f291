import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { OfferExplain } from '../../domain/acd/explain.js';
import type { NewOffer, Store } from '../../store/Store.js';
import { migrate } from './migrate.js';
import { createPgStore } from './pgStore.js';
import { startTestCluster, stopTestCluster, type TestCluster } from './testCluster.js';

/** Where a test database lives: the machine's PostgreSQL, or an embedded one started by the test process. */
export type TestDbKind = 'machine' | 'embedded';

const ALL_KINDS: readonly TestDbKind[] = ['machine', 'embedded'];

function parseKinds(value: string | undefined): readonly TestDbKind[] {
  if (!value?.trim()) return ALL_KINDS;
  const kinds = value.split(',').map((k) => k.trim()).filter(Boolean);
  for (const k of kinds) {
    if (!(ALL_KINDS as readonly string[]).includes(k)) throw new Error(`OMNICC_TEST_DB_KINDS: unknown kind "${k}" (use machine, embedded)`);
  }
  return kinds as TestDbKind[];
}

/**
 * Kinds the suites run against, for `describe.each(TEST_DB_KINDS)`. Both by
 * default; `OMNICC_TEST_DB_KINDS=machine` (or `embedded`, comma separated)
 * restricts them.
 */
export const TEST_DB_KINDS: readonly TestDbKind[] = parseKinds(process.env.OMNICC_TEST_DB_KINDS);

/** Admin connection to the machine PostgreSQL (trust auth); override with OMNICC_TEST_MACHINE_URL. */
export const MACHINE_ADMIN_URL = process.env.OMNICC_TEST_MACHINE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// One embedded cluster per test process, started on first use and shared by every call.
let embedded: Promise<TestCluster> | undefined;

/** How to reach a server of `kind`: an admin connection, and the URL of one of its databases. */
interface TestServer {
  admin: pg.ClientConfig;
  urlFor(database: string): string;
}

async function testServer(kind: TestDbKind): Promise<TestServer> {
  if (kind === 'machine') return { admin: { connectionString: MACHINE_ADMIN_URL }, urlFor: (db) => withDatabase(MACHINE_ADMIN_URL, db) };
  embedded ??= startTestCluster();
  // A failed start must not be cached: the next call retries.
  const { cluster } = await embedded.catch((err: unknown) => {
    embedded = undefined;
    throw err;
  });
  return { admin: cluster.clientConfig('postgres'), urlFor: (db) => cluster.url(db) };
}

async function admin<T>(config: pg.ClientConfig, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  pool: pg.Pool;
  url: string;
  /** Ends the pool and drops the database. */
  cleanup(): Promise<void>;
}

export interface TestStore extends TestDatabase {
  store: Store;
}

/** A fresh, uniquely named, empty database (migrated unless `migrated: false`). */
export async function openTestDatabase(kind: TestDbKind, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const server = await testServer(kind);
  // Random names: test files run in parallel processes against the same machine server.
  const name = `omnicc_test_${randomBytes(6).toString('hex')}`;
  await admin(server.admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = server.urlFor(name);
  const pool = new pg.Pool({ connectionString: url, max: 10 }); // as openDatabase: app tests see the same concurrency
  pool.on('error', () => undefined); // idle clients are dropped by DROP DATABASE ... WITH (FORCE)
  let dropped: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (dropped ??= (async () => {
      if (!pool.ended) await pool.end();
      await admin(server.admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    })());
  try {
    if (options.migrated !== false) await migrate(pool);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { pool, url, cleanup };
}

/** A Store on a fresh migrated database of `kind`; cleanup() closes it and drops the database. */
export async function openTestStore(kind: TestDbKind): Promise<TestStore> {
  const db = await openTestDatabase(kind);
  const store = createPgStore(db.pool);
  return {
    ...db,
    store,
    cleanup: async () => {
      await store.close();
      await db.cleanup();
    },
  };
}

/**
 * Empties every table of a test database (identities restarted), for suites
 * that open one database in beforeAll and want a clean one per test: much
 * cheaper than a CREATE DATABASE per test (about 20 ms against 300 ms).
 */
export async function truncateAll(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ t: string }>("SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public'");
  if (rows.length > 0) await pool.query(`TRUNCATE ${rows.map((r) => r.t).join(', ')} RESTART IDENTITY CASCADE`);
}

/** Empties the database, then adds queue `chat-general` and agent `alice`, the setting most store tests start from; returns alice's id. */
export async function resetWithChatQueueAndAgent(t: TestStore): Promise<string> {
  await truncateAll(t.pool);
  await t.store.queues.upsert({ id: 'chat-general', channel: 'chat', nameEn: 'General', nameZh: '综合' });
  return (await t.store.users.upsert({ username: 'alice', displayName: 'Alice', role: 'agent', passwordHash: 'h' })).id;
}

/** Stops this process's embedded test cluster, if any (for afterAll; process exit does it otherwise). */
export async function stopEmbeddedTestCluster(): Promise<void> {
  const pending = embedded;
  embedded = undefined;
  const test = await pending?.catch(() => undefined);
  if (test) await stopTestCluster(test);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}


/** Rows in a table of a test database. */
export async function countRows(pool: pg.Pool, table: string): Promise<number> {
  return Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
}

/** The simplest explanation of an offer from chat-general: the only candidate. */
export const onlyCandidate = (agentId: string): OfferExplain => ({
  queueId: 'chat-general',
  mode: 'bestAgent',
  selection: 'longestIdle',
  priority: { queue: 50, tierBonus: 0, waitedSeconds: 3, effective: 53 },
  candidates: [{ agentId, skillScore: 0, idleMs: 1000, loadPercent: 0 }],
  chosenAgentId: agentId,
  reason: 'onlyCandidate',
  skippedInCooldown: 0,
});

/** A new offer of the interaction to the agent from chat-general, with a fresh id; `over` replaces any field. */
export const offerFor = (agentId: string, interactionId: string, times: { offeredAt: string; expiresAt: string }, over: Partial<NewOffer> = {}): NewOffer => ({
  offerId: crypto.randomUUID(),
  interactionId,
  agentId,
  queueId: 'chat-general',
  ...times,
  explain: onlyCandidate(agentId),
  ...over,
});
