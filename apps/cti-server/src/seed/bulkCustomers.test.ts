import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, stopEmbeddedTestCluster, TEST_DB_KINDS, type TestDatabase } from '../adapters/db/testing.js';
import { resolveCustomer } from '../features/customers/identity.js';
import { seedBulkCustomers } from './bulkCustomers.js';
import { seededId } from './customerRows.js';

afterAll(stopEmbeddedTestCluster);

describe('seedBulkCustomers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(TEST_DB_KINDS[0] ?? 'machine');
  });
  afterAll(() => db.cleanup());

  it('seeds the BSS base in batches, idempotently, so its numbers resolve', async () => {
    const counts = async () =>
      (await db.pool.query<{ c: number; s: number; p: number }>('SELECT (SELECT count(*)::int FROM customers) c, (SELECT count(*)::int FROM customer_subscriptions) s, (SELECT count(*)::int FROM customer_contact_points) p')).rows[0];
    const progress: number[] = [];
    const first = await seedBulkCustomers(db.pool, { count: 250, batch: 100, asOf: '2026-06-15', onProgress: (done) => progress.push(done) });
    expect(first.customers).toBe(250);
    expect(progress).toEqual([0, 100, 200]);
    const after = await counts();
    expect(after).toMatchObject({ c: 250, s: 250 });
    expect(after?.p).toBeGreaterThan(250); // emails too
    await seedBulkCustomers(db.pool, { count: 250, batch: 64, asOf: '2026-06-15' });
    expect(await counts()).toEqual(after);
    expect(await resolveCustomer(db.pool, { phone: '0086 138 0013 8000' })).toBe(seededId('+8613800138000'));
    const tiers = (await db.pool.query<{ tier: string }>('SELECT DISTINCT tier FROM customers')).rows.map((r) => r.tier);
    expect(tiers).toEqual(expect.arrayContaining(['vipGold', 'ordinary']));
  });
});
