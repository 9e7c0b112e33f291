import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { TokenService } from '../src/features/auth/tokens.js';
import { hashPassword } from '../src/features/auth/passwords.js';
import { createPgStore } from '../src/adapters/db/pgStore.js';
import { openTestDatabase, TEST_DB_KINDS, type TestDatabase } from '../src/adapters/db/testing.js';
import { seedReferenceData } from '../src/seed/demoData.js';
import { freePort, ServerProcess } from './support/serverProcess.js';
import { SimAgent } from './support/simAgent.js';

const TOTAL = 1000;
const KILLS_AT = [250, 500, 750];
const SECRET = 'crash-test-secret-'.padEnd(40, 'x');

/**
 * Durable before acknowledged: a client feeds 1,000 chats to a real server
 * process while three agents work them; the server is killed with SIGKILL
 * three times at random moments and restarted on the same database. Every
 * acknowledged chat must survive, end up worked to the end, never be offered
 * twice at once, and be offered first in the order it arrived.
 */
describe('crash recovery under SIGKILL', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  const agents: SimAgent[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(TEST_DB_KINDS[0] ?? 'machine');
    const store = createPgStore(db.pool);
    await seedReferenceData(store);
    const passwordHash = await hashPassword('irrelevant');
    const tokens = new TokenService(SECRET, 3600, { now: () => Date.now() });
    server = new ServerProcess({
      DATABASE_URL: db.url,
      PORT: String(await freePort()),
      OMNICC_TOKEN_SECRET: SECRET,
      OMNICC_CHAT_STARTS_PER_MINUTE: '100000',
      // The killed process's lease must expire before the restarted one routes: keep that short here.
      OMNICC_LEASE_TTL_MS: '1500',
    });
    await server.start();
    for (const name of ['a1', 'a2', 'a3']) {
      const user = await store.users.upsert({ username: name, displayName: name, role: 'agent', passwordHash });
      agents.push(new SimAgent(server.url, (await tokens.issue(user)).token));
    }
  }, 120_000);

  afterAll(async () => {
    for (const a of agents) a.close();
    await server?.stop();
    await db?.cleanup();
  });

  it('loses nothing, offers nothing twice at once, and keeps queue order across three SIGKILLs', async () => {
    const acked: string[] = [];
    let crashes = 0;
    const crashing = (async () => {
      for (const at of KILLS_AT) {
        while (acked.length < at) await sleep(5);
        await sleep(Math.random() * 40);
        await server.kill();
        crashes++;
        await sleep(50 + Math.random() * 200);
        await server.start();
      }
    })();

    // The customer side retries until the server acknowledges, as a widget would.
    for (let n = 0; n < TOTAL; n++) {
      for (;;) {
        const res = await fetch(`${server.url}/api/chat/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ contact: { name: `Customer ${n}`, phone: '+8613800138000' } }),
        }).catch(() => undefined);
        if (res?.status === 201) {
          acked.push(((await res.json()) as { interactionId: string }).interactionId);
          break;
        }
        await sleep(20);
      }
    }
    await crashing;
    expect(crashes).toBe(3);

    // Every acknowledged chat exists and is worked to the end: nothing lost, nothing stuck.
    await expect
      .poll(async () => (await states(db.pool)).filter((s) => s.state !== 'closed').length, { timeout: 90_000, interval: 500 })
      .toBe(0);
    const rows = await states(db.pool);
    const known = new Set(rows.map((r) => r.id));
    expect(acked.filter((id) => !known.has(id))).toEqual([]);
    // A chat committed just before a kill may exist without its ack; nothing else may.
    expect(rows.length - acked.length).toBeLessThanOrEqual(KILLS_AT.length);

    // Never two offers for one interaction at once: each re-offer follows a return to the queue.
    const events = await db.pool.query<{ interaction_id: string; type: string }>(
      "SELECT interaction_id, type FROM interaction_events WHERE type IN ('offered', 'requeued', 'assigned') ORDER BY id",
    );
    const ringing = new Map<string, boolean>();
    const doubles: string[] = [];
    for (const e of events.rows) {
      if (e.type === 'offered') {
        if (ringing.get(e.interaction_id)) doubles.push(e.interaction_id);
        ringing.set(e.interaction_id, true);
      } else ringing.set(e.interaction_id, false);
    }
    expect(doubles).toEqual([]);
    expect(agents.flatMap((a) => a.violations)).toEqual([]);

    // Queue order: first offers come in arrival order.
    const firstOffers = await db.pool.query<{ created_at: Date }>(
      `SELECT i.created_at FROM interactions i
         JOIN (SELECT interaction_id, min(id) AS first FROM interaction_events WHERE type = 'offered' GROUP BY interaction_id) f
           ON f.interaction_id = i.id
       ORDER BY f.first`,
    );
    const created = firstOffers.rows.map((r) => r.created_at.getTime());
    const outOfOrder = created.filter((t, i) => i > 0 && t < created[i - 1]!);
    expect(outOfOrder).toEqual([]);
    expect(created.length).toBe(rows.length);
  }, 240_000);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function states(pool: pg.Pool): Promise<{ id: string; state: string }[]> {
  return (await pool.query<{ id: string; state: string }>('SELECT id, state FROM interactions')).rows;
}
