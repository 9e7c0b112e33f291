import { z } from 'zod';

/**
 * Work-order (工单) states: the closed loop of the glossary, 申请 requested →
 * 受理 accepted → 处理 processing → 反馈 feedback → 归档 closed, plus the two
 * ends a real desk needs: 驳回 rejected (the request is not ours or not valid)
 * and 撤销 cancelled (the customer withdrew it). docs/work-orders.md draws it.
 */
export const WORK_ORDER_STATES = ['requested', 'accepted', 'processing', 'feedback', 'closed', 'rejected', 'cancelled'] as const;
export const workOrderStateSchema = z.enum(WORK_ORDER_STATES);
export type WorkOrderState = z.infer<typeof workOrderStateSchema>;

/** States no move leaves: the order is archived. */
export const FINAL_WORK_ORDER_STATES: readonly WorkOrderState[] = ['closed', 'rejected', 'cancelled'];

/**
 * Every allowed move, from → to. Feedback goes back to processing (重新处理)
 * when the customer says it is not fixed; nothing leaves a final state
 * (a new order is made instead, so the archive never changes).
 */
export const WORK_ORDER_TRANSITIONS: Readonly<Record<WorkOrderState, readonly WorkOrderState[]>> = {
  requested: ['accepted', 'rejected', 'cancelled'],
  accepted: ['processing', 'cancelled'],
  processing: ['feedback', 'cancelled'],
  feedback: ['closed', 'processing'],
  closed: [],
  rejected: [],
  cancelled: [],
};

/** Moves that must say why (the reason goes into the history and to the customer's feedback). */
const NEEDS_REASON: readonly (readonly [WorkOrderState, WorkOrderState])[] = [
  ['requested', 'rejected'],
  ['requested', 'cancelled'],
  ['accepted', 'cancelled'],
  ['processing', 'cancelled'],
  ['feedback', 'processing'],
];

/** Whether moving `from` → `to` must carry a note saying why. */
export const transitionNeedsReason = (from: WorkOrderState, to: WorkOrderState): boolean => NEEDS_REASON.some(([f, t]) => f === from && t === to);

/** Where an order in `from` may go next. */
export const allowedWorkOrderMoves = (from: WorkOrderState): readonly WorkOrderState[] => WORK_ORDER_TRANSITIONS[from];

/** Why a move is refused: the code the API answers with, and what the client shows. */
export type TransitionRefusal =
  | { code: 'INVALID_TRANSITION'; from: WorkOrderState; to: WorkOrderState; allowed: readonly WorkOrderState[] }
  | { code: 'REASON_REQUIRED'; from: WorkOrderState; to: WorkOrderState };

/**
 * Checks one move, purely. `undefined` when allowed; otherwise the refusal
 * (an unreachable state lists the reachable ones, so a client can offer them).
 */
export function checkWorkOrderTransition(from: WorkOrderState, to: WorkOrderState, note: string | undefined): TransitionRefusal | undefined {
  const allowed = WORK_ORDER_TRANSITIONS[from];
  if (!allowed.includes(to)) return { code: 'INVALID_TRANSITION', from, to, allowed };
  if (transitionNeedsReason(from, to) && (note === undefined || note.trim() === '')) return { code: 'REASON_REQUIRED', from, to };
  return undefined;
}

/** Labels of the states in both languages (glossary words). */
export const WORK_ORDER_STATE_LABELS: Readonly<Record<WorkOrderState, { en: string; 'zh-CN': string }>> = {
  requested: { en: 'Requested', 'zh-CN': '申请' },
  accepted: { en: 'Accepted', 'zh-CN': '受理' },
  processing: { en: 'Processing', 'zh-CN': '处理' },
  feedback: { en: 'Feedback', 'zh-CN': '反馈' },
  closed: { en: 'Closed', 'zh-CN': '归档' },
  rejected: { en: 'Rejected', 'zh-CN': '驳回' },
  cancelled: { en: 'Cancelled', 'zh-CN': '撤销' },
};

export const WORK_ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const workOrderPrioritySchema = z.enum(WORK_ORDER_PRIORITIES);
export type WorkOrderPriority = z.infer<typeof workOrderPrioritySchema>;

/** One step up (an escalation); urgent stays urgent. */
export const raisePriority = (p: WorkOrderPriority): WorkOrderPriority => WORK_ORDER_PRIORITIES[Math.min(WORK_ORDER_PRIORITIES.indexOf(p) + 1, WORK_ORDER_PRIORITIES.length - 1)] ?? 'urgent';
