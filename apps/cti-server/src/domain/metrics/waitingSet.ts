interface Entry {
  id: string;
  since: number;
}

/**
 * The interactions waiting in one queue, with the oldest entry time on top.
 * Routing takes interactions out in priority order, not arrival order, so a
 * plain FIFO cannot give the longest wait: this is an indexed binary min-heap
 * (O(log n) add/remove by id, O(1) oldest).
 */
export class WaitingSet {
  private readonly heap: Entry[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.heap.length;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Adds `id` waiting since `since`; a second add of the same id is ignored. */
  add(id: string, since: number): void {
    if (this.index.has(id)) return;
    this.heap.push({ id, since });
    this.index.set(id, this.heap.length - 1);
    this.up(this.heap.length - 1);
  }

  /** Removes `id` if present. */
  remove(id: string): void {
    const i = this.index.get(id);
    if (i === undefined) return;
    const lastIndex = this.heap.length - 1;
    this.swap(i, lastIndex);
    this.heap.pop();
    this.index.delete(id);
    if (i < this.heap.length) {
      this.down(i);
      this.up(i);
    }
  }

  /** Entry time of the longest-waiting interaction, if any. */
  oldest(): number | undefined {
    return this.heap[0]?.since;
  }

  private entry(i: number): Entry {
    const e = this.heap[i];
    if (!e) throw new RangeError(`heap index ${i}`);
    return e;
  }

  private swap(i: number, j: number): void {
    if (i === j) return;
    const a = this.entry(i);
    const b = this.entry(j);
    this.heap[i] = b;
    this.heap[j] = a;
    this.index.set(b.id, i);
    this.index.set(a.id, j);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.entry(parent).since <= this.entry(i).since) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < this.heap.length && this.entry(l).since < this.entry(min).since) min = l;
      if (r < this.heap.length && this.entry(r).since < this.entry(min).since) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }
}
