import { allowedWorkOrderMoves, workOrderSlaStatus, workOrderTypeDef, type WorkOrderDetail, type WorkOrderHistoryEntry, type WorkOrderSummary } from '@omnicc/shared';
import type { WorkOrderHistoryRow, WorkOrderRow } from '../../adapters/db/workOrdersRepo.js';

/** The first text field worth a glance in the list: what the customer said is wrong, or else the first text given. */
function summaryOf(row: WorkOrderRow): string {
  const preferred = ['faultKind', 'fault', 'description', 'category', 'newPlan', 'product', 'reason'];
  for (const name of preferred) {
    const v = row.fields[name];
    if (typeof v === 'string' && v !== '') return v.slice(0, 120);
  }
  const def = workOrderTypeDef(row.type);
  const first = def.fields.map((f) => row.fields[f.name]).find((v) => typeof v === 'string' && v !== '');
  return typeof first === 'string' ? first.slice(0, 120) : '';
}

/** A row as the list shows it, with its SLA status at `now`. */
export function workOrderSummary(row: WorkOrderRow, now: Date): WorkOrderSummary {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    state: row.state,
    priority: row.priority,
    ...(row.customerId ? { customerId: row.customerId } : {}),
    ...(row.groupId ? { groupId: row.groupId } : {}),
    ...(row.assigneeId ? { assignee: { id: row.assigneeId, displayName: row.assigneeName ?? row.assigneeId } } : {}),
    acceptDueAt: row.acceptDueAt.toISOString(),
    resolveDueAt: row.resolveDueAt.toISOString(),
    sla: workOrderSlaStatus(row, now),
    warned: row.warnedAt !== null,
    escalated: row.escalatedAt !== null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    summary: summaryOf(row),
  };
}

function historyEntry(h: WorkOrderHistoryRow): WorkOrderHistoryEntry {
  return {
    id: h.id,
    kind: h.kind as WorkOrderHistoryEntry['kind'],
    at: h.at.toISOString(),
    ...(h.actorId ? { by: { id: h.actorId, displayName: h.actorName ?? h.actorId } } : {}),
    ...(h.fromState ? { from: h.fromState } : {}),
    ...(h.toState ? { to: h.toState } : {}),
    ...(h.note !== null ? { note: h.note } : {}),
    ...(h.data ? { data: h.data } : {}),
  };
}

/** The detail page: the summary plus fields, origin, links, history and the moves allowed now. */
export function workOrderDetail(row: WorkOrderRow, history: WorkOrderHistoryRow[], interactionIds: string[], now: Date): WorkOrderDetail {
  return {
    ...workOrderSummary(row, now),
    fields: row.fields,
    origin: row.originKind === 'flow' ? { kind: 'flow', runId: row.originRunId ?? '', nodeId: row.originNodeId ?? '' } : { kind: 'manual' },
    ...(row.createdBy ? { createdBy: { id: row.createdBy, displayName: row.createdByName ?? row.createdBy } } : {}),
    interactionIds,
    history: history.map(historyEntry),
    allowedMoves: [...allowedWorkOrderMoves(row.state)],
  };
}
