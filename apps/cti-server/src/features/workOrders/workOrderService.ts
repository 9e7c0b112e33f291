import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  AppError,
  checkWorkOrderTransition,
  validateWorkOrderFields,
  workOrderDay,
  workOrderDueTimes,
  workOrderListQuerySchema,
  workOrderTypeDef,
  type CreateWorkOrderRequest,
  type WorkOrderAssignRequest,
  type WorkOrderDetail,
  type WorkOrderFeedbackRequest,
  type WorkOrderList,
  type WorkOrderListQuery,
  type WorkOrderSummary,
  type WorkOrderTransitionRequest,
} from '@omnicc/shared';
import type { Clock } from '../../clock.js';
import { listWorkOrders } from '../../adapters/db/workOrderQueries.js';
import { WORK_ORDER_SELECT, type WorkOrdersRepo, type NewWorkOrder, type WorkOrderRow } from '../../adapters/db/workOrdersRepo.js';
import { pgErrorCode, PG } from '../../adapters/db/pgErrors.js';
import type { Store } from '../../store/Store.js';
import type { Principal } from '../auth/tokens.js';
import { interactionReadableBy } from '../interactions/readableInteraction.js';
import { mustMayAssign, mustMayMove, mustSee, scopeOf } from './workOrderAccess.js';
import type { WorkOrderFeedback } from './workOrderFeedback.js';
import { workOrderDetail, workOrderSummary } from './workOrderViews.js';

export interface WorkOrderServiceDeps {
  store: Store;
  repo: WorkOrdersRepo;
  feedback: WorkOrderFeedback;
  clock: Clock;
  /** The operator's zone (OMNICC_TIME_ZONE): the day in a work order's number. */
  timeZone: string;
}

/** Who creates an order and how: by hand, or by a flow node (the run and node, and its effect's idempotency key). */
export type WorkOrderCreator = { kind: 'manual'; principal: Principal } | { kind: 'flow'; agentId: string | null; runId: string; nodeId: string; step: number; idempotencyKey: string };

/** Fields a flow or a form gave for a type, checked: BAD_REQUEST listing each refused field in both languages. */
export function checkedFields(type: CreateWorkOrderRequest['type'], raw: Readonly<Record<string, unknown>>): Record<string, string | number | boolean> {
  const { fields, errors } = validateWorkOrderFields(type, raw);
  if (errors.length > 0) throw new AppError('BAD_REQUEST', `work-order fields refused: ${errors.map((e) => e.en).join('; ')}`, { fields: errors });
  return fields;
}

/**
 * Work orders (工单): create, list, read, move, assign, annotate, link and
 * feed back, with the access rules of workOrderAccess.ts. Every change is
 * one transaction with its history entry; a refused one writes nothing.
 */
export class WorkOrderService {
  constructor(private readonly deps: WorkOrderServiceDeps) {}

  private now(): Date {
    return new Date(this.deps.clock.now());
  }

  /** Creates an order; a flow's re-performed effect (same idempotency key) gets the order made the first time. */
  async create(body: CreateWorkOrderRequest, by: WorkOrderCreator): Promise<{ detail: WorkOrderDetail; created: boolean }> {
    const { store, repo } = this.deps;
    const fields = checkedFields(body.type, body.fields);
    let customerId = body.customerId ?? null;
    if (body.interactionId !== undefined) {
      if (by.kind === 'manual') await interactionReadableBy(store, by.principal, body.interactionId);
      customerId ??= await repo.customerOfInteraction(body.interactionId);
    }
    const creatorId = by.kind === 'manual' ? by.principal.userId : by.agentId;
    const groupId = body.groupId ?? (creatorId ? ((await store.agents.profile(creatorId))?.teamId ?? null) : null);
    const at = this.now();
    const order: NewWorkOrder = {
      day: workOrderDay(at, this.deps.timeZone),
      type: body.type,
      priority: body.priority ?? (body.type === 'complaint' ? 'high' : 'normal'),
      fields,
      customerId,
      groupId,
      assigneeId: null,
      ...workOrderDueTimes(at, workOrderTypeDef(body.type).sla),
      createdBy: creatorId,
      origin: by.kind === 'manual' ? { kind: 'manual' } : { kind: 'flow', runId: by.runId, nodeId: by.nodeId },
      idempotencyKey: by.kind === 'flow' ? by.idempotencyKey : null,
      interactionIds: body.interactionId !== undefined ? [body.interactionId] : [],
      ...(body.note !== undefined ? { note: body.note } : {}),
      at,
    };
    try {
      const { row, created } = await repo.create(order);
      return { detail: await this.detailOf(row), created };
    } catch (err) {
      if (pgErrorCode(err) === PG.foreignKeyViolation) throw new AppError('NOT_FOUND', 'no such customer, group or interaction');
      throw err;
    }
  }

