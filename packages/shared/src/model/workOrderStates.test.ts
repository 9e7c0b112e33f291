import { describe, expect, it } from 'vitest';
import { checkWorkOrderTransition, FINAL_WORK_ORDER_STATES, raisePriority, WORK_ORDER_STATES, WORK_ORDER_TRANSITIONS, type WorkOrderState } from './workOrderStates.js';

/** Every allowed move, written out once more by hand: the table in the code must say exactly this. */
const ALLOWED: readonly (readonly [WorkOrderState, WorkOrderState])[] = [
  ['requested', 'accepted'],
  ['requested', 'rejected'],
  ['requested', 'cancelled'],
  ['accepted', 'processing'],
  ['accepted', 'cancelled'],
  ['processing', 'feedback'],
  ['processing', 'cancelled'],
  ['feedback', 'closed'],
  ['feedback', 'processing'],
];
const NEEDS_REASON = new Set(['requested>rejected', 'requested>cancelled', 'accepted>cancelled', 'processing>cancelled', 'feedback>processing']);

describe('work-order state machine', () => {
  for (const from of WORK_ORDER_STATES) {
    for (const to of WORK_ORDER_STATES) {
      const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const refusal = checkWorkOrderTransition(from, to, 'because');
        if (allowed) expect(refusal).toBeUndefined();
        else expect(refusal).toEqual({ code: 'INVALID_TRANSITION', from, to, allowed: WORK_ORDER_TRANSITIONS[from] });
      });
    }
  }

  it('asks for a reason on rejects, cancels and reopens, and only there', () => {
    for (const [from, to] of ALLOWED) {
      const refusal = checkWorkOrderTransition(from, to, '  ');
      if (NEEDS_REASON.has(`${from}>${to}`)) expect(refusal).toEqual({ code: 'REASON_REQUIRED', from, to });
      else expect(refusal).toBeUndefined();
    }
  });

  it('lets nothing leave a final state, and reaches every state from requested', () => {
    for (const s of FINAL_WORK_ORDER_STATES) expect(WORK_ORDER_TRANSITIONS[s]).toEqual([]);
    const seen = new Set<WorkOrderState>(['requested']);
    const queue: WorkOrderState[] = ['requested'];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const t of WORK_ORDER_TRANSITIONS[s]) if (!seen.has(t)) queue.push(seen.add(t) && t);
    }
    expect([...seen].sort()).toEqual([...WORK_ORDER_STATES].sort());
  });

  it('raises priority one step, urgent stays', () => {
    expect(['low', 'normal', 'high', 'urgent'].map((p) => raisePriority(p as 'low'))).toEqual(['normal', 'high', 'urgent', 'urgent']);
  });
});
