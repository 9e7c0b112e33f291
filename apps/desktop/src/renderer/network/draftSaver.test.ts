import { describe, expect, it } from 'vitest';
import { createDraftSaver, type DraftSaveState } from './draftSaver.js';
import { ApiError } from './http.js';

/** Timers run only when the test says so. */
function manualTimers() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let seq = 0;
  return {
    setTimer: (fn: () => void, ms: number) => {
      timers.set(++seq, { fn, ms });
      return seq;
    },
    clearTimer: (h: unknown) => void timers.delete(h as number),
    /** Runs every timer due now; returns their delays. */
    run: async () => {
      const due = [...timers.entries()];
      timers.clear();
      for (const [, t] of due) t.fn();
      await new Promise((r) => setTimeout(r, 0));
      return due.map(([, t]) => t.ms);
    },
    count: () => timers.size,
  };
}

function saverWith(save: (revision: number, doc: object) => Promise<{ revision: number; updatedAt: string }>) {
  const timers = manualTimers();
  const states: DraftSaveState[] = [];
  const saver = createDraftSaver({ save, revision: 1, onState: (s) => states.push(s), debounceMs: 800, retryMs: 1000, ...timers });
  return { saver, timers, states };
}

describe('draft autosave', () => {
  it('saves the newest document once after the quiet time, under the revision it was loaded with', async () => {
    const calls: [number, object][] = [];
    const { saver, timers, states } = saverWith((revision, doc) => {
      calls.push([revision, doc]);
      return Promise.resolve({ revision: revision + 1, updatedAt: '2026-11-25T03:00:00Z' });
    });
    saver.edited({ v: 1 });
    saver.edited({ v: 2 });
    expect(await timers.run()).toEqual([800]);
    expect(calls).toEqual([[1, { v: 2 }]]);
    expect(states.at(-1)).toEqual({ kind: 'saved', at: '2026-11-25T03:00:00Z' });
    saver.edited({ v: 3 });
    await timers.run();
    expect(calls[1]).toEqual([2, { v: 3 }]);
  });

  it('saves an edit made during a save after it, with the revision that save returned', async () => {
    let release: (() => void) | undefined;
    const calls: number[] = [];
    const { saver, timers } = saverWith((revision) => {
      calls.push(revision);
      return new Promise((resolve) => {
        release = () => resolve({ revision: revision + 1, updatedAt: 'x' });
      });
    });
    saver.edited({ v: 1 });
    await timers.run();
    saver.edited({ v: 2 });
    expect(timers.count()).toBe(0);
    release?.();
    await new Promise((r) => setTimeout(r, 0));
    await timers.run();
    expect(calls).toEqual([1, 2]);
    expect(saver.hasUnsaved()).toBe(true);
    release?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(saver.hasUnsaved()).toBe(false);
  });

  it('retries a network failure with a growing delay and keeps the document', async () => {
    let fail = 2;
    const saved: object[] = [];
    const { saver, timers, states } = saverWith((revision, doc) => {
      if (fail-- > 0) return Promise.reject(new ApiError('NETWORK', 'down'));
      saved.push(doc);
      return Promise.resolve({ revision: revision + 1, updatedAt: 'y' });
    });
    saver.edited({ v: 1 });
    expect(await timers.run()).toEqual([800]);
    expect(states.at(-1)).toEqual({ kind: 'retrying', code: 'NETWORK' });
    expect(await timers.run()).toEqual([1000]);
    expect(await timers.run()).toEqual([2000]);
    expect(saved).toEqual([{ v: 1 }]);
    expect(states.at(-1)).toEqual({ kind: 'saved', at: 'y' });
  });

  it('stops on CONFLICT and ignores later edits: another tab saved this flow', async () => {
    let calls = 0;
    const { saver, timers, states } = saverWith(() => {
      calls++;
      return Promise.reject(new ApiError('CONFLICT', 'stale revision'));
    });
    saver.edited({ v: 1 });
    await timers.run();
    saver.edited({ v: 2 });
    await timers.run();
    await saver.flush();
    expect(calls).toBe(1);
    expect(states.at(-1)).toEqual({ kind: 'conflict' });
  });

  it('does not retry a refusal that cannot pass', async () => {
    const { saver, timers, states } = saverWith(() => Promise.reject(new ApiError('PAYLOAD_TOO_LARGE', 'too big')));
    saver.edited({ v: 1 });
    await timers.run();
    expect(states.at(-1)).toEqual({ kind: 'refused', code: 'PAYLOAD_TOO_LARGE' });
    expect(timers.count()).toBe(0);
  });

  it('flush saves at once what is pending', async () => {
    const saved: object[] = [];
    const { saver, timers } = saverWith((revision, doc) => {
      saved.push(doc);
      return Promise.resolve({ revision: revision + 1, updatedAt: 'z' });
    });
    saver.edited({ v: 9 });
    await saver.flush();
    expect(saved).toEqual([{ v: 9 }]);
    expect(timers.count()).toBe(0);
  });
});
