import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@omnicc/shared';
import { createCustomerReads } from './customerReads.js';
import { createCustomerWrites } from './customerWrites.js';
import { openTestDatabase, stopEmbeddedTestCluster, TEST_DB_KINDS, truncateAll, type TestDatabase } from './testing.js';

afterAll(stopEmbeddedTestCluster);

const AT = '2026-06-15T04:00:00.000Z';

describe.each(TEST_DB_KINDS)('customer writes (%s)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  beforeEach(async () => {
    await db.pool.query('DROP TRIGGER IF EXISTS refuse_move ON interactions');
    await truncateAll(db.pool);
  });
  afterAll(() => db.cleanup());

  const writes = () => createCustomerWrites(db.pool);
  const state = async () =>
    (
      await db.pool.query(
        `SELECT (SELECT json_agg(json_build_object('id', id, 'tier', tier, 'merged', merged_into) ORDER BY name) FROM customers) AS customers,
                (SELECT json_agg(json_build_object('c', customer_id, 'v', value) ORDER BY value) FROM customer_contact_points) AS points,
                (SELECT json_agg(customer_id ORDER BY id) FROM interactions) AS interactions,
                (SELECT json_agg(customer_id ORDER BY id) FROM work_orders) AS work_orders,
                (SELECT count(*)::int FROM customer_audit WHERE action LIKE 'merged%') AS audits`,
      )
    ).rows[0] as unknown;

  const twoCustomers = async () => {
    const a = await writes().create({ name: 'A', kind: 'individual', tier: 'loyal' }, [{ type: 'phone', value: '+8613900000001' }], undefined, undefined, AT);
    const b = await writes().create({ name: 'B', kind: 'individual', tier: 'vipSilver', region: 'foshan' }, [{ type: 'email', value: 'b@example.cn' }], undefined, undefined, AT);
    await db.pool.query("INSERT INTO queues VALUES ('q', 'chat', 'Q', '队列')");
    await db.pool.query("INSERT INTO interactions (channel, state, queue_id, customer_name, created_at, customer_id) VALUES ('chat', 'closed', 'q', 'B', $1, $2)", [AT, b]);
    await db.pool.query(
      `INSERT INTO work_orders (number, type, state, priority, fields, customer_id, accept_due_at, resolve_due_at, origin_kind, created_at, updated_at)
       VALUES ('WO-20260615-0001', 'faultReport', 'requested', 'normal', '{}', $2, $1, $1, 'manual', $1, $1)`,
      [AT, b],
    );
    return { a, b };
  };

  it('merges in one transaction: a failure part-way writes nothing', async () => {
    const { a, b } = await twoCustomers();
    const before = await state();
    // Make the interactions move fail, after the contact points already moved inside the transaction.
    await db.pool.query(`CREATE OR REPLACE FUNCTION refuse_move() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
    await db.pool.query('CREATE TRIGGER refuse_move BEFORE UPDATE OF customer_id ON interactions FOR EACH ROW EXECUTE FUNCTION refuse_move()');
    await expect(writes().merge(a, b, undefined, AT)).rejects.toThrow('refused');
    expect(await state()).toEqual(before);

    await db.pool.query('DROP TRIGGER refuse_move ON interactions');
    const { moved } = await writes().merge(a, b, undefined, AT);
    expect(moved).toMatchObject({ contactPoints: 1, interactions: 1, work_orders: 1 });
    expect((await db.pool.query('SELECT customer_id FROM work_orders')).rows).toEqual([{ customer_id: a }]);
    const survivor = await createCustomerReads(db.pool).get(a);
    // The survivor keeps its own fields, takes the region it lacked and the higher tier.
    expect(survivor).toMatchObject({ tier: 'vipSilver', region: 'foshan', mergedInto: null });
    expect(survivor?.contactPoints.map((p) => p.value)).toEqual(['b@example.cn', '+8613900000001']);
  });

  it('refuses a merge of a merged record, a link to one, and a contact point another customer has', async () => {
    const { a, b } = await twoCustomers();
    await writes().merge(a, b, undefined, AT);
    const c = await writes().create({ name: 'C', kind: 'individual', tier: 'ordinary' }, [], undefined, undefined, AT);
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
    expect(await code(writes().merge(c, b, undefined, AT))).toBe('INVALID_STATE');
    expect(await code(writes().link(b, [{ type: 'phone', value: '+8613900000009' }], undefined, undefined, AT))).toBe('INVALID_STATE');
    expect(await code(writes().link(c, [{ type: 'phone', value: '+8613900000001' }], undefined, undefined, AT))).toBe('CONFLICT');
    // Linking what the customer already has is a no-op.
    expect(await code(writes().link(a, [{ type: 'phone', value: '+8613900000001' }], undefined, undefined, AT))).toBe('ok');
    expect(await code(writes().create({ name: 'D', kind: 'individual', tier: 'ordinary' }, [{ type: 'email', value: 'b@example.cn' }], undefined, undefined, AT))).toBe('CONFLICT');
    expect((await db.pool.query("SELECT count(*)::int AS n FROM customers WHERE name = 'D'")).rows[0]).toEqual({ n: 0 });
  });
});
