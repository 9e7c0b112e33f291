import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, stopEmbeddedTestCluster, TEST_DB_KINDS, type TestDatabase } from '../../adapters/db/testing.js';
import { CustomerSettings } from './customerSettings.js';
import { RfmJob } from './rfmJob.js';
import { bssGeneratorSource, type RfmSource } from './rfmSource.js';

afterAll(stopEmbeddedTestCluster);

const NOW = Date.parse('2026-06-15T04:00:00.000Z');
const days = (n: number) => new Date(NOW - n * 86_400_000).toISOString();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Hand-made billing: A pays a lot and often, B a little and long ago, C (enterprise) has no line. */
const SOURCE: RfmSource = {
  billing: (msisdns) =>
    new Map(
      [
        ['+8613900000001', { spendFen: 400_000, payments: 12, lastPaymentAt: days(3) }],
        ['+8613900000011', { spendFen: 200_000, payments: 12, lastPaymentAt: days(40) }],
        ['+8613900000002', { spendFen: 20_000, payments: 1, lastPaymentAt: days(200) }],
      ].filter(([m]) => msisdns.includes(m as string)) as [string, { spendFen: number; payments: number; lastPaymentAt: string }][],
    ),
};

describe.each(TEST_DB_KINDS)('RFM job (%s)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterEach(() => db.pool.query('TRUNCATE customers, customer_rfm, customer_subscriptions, interactions, queues CASCADE'));
  afterAll(() => db.cleanup());

  const job = (batchSize: number) =>
    new RfmJob({ pool: db.pool, source: () => SOURCE, settings: new CustomerSettings(db.pool), clock: { now: () => NOW }, log: pino({ level: 'silent' }), batchSize });

  it('scores every unmerged customer in batches from billing and interactions, idempotently', async () => {
    const at = days(400);
    await db.pool.query(
      `INSERT INTO customers (id, name, kind, tier, created_at, updated_at, merged_into) VALUES
         ($1, 'A', 'individual', 'vipGold', $5, $5, NULL), ($2, 'B', 'individual', 'ordinary', $5, $5, NULL),
         ($3, 'C', 'enterprise', 'vipGold', $5, $5, NULL), ($4, 'D', 'individual', 'ordinary', $5, $5, $1)`,
      [id(1), id(2), id(3), id(4), at],
    );
    await db.pool.query(
      `INSERT INTO customer_subscriptions (customer_id, account_id, msisdn, plan_code, plan_name_zh, plan_name_en, status, created_at) VALUES
         ($1, 'GD1', '+8613900000001', 'qqt-288', 'x', 'x', 'active', $3), ($1, 'GD11', '+8613900000011', 'qqt-288', 'x', 'x', 'active', $3),
         ($2, 'GD2', '+8613900000002', 'szx-8', 'x', 'x', 'active', $3)`,
      [id(1), id(2), at],
    );
    await db.pool.query("INSERT INTO queues VALUES ('q', 'voice', 'Q', '队列')");
    // C called twice in the year (20 and 2 days ago), once before it; interactions count toward frequency and recency.
    for (const [n, ago] of [[1, 20], [2, 2], [3, 500]] as const) {
      await db.pool.query(`INSERT INTO interactions (id, channel, state, queue_id, customer_name, created_at, customer_id) VALUES ($1, 'voice', 'closed', 'q', 'C', $2, $3)`, [id(100 + n), days(ago), id(3)]);
    }

    const first = await job(2).run();
    expect(first).toMatchObject({ customers: 3, batches: 2 });
    const read = async () =>
      (await db.pool.query<Record<string, unknown>>('SELECT customer_id, recency_days, frequency, monetary_fen::int AS m, r_score, f_score, m_score, segment FROM customer_rfm ORDER BY customer_id')).rows;
    // A: last payment 3 days ago, 24 payments, 6,000 CNY -> 5/5/5 champion. B: 200 days, 1, 200 CNY -> 1/1/1 hibernating. C: 2 days, 2 interactions, nothing spent -> 5/2/1 promising.
    const expected = [
      { customer_id: id(1), recency_days: 3, frequency: 24, m: 600_000, r_score: 5, f_score: 5, m_score: 5, segment: 'champion' },
      { customer_id: id(2), recency_days: 200, frequency: 1, m: 20_000, r_score: 1, f_score: 1, m_score: 1, segment: 'hibernating' },
      { customer_id: id(3), recency_days: 2, frequency: 2, m: 0, r_score: 5, f_score: 2, m_score: 1, segment: 'promising' },
    ];
    expect(await read()).toEqual(expected);
    expect(await job(1000).run()).toMatchObject({ customers: 3, batches: 1 });
    expect(await read()).toEqual(expected);

    // Changed thresholds apply at the next run.
    const settings = new CustomerSettings(db.pool);
    const current = await settings.get();
    await settings.put({ ...current, rfm: { ...current.rfm, monetaryFen: [10_000, 20_000, 30_000, 40_000] } }, undefined, new Date(NOW).toISOString());
    await job(10).run();
    expect((await read())[1]).toMatchObject({ m_score: 3 });
  });

  it('reads the same numbers the BSS simulator serves', () => {
    const source = bssGeneratorSource({ asOf: '2026-06-15' });
    const billing = source.billing(['+8613800138001', '+8613800138005', '+86 not a number']);
    expect([...billing.keys()]).toEqual(['+8613800138001', '+8613800138005']);
    expect(billing.get('+8613800138001')?.spendFen).toBeGreaterThan(billing.get('+8613800138005')?.spendFen ?? 0);
  });
});