  async list(principal: Principal, query: WorkOrderListQuery): Promise<WorkOrderList> {
    const now = this.now();
    const { rows, total } = await listWorkOrders(this.deps.repo.db, WORK_ORDER_SELECT, query, await scopeOf(this.deps.store, principal), now);
    return { items: rows.map((r) => workOrderSummary(r, now)), total };
  }

  /**
   * A customer's open orders (requested to feedback), newest first, for the
   * customer card: whoever may read the customer's card sees its open orders,
   * whatever their group (the card is how an agent learns of them).
   */
  async openForCustomer(customerId: string): Promise<WorkOrderSummary[]> {
    const now = this.now();
    const query = workOrderListQuerySchema.parse({ customerId, state: 'requested,accepted,processing,feedback', limit: 20 });
    const { rows } = await listWorkOrders(this.deps.repo.db, WORK_ORDER_SELECT, query, { all: true }, now);
    return rows.map((r) => workOrderSummary(r, now));
  }

  async detail(principal: Principal, id: string): Promise<WorkOrderDetail> {
    return this.detailOf(await this.visible(principal, id));
  }

  /** Moves an order the caller read at `version`: INVALID_TRANSITION (details: from, to, allowed), CONFLICT when stale. */
  async transition(principal: Principal, id: string, body: WorkOrderTransitionRequest): Promise<WorkOrderDetail> {
    await this.visible(principal, id);
    mustMayMove(principal, body.to);
    const row = await this.deps.repo.update(id, body.version, this.now(), (current) => {
      const refusal = checkWorkOrderTransition(current.state, body.to, body.note);
      if (refusal?.code === 'INVALID_TRANSITION') throw new AppError('INVALID_TRANSITION', `a work order in ${current.state} cannot go to ${body.to}`, { from: current.state, to: body.to, allowed: refusal.allowed });
      if (refusal) throw new AppError('BAD_REQUEST', `moving ${current.state} → ${body.to} needs a reason (note)`, { reasonRequired: true });
      const set: Record<string, unknown> = { state: body.to };
      // A new phase: its own warning and escalation (the old ones stay in the history, the raised priority stays).
      if (current.state === 'requested' && body.to === 'accepted') Object.assign(set, { warned_at: null, escalated_at: null });
      // Whoever accepts an unassigned order takes it.
      if (body.to === 'accepted' && current.assigneeId === null) set.assignee_id = principal.userId;
      return { set, history: { kind: 'transition', actorId: principal.userId, from: current.state, to: body.to, ...(body.note ? { note: body.note } : {}) } };
    });
    return this.detailOf(row);
  }

  async assign(principal: Principal, id: string, body: WorkOrderAssignRequest): Promise<WorkOrderDetail> {
    const scope = await scopeOf(this.deps.store, principal);
    await this.visible(principal, id);
    mustMayAssign(principal, scope, body.groupId, body.assigneeId);
    if (body.assigneeId) {
      const user = await this.deps.store.users.findById(body.assigneeId);
      if (!user) throw new AppError('NOT_FOUND', 'no such user');
    }
    try {
      const row = await this.deps.repo.update(id, body.version, this.now(), (current) => {
        if (['closed', 'rejected', 'cancelled'].includes(current.state)) throw new AppError('INVALID_STATE', `a ${current.state} work order is archived`);
        const set: Record<string, unknown> = {};
        if (body.groupId !== undefined) set.group_id = body.groupId;
        if (body.assigneeId !== undefined) set.assignee_id = body.assigneeId;
        return { set, history: { kind: 'assigned', actorId: principal.userId, data: { groupId: body.groupId ?? current.groupId, assigneeId: body.assigneeId === undefined ? current.assigneeId : body.assigneeId } } };
      });
      return await this.detailOf(row);
    } catch (err) {
      if (pgErrorCode(err) === PG.foreignKeyViolation) throw new AppError('NOT_FOUND', 'no such group');
      throw err;
    }
  }

