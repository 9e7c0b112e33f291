import type pg from 'pg';
import { AppError, type CustomerKind, type Tier } from '@omnicc/shared';
import type { ContactKey } from '../../features/customers/identity.js';
import { isUuid, PG, pgErrorCode } from './pgErrors.js';
import { inTransaction } from './pgTransaction.js';

/**
 * Writes of the customer model: create with contact points, link a contact
 * point, merge. Each runs in one transaction and writes nothing when it
 * fails (NOT_FOUND, CONFLICT, INVALID_STATE, BAD_REQUEST).
 */

/**
 * What a merge moves from the merged record to the survivor, besides contact
 * points: each statement takes ($1 from, $2 survivor). A new table that
 * refers to customers adds its move here.
 */
export const MERGE_MOVES: readonly string[] = [
  'UPDATE customer_subscriptions SET customer_id = $2 WHERE customer_id = $1',
  'UPDATE customer_contracts SET customer_id = $2 WHERE customer_id = $1',
  'UPDATE interactions SET customer_id = $2 WHERE customer_id = $1',
  'UPDATE work_orders SET customer_id = $2 WHERE customer_id = $1',
  // The RFM job recomputes the survivor; the merged record's scores mean nothing alone.
  'DELETE FROM customer_rfm WHERE customer_id = $1 AND customer_id <> $2',
];

const TIER_RANK: Record<Tier, number> = { vipPlatinum: 6, vipGold: 5, vipSilver: 4, loyal: 3, potential: 2, ordinary: 1 };

async function audit(client: pg.PoolClient, customerId: string, action: string, actorId: string | undefined, at: string, data: Record<string, unknown>): Promise<void> {
  await client.query('INSERT INTO customer_audit (customer_id, action, actor_id, at, data) VALUES ($1, $2, $3, $4, $5)', [customerId, action, actorId ?? null, at, JSON.stringify(data)]);
}

/** Adds a contact point to `customerId`; CONFLICT when another customer has it, a no-op when this one does. */
async function addContactPoint(client: pg.PoolClient, customerId: string, key: ContactKey, at: string): Promise<void> {
  const { rows } = await client.query<{ customer_id: string }>(
    `WITH ins AS (INSERT INTO customer_contact_points (customer_id, type, value, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (type, value) DO NOTHING RETURNING customer_id)
     SELECT customer_id FROM ins UNION ALL SELECT customer_id FROM customer_contact_points WHERE type = $2 AND value = $3 LIMIT 1`,
    [customerId, key.type, key.value, at],
  );
  const owner = rows[0]?.customer_id;
  if (owner !== customerId) throw new AppError('CONFLICT', `${key.type} ${key.value} already belongs to another customer`, { type: key.type, value: key.value, customerId: owner });
}

async function setInteraction(client: pg.PoolClient, interactionId: string | undefined, customerId: string): Promise<void> {
  if (interactionId === undefined) return;
  const { rowCount } = await client.query('UPDATE interactions SET customer_id = $2 WHERE id = $1', [interactionId, customerId]);
  if (rowCount === 0) throw new AppError('NOT_FOUND', 'interaction not found');
}

/** A new customer. */
export interface NewCustomer {
  name: string;
  kind: CustomerKind;
  region?: string | undefined;
  tier: Tier;
}

