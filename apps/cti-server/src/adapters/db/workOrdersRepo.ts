import type pg from 'pg';
import { AppError, type WorkOrderPriority, type WorkOrderState, type WorkOrderType } from '@omnicc/shared';
import { inTransaction } from './pgTransaction.js';

/** A work order as stored, with the names of the people on it. */
export interface WorkOrderRow {
  id: string;
  number: string;
  type: WorkOrderType;
  state: WorkOrderState;
  priority: WorkOrderPriority;
  fields: Record<string, string | number | boolean>;
  customerId: string | null;
  groupId: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  acceptDueAt: Date;
  resolveDueAt: Date;
  warnedAt: Date | null;
  escalatedAt: Date | null;
  createdBy: string | null;
  createdByName: string | null;
  originKind: 'manual' | 'flow';
  originRunId: string | null;
  originNodeId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkOrderHistoryRow {
  id: number;
  kind: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  fromState: WorkOrderState | null;
  toState: WorkOrderState | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

/** One history entry to write with a change. */
export interface NewHistory {
  kind: string;
  actorId: string | null;
  from?: WorkOrderState;
  to?: WorkOrderState;
  note?: string;
  data?: Record<string, unknown>;
}

export interface NewWorkOrder {
  day: string;
  type: WorkOrderType;
  priority: WorkOrderPriority;
  fields: Record<string, string | number | boolean>;
  customerId: string | null;
  groupId: string | null;
  assigneeId: string | null;
  acceptDueAt: Date;
  resolveDueAt: Date;
  createdBy: string | null;
  origin: { kind: 'manual' } | { kind: 'flow'; runId: string; nodeId: string };
  idempotencyKey: string | null;
  interactionIds: readonly string[];
  note?: string;
  at: Date;
}

export const WORK_ORDER_SELECT = `SELECT w.id, w.number, w.type, w.state, w.priority, w.fields, w.customer_id AS "customerId", w.group_id AS "groupId",
  w.assignee_id AS "assigneeId", a.display_name AS "assigneeName", w.accept_due_at AS "acceptDueAt", w.resolve_due_at AS "resolveDueAt",
  w.warned_at AS "warnedAt", w.escalated_at AS "escalatedAt", w.created_by AS "createdBy", c.display_name AS "createdByName",
  w.origin_kind AS "originKind", w.origin_run_id AS "originRunId", w.origin_node_id AS "originNodeId", w.version,
  w.created_at AS "createdAt", w.updated_at AS "updatedAt"
  FROM work_orders w LEFT JOIN users a ON a.id = w.assignee_id LEFT JOIN users c ON c.id = w.created_by`;

/** Writes one history entry (in the caller's transaction). */
export async function insertHistory(q: pg.PoolClient | pg.Pool, workOrderId: string, h: NewHistory, at: Date): Promise<void> {
  await q.query('INSERT INTO work_order_history (work_order_id, kind, at, actor_id, from_state, to_state, note, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    workOrderId,
    h.kind,
    at,
    h.actorId,
    h.from ?? null,
    h.to ?? null,
    h.note ?? null,
    h.data === undefined ? null : JSON.stringify(h.data),
  ]);
}

/**
 * Work orders in PostgreSQL. Every change is one transaction with its
 * history row; a change names the version it read and is CONFLICT when the
 * row moved on (checked under FOR UPDATE, so two writers never both win).
 */
export class WorkOrdersRepo {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Creates an order with its number, links and first history entry. With an
   * idempotency key already used, returns that order and creates nothing.
   */
  async create(o: NewWorkOrder): Promise<{ row: WorkOrderRow; created: boolean }> {
    if (o.idempotencyKey !== null) {
      const existing = await this.byIdempotencyKey(o.idempotencyKey);
      if (existing) return { row: existing, created: false };
    }
    try {
      const id = await inTransaction(this.pool, async (client) => {
        const counter = await client.query<{ last: number }>(
          'INSERT INTO work_order_counters (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = work_order_counters.last + 1 RETURNING last',
          [o.day],
        );
        const seq = counter.rows[0]?.last ?? 1;
        const number = `WO-${o.day}-${String(seq).padStart(4, '0')}`;
        const origin = o.origin.kind === 'flow' ? [o.origin.runId, o.origin.nodeId] : [null, null];
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO work_orders (number, type, state, priority, fields, customer_id, group_id, assignee_id, accept_due_at, resolve_due_at, created_by,
             origin_kind, origin_run_id, origin_node_id, idempotency_key, version, created_at, updated_at)
           VALUES ($1, $2, 'requested', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15, $15) RETURNING id`,
          [number, o.type, o.priority, JSON.stringify(o.fields), o.customerId, o.groupId, o.assigneeId, o.acceptDueAt, o.resolveDueAt, o.createdBy, o.origin.kind, ...origin, o.idempotencyKey, o.at],
        );
        const woId = inserted.rows[0]?.id;
        if (!woId) throw new Error('insert returned no row');
        for (const interactionId of o.interactionIds) {
          await client.query('INSERT INTO work_order_interactions (work_order_id, interaction_id, linked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [woId, interactionId, o.at]);
        }
        const data = o.origin.kind === 'flow' ? { runId: o.origin.runId, nodeId: o.origin.nodeId } : undefined;
        await insertHistory(client, woId, { kind: 'created', actorId: o.createdBy, to: 'requested', ...(o.note ? { note: o.note } : {}), ...(data ? { data } : {}) }, o.at);
        return woId;
      });
      const row = await this.get(id);
      if (!row) throw new Error('created order not found');
      return { row, created: true };
    } catch (err) {
      // Two performers of one flow effect at once: the loser reads the winner's order.
      if (o.idempotencyKey !== null && (err as { code?: string }).code === '23505') {
        const existing = await this.byIdempotencyKey(o.idempotencyKey);
        if (existing) return { row: existing, created: false };
      }
      throw err;
    }
  }

  async get(id: string): Promise<WorkOrderRow | undefined> {
    return (await this.pool.query<WorkOrderRow>(`${WORK_ORDER_SELECT} WHERE w.id = $1`, [id])).rows[0];
  }

  async byNumber(number: string): Promise<WorkOrderRow | undefined> {
    return (await this.pool.query<WorkOrderRow>(`${WORK_ORDER_SELECT} WHERE w.number = $1`, [number])).rows[0];
  }

  private async byIdempotencyKey(key: string): Promise<WorkOrderRow | undefined> {
    return (await this.pool.query<WorkOrderRow>(`${WORK_ORDER_SELECT} WHERE w.idempotency_key = $1`, [key])).rows[0];
  }

  async history(id: string): Promise<WorkOrderHistoryRow[]> {
    return (
      await this.pool.query<WorkOrderHistoryRow>(
        `SELECT h.id::int AS id, h.kind, h.at, h.actor_id AS "actorId", u.display_name AS "actorName", h.from_state AS "fromState", h.to_state AS "toState", h.note, h.data
         FROM work_order_history h LEFT JOIN users u ON u.id = h.actor_id WHERE h.work_order_id = $1 ORDER BY h.id`,
        [id],
      )
    ).rows;
  }

  async interactionIds(id: string): Promise<string[]> {
    return (await this.pool.query<{ id: string }>('SELECT interaction_id AS id FROM work_order_interactions WHERE work_order_id = $1 ORDER BY linked_at, interaction_id', [id])).rows.map((r) => r.id);
  }

  /** The customer identity resolution gave an interaction (interactions.customer_id), if any. */
  async customerOfInteraction(interactionId: string): Promise<string | null> {
    return (await this.pool.query<{ c: string | null }>('SELECT customer_id AS c FROM interactions WHERE id = $1', [interactionId])).rows[0]?.c ?? null;
  }

  /**
   * Changes an order read at `version`: `change` gets the locked row and
   * returns the columns to set and the history entry (or throws its own
   * refusal, which wins over a stale version); the version is bumped.
   * NOT_FOUND for an unknown id, CONFLICT for a stale version; a refusal
   * leaves the row as it was.
   */
  async update(id: string, version: number, at: Date, change: (row: WorkOrderRow) => { set: Record<string, unknown>; history: NewHistory }): Promise<WorkOrderRow> {
    await inTransaction(this.pool, async (client) => {
      const row = (await client.query<WorkOrderRow>(`${WORK_ORDER_SELECT} WHERE w.id = $1 FOR UPDATE OF w`, [id])).rows[0];
      if (!row) throw new AppError('NOT_FOUND', 'no such work order');
      // The change's own refusal first: a move the order cannot make from where it is now is refused as such even from a stale page (it says where the order is).
      const { set, history } = change(row);
      if (row.version !== version) throw new AppError('CONFLICT', `the work order changed since you read it (version ${row.version}, you sent ${version})`, { version: row.version });
      const cols = Object.keys(set);
      const assignments = cols.map((c, i) => `${c} = $${i + 3}`).join(', ');
      await client.query(`UPDATE work_orders SET ${assignments}${cols.length ? ', ' : ''}version = version + 1, updated_at = $2 WHERE id = $1`, [id, at, ...cols.map((c) => set[c])]);
      await insertHistory(client, id, history, at);
    });
    const row = await this.get(id);
    if (!row) throw new AppError('NOT_FOUND', 'no such work order');
    return row;
  }

  /** Adds a history entry without changing the order (a note, a feedback sent); its version is bumped so open pages reload. */
  async record(id: string, h: NewHistory, at: Date, work?: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const r = await client.query('UPDATE work_orders SET version = version + 1, updated_at = $2 WHERE id = $1', [id, at]);
      if (r.rowCount === 0) throw new AppError('NOT_FOUND', 'no such work order');
      if (work) await work(client);
      await insertHistory(client, id, h, at);
    });
  }

  /** Links an interaction; false when it was linked already (nothing written). */
  async link(id: string, interactionId: string, actorId: string, at: Date): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const r = await client.query('INSERT INTO work_order_interactions (work_order_id, interaction_id, linked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, interactionId, at]);
      if (r.rowCount === 0) return false;
      await client.query('UPDATE work_orders SET version = version + 1, updated_at = $2 WHERE id = $1', [id, at]);
      await insertHistory(client, id, { kind: 'linked', actorId, data: { interactionId } }, at);
      return true;
    });
  }

  /** Users whose team is one of `groupIds` (who an escalation is pushed to). */
  async membersOf(groupIds: readonly string[]): Promise<{ userId: string; groupId: string }[]> {
    if (groupIds.length === 0) return [];
    return (await this.pool.query<{ userId: string; groupId: string }>('SELECT user_id AS "userId", team_id AS "groupId" FROM agent_profiles WHERE team_id = ANY($1)', [groupIds])).rows;
  }

  /** The pool, for the list query and the sweep (workOrderQueries.ts). */
  get db(): pg.Pool {
    return this.pool;
  }
}