  async addNote(principal: Principal, id: string, note: string): Promise<WorkOrderDetail> {
    await this.visible(principal, id);
    await this.deps.repo.record(id, { kind: 'note', actorId: principal.userId, note }, this.now());
    return this.detailOf(await this.mustGet(id));
  }

  /** Links an interaction the caller may read; linking it again changes nothing. */
  async link(principal: Principal, id: string, interactionId: string): Promise<WorkOrderDetail> {
    await this.visible(principal, id);
    await interactionReadableBy(this.deps.store, principal, interactionId);
    await this.deps.repo.link(id, interactionId, principal.userId, this.now());
    return this.detailOf(await this.mustGet(id));
  }

  /** Sends feedback to the customer by SMS or email and records it in the history. */
  async sendFeedback(principal: Principal, id: string, body: WorkOrderFeedbackRequest): Promise<WorkOrderDetail> {
    const row = await this.visible(principal, id);
    const at = this.now();
    const history = (data: Record<string, unknown>) => ({ kind: 'feedback', actorId: principal.userId, note: body.text, data: { channel: body.channel, ...data } });
    if (body.channel === 'sms') {
      const to = body.to ?? [row.fields.contactPhone, row.fields.msisdn].find((v): v is string => typeof v === 'string');
      if (to === undefined) throw new AppError('BAD_REQUEST', 'no number to send the feedback to: give `to`');
      await this.deps.feedback.sms(to, body.text, at, async (tx, messageId) => {
        const h = history({ to, messageId });
        await tx.execute(sql`UPDATE work_orders SET version = version + 1, updated_at = ${at} WHERE id = ${id}`);
        await tx.execute(
          sql`INSERT INTO work_order_history (work_order_id, kind, at, actor_id, note, data) VALUES (${id}, ${h.kind}, ${at}, ${h.actorId}, ${h.note}, ${JSON.stringify(h.data)}::jsonb)`,
        );
      });
    } else {
      const emails = await this.emailInteractions(id);
      const interactionId = emails.at(-1);
      if (interactionId === undefined) throw new AppError('INVALID_STATE', 'the work order has no linked email interaction to answer on');
      const sent = await this.deps.feedback.email(interactionId, body.text, `wo-${randomUUID()}`, principal.userId, at);
      await this.deps.repo.record(id, history({ to: sent.to, messageId: sent.messageId, interactionId }), at);
    }
    return this.detailOf(await this.mustGet(id));
  }

  private async emailInteractions(id: string): Promise<string[]> {
    const ids = await this.deps.repo.interactionIds(id);
    const found = await Promise.all(ids.map((i) => this.deps.store.interactions.get(i)));
    return found.filter((i) => i?.channel === 'email').map((i) => i?.id ?? '');
  }

  /** The order if the caller's scope holds it: NOT_FOUND, FORBIDDEN. */
  private async visible(principal: Principal, id: string): Promise<WorkOrderRow> {
    const row = await this.mustGet(id);
    mustSee(row, await scopeOf(this.deps.store, principal));
    return row;
  }

  private async mustGet(id: string): Promise<WorkOrderRow> {
    const row = await this.deps.repo.get(id);
    if (!row) throw new AppError('NOT_FOUND', 'no such work order');
    return row;
  }

  private async detailOf(row: WorkOrderRow): Promise<WorkOrderDetail> {
    const [history, interactionIds] = await Promise.all([this.deps.repo.history(row.id), this.deps.repo.interactionIds(row.id)]);
    return workOrderDetail(row, history, interactionIds, this.now());
  }
}
