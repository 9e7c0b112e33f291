/**
 * Binary heap on a plain array. Each node records its own index in `pos`, so a
 * node can be removed or re-sifted in O(log n) without a side map, and the heap
 * stays plain data that structuredClone copies. `before(a, b)` is true when
 * `a` belongs nearer the top than `b`.
 */
export interface HeapNode {
  pos: number;
}

/** True when `a` belongs nearer the top than `b`. */
export type Before<T> = (a: T, b: T) => boolean;

/** Adds a node in O(log n). */
export function heapPush<T extends HeapNode>(heap: T[], node: T, before: Before<T>): void {
  node.pos = heap.length;
  heap.push(node);
  siftUp(heap, node.pos, before);
}

/** The top node, or undefined when empty. */
export function heapPeek<T extends HeapNode>(heap: readonly T[]): T | undefined {
  return heap[0];
}

/** Removes and returns the top node. */
export function heapPop<T extends HeapNode>(heap: T[], before: Before<T>): T | undefined {
  const top = heap[0];
  if (top) heapRemove(heap, top, before);
  return top;
}

/** Removes `node` (which must be in `heap`); sets its pos to -1. */
export function heapRemove<T extends HeapNode>(heap: T[], node: T, before: Before<T>): void {
  const i = node.pos;
  const last = heap.pop();
  node.pos = -1;
  if (last === undefined || last === node) return;
  heap[i] = last;
  last.pos = i;
  heapUpdate(heap, last, before);
}

/** Restores order after `node`'s sort key changed in either direction. */
export function heapUpdate<T extends HeapNode>(heap: T[], node: T, before: Before<T>): void {
  const i = node.pos;
  if (siftUp(heap, i, before) === i) siftDown(heap, i, before);
}

/** Rebuilds the heap in O(n) after many keys changed at once. */
export function heapify<T extends HeapNode>(heap: T[], before: Before<T>): void {
  heap.forEach((node, i) => (node.pos = i));
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i, before);
}

function siftUp<T extends HeapNode>(heap: T[], start: number, before: Before<T>): number {
  let i = start;
  const node = heap[i] as T;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = heap[p] as T;
    if (!before(node, parent)) break;
    heap[i] = parent;
    parent.pos = i;
    i = p;
  }
  heap[i] = node;
  node.pos = i;
  return i;
}

function siftDown<T extends HeapNode>(heap: T[], start: number, before: Before<T>): void {
  let i = start;
  const n = heap.length;
  const node = heap[i] as T;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    let c = l;
    if (r < n && before(heap[r] as T, heap[l] as T)) c = r;
    const child = heap[c] as T;
    if (!before(child, node)) break;
    heap[i] = child;
    child.pos = i;
    i = c;
  }
  heap[i] = node;
  node.pos = i;
}

/**
 * Visits the nodes of one or more heaps (sharing one order) best first,
 * lazily, until `visit` returns true. `heapOf` names the heap a node lives in.
 * Cost O(k log k) for k visited nodes, whatever the heap sizes: it walks the
 * heap trees with a small frontier.
 */
export function scanInOrder<T extends HeapNode>(
  roots: readonly (readonly T[])[],
  heapOf: (node: T) => readonly T[],
  before: Before<T>,
  visit: (node: T) => boolean,
): void {
  const frontier: T[] = [];
  for (const heap of roots) if (heap[0]) frontierPush(frontier, heap[0], before);
  for (let node = frontierPop(frontier, before); node; node = frontierPop(frontier, before)) {
    if (visit(node)) return;
    const heap = heapOf(node);
    const left = heap[2 * node.pos + 1];
    const right = heap[2 * node.pos + 2];
    if (left) frontierPush(frontier, left, before);
    if (right) frontierPush(frontier, right, before);
  }
}

/** The frontier is a heap of its own, without pos (its nodes keep their places in their real heaps). */
function frontierPush<T>(frontier: T[], node: T, before: Before<T>): void {
  let i = frontier.length;
  frontier.push(node);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = frontier[p] as T;
    if (!before(node, parent)) break;
    frontier[i] = parent;
    i = p;
  }
  frontier[i] = node;
}

function frontierPop<T>(frontier: T[], before: Before<T>): T | undefined {
  const top = frontier[0];
  const last = frontier.pop();
  if (top === undefined || last === undefined || frontier.length === 0) return top;
  const n = frontier.length;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && before(frontier[r] as T, frontier[l] as T) ? r : l;
    const child = frontier[c] as T;
    if (!before(child, last)) break;
    frontier[i] = child;
    i = c;
  }
  frontier[i] = last;
  return top;
}
