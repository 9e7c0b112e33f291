import { describe, expect, it } from 'vitest';
import { AppError, type Interaction } from '@omnicc/shared';
import type { RoutingWrite } from '../../store/Store.js';
import { GroupCommit, type CommitItem, type WriteOutcome } from './groupCommit.js';

/** A write the fake store tells apart by its agent id. */
const write = (name: string): RoutingWrite => ({ kind: 'recordStatus', agentId: name, status: 'ready', at: '2025-03-01T08:00:00.000Z' });
const nameOf = (w: RoutingWrite): string => (w.kind === 'recordStatus' ? w.agentId : '?');
const row = (name: string) => ({ id: name }) as unknown as Interaction;

/** A fake store: records each commit's writes; refuses or fails writes by name; commits only when released. */
function fakeStore(opts: { refuse?: string[]; fail?: string[] } = {}) {
  const commits: string[][] = [];
  const gates: (() => void)[] = [];
  let holding = false;
  const commit = async (writes: readonly RoutingWrite[]): Promise<(Interaction | undefined)[]> => {
    const names = writes.map(nameOf);
    commits.push(names);
    if (holding) await new Promise<void>((resolve) => gates.push(resolve));
    if (names.some((n) => opts.fail?.includes(n))) throw new Error('connection reset');
    const refused = names.find((n) => opts.refuse?.includes(n));
    if (refused) throw new AppError('INVALID_STATE', `${refused} moved on`);
    return names.map(row);
  };
  return {
    commit,
    commits,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      for (const g of gates.splice(0)) g();
    },
  };
}

function recorder() {
  const settled: [string, WriteOutcome][] = [];
  const item = (name: string, withWrite = true): CommitItem => ({ ...(withWrite ? { write: write(name) } : {}), settled: (o) => settled.push([name, o]) });
  return { settled, item };
}

describe('GroupCommit', () => {
  it('commits what is decided while a batch is in the database as one next batch, in order', async () => {
    const store = fakeStore();
    const failures: unknown[] = [];
    const group = new GroupCommit(store.commit, (e) => failures.push(e));
    const { settled, item } = recorder();
    store.hold();
    const first = group.submit([item('a')]);
    const second = group.submit([item('b'), item('push-only', false)]);
    const third = group.submit([item('c')]);
    expect(second).toBe(third);
    store.release();
    await Promise.all([first, second, third]);
    // a went alone; b and c waited for it and then went together.
    expect(store.commits).toStrictEqual([['a'], ['b', 'c']]);
    expect(settled.map(([n, o]) => [n, o.ok])).toStrictEqual([
      ['a', true],
      ['b', true],
      ['push-only', true],
      ['c', true],
    ]);
    expect(settled[0]?.[1]).toStrictEqual({ ok: true, value: row('a') });
    expect(settled[2]?.[1]).toStrictEqual({ ok: true, value: undefined });
    expect(failures).toStrictEqual([]);
  });

  it('on a refusal runs the batch one write at a time, so only the refused write fails', async () => {
    const store = fakeStore({ refuse: ['b'] });
    const group = new GroupCommit(store.commit, () => undefined);
    const { settled, item } = recorder();
    store.hold();
    const first = group.submit([item('x')]);
    const batch = group.submit([item('a'), item('b'), item('c')]);
    store.release();
    await Promise.all([first, batch]);
    expect(store.commits).toStrictEqual([['x'], ['a', 'b', 'c'], ['a'], ['b'], ['c']]);
    expect(settled.map(([n, o]) => [n, o.ok ? 'ok' : o.error.code])).toStrictEqual([
      ['x', 'ok'],
      ['a', 'ok'],
      ['b', 'INVALID_STATE'],
      ['c', 'ok'],
    ]);
  });

  it('fails a whole batch on anything but a refusal: nothing settled, callers and onFailure told, later batches still run', async () => {
    const store = fakeStore({ fail: ['b'] });
    const failures: unknown[] = [];
    const group = new GroupCommit(store.commit, (e) => failures.push(e));
    const { settled, item } = recorder();
    store.hold();
    const first = group.submit([item('a')]);
    const failing = group.submit([item('b'), item('c')]);
    store.release();
    await first;
    await expect(failing).rejects.toThrow('connection reset');
    expect(failures).toHaveLength(1);
    expect(settled.map(([n]) => n)).toStrictEqual(['a']);
    await group.submit([item('d')]);
    expect(settled.map(([n]) => n)).toStrictEqual(['a', 'd']);
  });

  it('idle() waits for everything submitted so far, whatever its outcome', async () => {
    const store = fakeStore({ fail: ['b'] });
    const group = new GroupCommit(store.commit, () => undefined);
    const { settled, item } = recorder();
    await group.idle();
    store.hold();
    void group.submit([item('a')]);
    const failing = group.submit([item('b')]);
    let idle = false;
    const waiting = group.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    store.release();
    await waiting;
    await expect(failing).rejects.toThrow();
    expect(settled.map(([n]) => n)).toStrictEqual(['a']);
  });
});
