/**
 * A FIFO on a growable ring buffer, addressed by absolute positions that never
 * change while an item is kept. Sliding windows keep one cursor (an absolute
 * position) each into the same deque, so one copy of the samples serves all
 * windows and expiring is O(1) amortized.
 */
export class RingDeque<T> {
  private buf: (T | undefined)[] = new Array<T | undefined>(16);
  private head = 0;
  private count = 0;
  private base = 0;

  /** Absolute position of the oldest kept item. */
  get start(): number {
    return this.base;
  }

  /** Absolute position one past the newest item. */
  get end(): number {
    return this.base + this.count;
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.buf.length) this.resize(this.buf.length * 2);
    this.buf[(this.head + this.count) % this.buf.length] = item;
    this.count += 1;
  }

  /** The item at absolute position `pos`; throws outside [start, end). */
  at(pos: number): T {
    const i = pos - this.base;
    if (i < 0 || i >= this.count) throw new RangeError(`position ${pos} outside [${this.start}, ${this.end})`);
    return this.buf[(this.head + i) % this.buf.length] as T;
  }

  /** The newest item, if any. */
  last(): T | undefined {
    return this.count === 0 ? undefined : this.at(this.end - 1);
  }

  /** Drops items before absolute position `pos`. */
  dropBefore(pos: number): void {
    while (this.base < pos && this.count > 0) {
      this.buf[this.head] = undefined; // let the sample be collected
      this.head = (this.head + 1) % this.buf.length;
      this.count -= 1;
      this.base += 1;
    }
    // Give memory back after a burst, so a quiet queue does not keep its peak.
    if (this.buf.length > 1024 && this.count < this.buf.length / 4) this.resize(this.buf.length / 2);
  }

  private resize(capacity: number): void {
    const next = new Array<T | undefined>(capacity);
    for (let i = 0; i < this.count; i++) next[i] = this.buf[(this.head + i) % this.buf.length];
    this.buf = next;
    this.head = 0;
  }
}