/** Customer writes on the pool. */
export function createCustomerWrites(pool: pg.Pool) {
  return {
    /** A customer with its contact points, linked to the interaction if given; returns its id. */
    async create(input: NewCustomer, keys: ContactKey[], interactionId: string | undefined, actorId: string | undefined, at: string): Promise<string> {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ id: string }>(
          'INSERT INTO customers (name, kind, region, tier, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id',
          [input.name, input.kind, input.region ?? null, input.tier, at],
        );
        const id = rows[0]?.id;
        if (!id) throw new Error('insert returned no row');
        for (const key of keys) await addContactPoint(client, id, key, at);
        await setInteraction(client, interactionId, id);
        await audit(client, id, 'created', actorId, at, { keys, ...(interactionId ? { interactionId } : {}) });
        return id;
      });
    },

    /** Links contact points (and the interaction) to an existing, unmerged customer. */
    async link(customerId: string, keys: ContactKey[], interactionId: string | undefined, actorId: string | undefined, at: string): Promise<void> {
      if (!isUuid(customerId)) throw new AppError('NOT_FOUND', 'customer not found');
      await inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ merged_into: string | null }>('SELECT merged_into FROM customers WHERE id = $1 FOR UPDATE', [customerId]);
        if (!rows[0]) throw new AppError('NOT_FOUND', 'customer not found');
        if (rows[0].merged_into) throw new AppError('INVALID_STATE', `customer was merged into ${rows[0].merged_into}`, { mergedInto: rows[0].merged_into });
        for (const key of keys) await addContactPoint(client, customerId, key, at);
        await setInteraction(client, interactionId, customerId);
        await client.query('UPDATE customers SET updated_at = $2 WHERE id = $1', [customerId, at]);
        await audit(client, customerId, 'linked', actorId, at, { keys, ...(interactionId ? { interactionId } : {}) });
      });
    },

    /**
     * Merges `fromId` into `survivorId` in one transaction: contact points,
     * subscriptions, contracts and interactions move (MERGE_MOVES); the
     * survivor keeps its own fields, takes the other's where it has none,
     * and keeps the higher tier; `fromId` gets `merged_into`. Both records
     * are locked in id order, so two merges of the same pair cannot cross.
     */
    async merge(survivorId: string, fromId: string, actorId: string | undefined, at: string): Promise<{ moved: Record<string, number> }> {
      if (!isUuid(survivorId) || !isUuid(fromId)) throw new AppError('NOT_FOUND', 'customer not found');
      if (survivorId === fromId) throw new AppError('BAD_REQUEST', 'a customer cannot be merged into itself');
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ id: string; tier: Tier; merged_into: string | null }>(
          'SELECT id, tier, merged_into FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
          [[survivorId, fromId]],
        );
        const survivor = rows.find((r) => r.id === survivorId);
        const from = rows.find((r) => r.id === fromId);
        if (!survivor || !from) throw new AppError('NOT_FOUND', `customer ${survivor ? fromId : survivorId} not found`);
        for (const r of [survivor, from]) if (r.merged_into) throw new AppError('INVALID_STATE', `customer ${r.id} was already merged into ${r.merged_into}`);
        // Values are unique per type across customers, so moving a contact point never collides: nothing to de-duplicate.
        const moved: Record<string, number> = {};
        moved.contactPoints = (await client.query('UPDATE customer_contact_points SET customer_id = $2 WHERE customer_id = $1', [fromId, survivorId])).rowCount ?? 0;
        for (const statement of MERGE_MOVES) {
          const table = /(?:UPDATE|FROM) (\w+)/.exec(statement)?.[1] ?? statement;
          moved[table] = (await client.query(statement, [fromId, survivorId])).rowCount ?? 0;
        }
        const tier = TIER_RANK[from.tier] > TIER_RANK[survivor.tier] ? from.tier : survivor.tier;
        await client.query(
          `UPDATE customers s SET tier = $3, updated_at = $4,
                  region = COALESCE(s.region, f.region),
                  vip_manager_user_id = COALESCE(s.vip_manager_user_id, f.vip_manager_user_id),
                  vip_manager_name = COALESCE(s.vip_manager_name, f.vip_manager_name),
                  vip_manager_phone = COALESCE(s.vip_manager_phone, f.vip_manager_phone),
                  churn_score = COALESCE(s.churn_score, f.churn_score), churn_level = COALESCE(s.churn_level, f.churn_level)
             FROM customers f WHERE s.id = $1 AND f.id = $2`,
          [survivorId, fromId, tier, at],
        );
        await client.query('UPDATE customers SET merged_into = $2, updated_at = $3 WHERE id = $1', [fromId, survivorId, at]);
        // Records merged into `from` before now point at the survivor: reads follow one hop.
        await client.query('UPDATE customers SET merged_into = $2 WHERE merged_into = $1', [fromId, survivorId]);
        await audit(client, survivorId, 'mergedFrom', actorId, at, { from: fromId, moved });
        await audit(client, fromId, 'mergedInto', actorId, at, { into: survivorId });
        return { moved };
      });
    },

    /** Sets an interaction's customer if it has none yet (identity resolution's hook); false when it already had one or does not exist. */
    async setInteractionCustomer(interactionId: string, customerId: string): Promise<boolean> {
      try {
        const { rowCount } = await pool.query('UPDATE interactions SET customer_id = $2 WHERE id = $1 AND customer_id IS NULL', [interactionId, customerId]);
        return (rowCount ?? 0) > 0;
      } catch (err) {
        if (pgErrorCode(err) === PG.invalidTextRepresentation) return false;
        throw err;
      }
    },
  };
}

export type CustomerWrites = ReturnType<typeof createCustomerWrites>;
