import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heapify, heapPop, heapPush, heapRemove, heapUpdate, scanInOrder, type Before } from './heap.js';

interface Node {
  id: number;
  v: number;
  pos: number;
}
const before: Before<Node> = (a, b) => a.v < b.v || (a.v === b.v && a.id < b.id);
const order = (a: Node, b: Node) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);

const ops = fc.array(
  fc.oneof(
    fc.record({ k: fc.constant('push' as const), v: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ k: fc.constant('remove' as const), i: fc.nat() }),
    fc.record({ k: fc.constant('update' as const), i: fc.nat(), v: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ k: fc.constant('pop' as const) }),
  ),
  { maxLength: 200, size: 'max' },
);

describe('indexed heap', () => {
  it('pops in order after any mix of push, remove, update and pop, with positions kept', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const heap: Node[] = [];
        const model: Node[] = [];
        let id = 0;
        for (const o of list) {
          if (o.k === 'push') {
            const node = { id: id++, v: o.v, pos: -1 };
            heapPush(heap, node, before);
            model.push(node);
          } else if (o.k === 'pop') {
            const top = heapPop(heap, before);
            const expected = [...model].sort(order)[0];
            expect(top).toBe(expected);
            if (top) model.splice(model.indexOf(top), 1);
            if (top) expect(top.pos).toBe(-1);
          } else if (model.length > 0) {
            const node = model[o.i % model.length] as Node;
            if (o.k === 'remove') {
              heapRemove(heap, node, before);
              model.splice(model.indexOf(node), 1);
            } else {
              node.v = o.v;
              heapUpdate(heap, node, before);
            }
          }
          heap.forEach((n, i) => expect(n.pos).toBe(i));
        }
        const drained: Node[] = [];
        for (let n = heapPop(heap, before); n; n = heapPop(heap, before)) drained.push(n);
        expect(drained).toEqual([...model].sort(order));
      }),
    );
  });

  it('scans several heaps best first, lazily', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 40 }), { maxLength: 6 }), fc.nat(100), (values, stopAfter) => {
        let id = 0;
        const heaps = values.map((vs) => {
          const heap = vs.map((v) => ({ id: id++, v, pos: -1 }));
          heapify(heap, before);
          return heap;
        });
        const owner = new Map<Node, Node[]>();
        for (const heap of heaps) for (const n of heap) owner.set(n, heap);
        const seen: Node[] = [];
        scanInOrder(heaps, (n) => owner.get(n) ?? [], before, (n) => {
          seen.push(n);
          return seen.length >= stopAfter;
        });
        const all = heaps.flat().sort(order);
        expect(seen).toEqual(all.slice(0, Math.max(1, Math.min(stopAfter, all.length))).slice(0, all.length));
      }),
    );
  });
});
