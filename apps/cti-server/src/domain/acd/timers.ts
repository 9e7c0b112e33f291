import { heapPeek, heapPop, heapPush, heapRemove, type Before } from './heap.js';
import type { AcdState, Timer, TimerKind } from './state.js';

/** Earlier first; equal times in scheduling order. */
export const timerBefore: Before<Timer> = (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * Schedules a timer. Long or frequent ones (max wait, offer timeout) are
 * cancelled when their subject moves on, so the heap holds about the live
 * timers; the others are left to fire and are recognised as stale then.
 */
export function schedule(state: AcdState, at: number, kind: TimerKind, id: string, sub?: string): Timer {
  const timer: Timer = { at, seq: state.timerSeq++, kind, id, sub, pos: -1 };
  heapPush(state.timers, timer, timerBefore);
  return timer;
}

/** Removes a timer that has not fired yet (no-op once fired or cancelled). */
export function cancel(state: AcdState, timer: Timer | undefined): void {
  if (timer && timer.pos >= 0 && state.timers[timer.pos] === timer) heapRemove(state.timers, timer, timerBefore);
}

/** Fires every timer due at or before `now`, in time order (then scheduling order), including ones scheduled while firing. */
export function runDueTimers(state: AcdState, now: number, fire: (timer: Timer) => void): void {
  for (let top = heapPeek(state.timers); top && top.at <= now; top = heapPeek(state.timers)) {
    heapPop(state.timers, timerBefore);
    fire(top);
  }
}
