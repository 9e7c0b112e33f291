import type pg from 'pg';
import type { WorkOrderListQuery } from '@omnicc/shared';
import type { WorkOrderRow } from './workOrdersRepo.js';

/** Whose orders a caller sees: all, or those of a group (team) plus the ones assigned to or created by them. */
export type WorkOrderScope = { all: true } | { all: false; userId: string; groupId: string | null };

const OPEN = `('requested', 'accepted', 'processing')`;
/** The due time of the phase an open order is in: accept until 受理, then resolve. */
const PHASE_DUE = `(CASE WHEN w.state = 'requested' THEN w.accept_due_at ELSE w.resolve_due_at END)`;

const SORTS: Record<WorkOrderListQuery['sort'], string> = {
  createdAt: 'w.created_at ASC, w.id',
  '-createdAt': 'w.created_at DESC, w.id',
  resolveDueAt: 'w.resolve_due_at ASC, w.id',
  '-resolveDueAt': 'w.resolve_due_at DESC, w.id',
  priority: "array_position(ARRAY['low','normal','high','urgent'], w.priority) ASC, w.created_at, w.id",
  '-priority': "array_position(ARRAY['low','normal','high','urgent'], w.priority) DESC, w.created_at, w.id",
  number: 'w.number ASC',
  '-number': 'w.number DESC',
};

/** SQL condition of a scope, its parameters appended to `params`. */
export function scopeCondition(scope: WorkOrderScope, params: unknown[], alias = 'w'): string {
  if (scope.all) return 'TRUE';
  params.push(scope.userId);
  const me = `$${params.length}`;
  const mine = `${alias}.assignee_id = ${me} OR ${alias}.created_by = ${me}`;
  if (scope.groupId === null) return `(${mine})`;
  params.push(scope.groupId);
  return `(${alias}.group_id = $${params.length} OR ${mine})`;
}

/** A page of orders matching the filters within the scope, and how many match in all. */
export async function listWorkOrders(pool: pg.Pool, select: string, q: WorkOrderListQuery, scope: WorkOrderScope, now: Date): Promise<{ rows: WorkOrderRow[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [scopeCondition(scope, params)];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.state?.length) add((p) => `w.state = ANY(${p})`, q.state);
  if (q.type?.length) add((p) => `w.type = ANY(${p})`, q.type);
  if (q.groupId !== undefined) add((p) => `w.group_id = ${p}`, q.groupId);
  if (q.assigneeId !== undefined) add((p) => `w.assignee_id::text = ${p}`, q.assigneeId);
  if (q.customerId !== undefined) add((p) => `w.customer_id = ${p}`, q.customerId);
  if (q.createdFrom !== undefined) add((p) => `w.created_at >= ${p}`, new Date(q.createdFrom));
  if (q.createdTo !== undefined) add((p) => `w.created_at < ${p}`, new Date(q.createdTo));
  if (q.overdue !== undefined) add((p) => `${q.overdue ? '' : 'NOT '}(w.state IN ${OPEN} AND ${PHASE_DUE} <= ${p})`, now);
  const condition = where.join(' AND ');
  const total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM work_orders w WHERE ${condition}`, params)).rows[0]?.n ?? 0);
  const rows = (await pool.query<WorkOrderRow>(`${select} WHERE ${condition} ORDER BY ${SORTS[q.sort]} LIMIT ${q.limit} OFFSET ${q.offset}`, params)).rows;
  return { rows, total };
}

/** An order the sweep escalated: for the push to its group. */
export interface EscalatedOrder {
  id: string;
  number: string;
  groupId: string | null;
}

/**
 * Marks warnings (80 % of the phase's SLA used) and escalations (past its
 * due time: escalated, priority one step up), each with its history row in
 * the same statement. Only rows not yet marked are touched, so sweeping
 * again, on this node or another after a restart, changes nothing.
 */
export async function sweepWorkOrders(pool: pg.Pool, now: Date, warnShare: number): Promise<{ warned: number; escalated: EscalatedOrder[] }> {
  const escalated = await pool.query<EscalatedOrder>(
    `WITH e AS (
       UPDATE work_orders w SET escalated_at = $1, warned_at = COALESCE(w.warned_at, $1), version = w.version + 1, updated_at = $1,
         priority = CASE w.priority WHEN 'low' THEN 'normal' WHEN 'normal' THEN 'high' ELSE 'urgent' END
       WHERE w.escalated_at IS NULL AND w.state IN ${OPEN} AND ${PHASE_DUE} <= $1
       RETURNING w.id, w.number, w.group_id, w.state, w.priority, ${PHASE_DUE} AS due
     ), h AS (
       INSERT INTO work_order_history (work_order_id, kind, at, data)
       SELECT e.id, 'escalated', $1, jsonb_build_object('dueAt', e.due, 'priority', e.priority, 'state', e.state) FROM e
     )
     SELECT id, number, group_id AS "groupId" FROM e`,
    [now],
  );
  const warned = await pool.query(
    `WITH x AS (
       UPDATE work_orders w SET warned_at = $1, version = w.version + 1, updated_at = $1
       WHERE w.warned_at IS NULL AND w.state IN ${OPEN}
         AND $1 >= w.created_at + (${PHASE_DUE} - w.created_at) * $2::float8
       RETURNING w.id, w.state, ${PHASE_DUE} AS due
     )
     INSERT INTO work_order_history (work_order_id, kind, at, data)
     SELECT x.id, 'warning', $1, jsonb_build_object('dueAt', x.due, 'state', x.state) FROM x`,
    [now, warnShare],
  );
  return { warned: warned.rowCount ?? 0, escalated: escalated.rows };
}
