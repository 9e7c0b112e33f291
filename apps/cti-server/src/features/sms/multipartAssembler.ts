import type { ConcatInfo } from './concatenation.js';
import type { InboundSms } from './smsGateway.js';

/** One received part of a (possibly) long message. */
export interface ReceivedPart {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
  /** Absent for a message that came whole. */
  concat?: ConcatInfo;
}

/** A message put back together (or given up on: see `missingParts`), as the gateway hands it on. */
export type AssembledMessage = Omit<InboundSms, 'gatewayMessageId'>;

interface Pending {
  first: ReceivedPart;
  texts: (string | undefined)[];
  startedMs: number;
}

export interface AssemblerOptions {
  /** How long the first part waits for the others; then the message goes on with what came. */
  timeoutMs: number;
  /** Groups held at once; beyond that the oldest goes on incomplete, so a flood of orphan parts cannot grow memory. */
  maxPending: number;
}

/**
 * Joins the parts of long inbound messages. Pure: the caller passes the
 * time and runs `expire` on a timer, so tests need no clock. Parts are
 * grouped by sender, recipient, reference and count, as handsets do: two
 * senders may pick the same reference.
 */
export class MultipartAssembler {
  private readonly pending = new Map<string, Pending>();
  /** Groups completed by `add`, kept (weakly) so a message its consumer refused can be reopened. */
  private readonly completed = new WeakMap<AssembledMessage, { key: string; group: Pending }>();

  constructor(private readonly options: AssemblerOptions) {}

  /** Adds a part; returns the messages it completed (or pushed out by the bound). */
  add(part: ReceivedPart, nowMs: number): AssembledMessage[] {
    if (!part.concat || part.concat.total === 1) {
      return [{ from: part.from, to: part.to, text: part.text, receivedAt: part.receivedAt, parts: 1, missingParts: [] }];
    }
    const { ref, total, seq } = part.concat;
    const key = `${part.from}\u0000${part.to}\u0000${ref}\u0000${total}`;
    const out: AssembledMessage[] = [];
    let group = this.pending.get(key);
    if (!group) {
      if (this.pending.size >= this.options.maxPending) out.push(...this.evictOldest());
      group = { first: part, texts: new Array<string | undefined>(total).fill(undefined), startedMs: nowMs };
      this.pending.set(key, group);
    }
    // A repeated part (the SMSC resent it after a lost response) replaces the first copy.
    group.texts[seq - 1] = part.text;
    if (group.texts.every((t) => t !== undefined)) {
      this.pending.delete(key);
      const message = assemble(group);
      this.completed.set(message, { key, group });
      out.push(message);
    }
    return out;
  }

  /**
   * Puts a message that `add` completed back to waiting, without part
   * `seq`: its consumer could not store it, so the part that completed it
   * is refused and will be delivered again, and must find its siblings.
   * The wait starts afresh.
   */
  reopen(message: AssembledMessage, seq: number, nowMs: number): void {
    const entry = this.completed.get(message);
    if (!entry || this.pending.has(entry.key) || seq < 1 || seq > entry.group.texts.length) return;
    this.completed.delete(message);
    entry.group.texts[seq - 1] = undefined;
    entry.group.startedMs = nowMs;
    this.pending.set(entry.key, entry.group);
  }

  /** Gives up on groups whose first part is older than the timeout; returns them incomplete. */
  expire(nowMs: number): AssembledMessage[] {
    const out: AssembledMessage[] = [];
    // Map order is arrival order of first parts, so the expired ones are at the front.
    for (const [key, group] of this.pending) {
      if (nowMs - group.startedMs < this.options.timeoutMs) break;
      this.pending.delete(key);
      out.push(assemble(group));
    }
    return out;
  }

  /** When the oldest group times out, for the caller's timer; undefined when nothing waits. */
  nextExpiryMs(): number | undefined {
    for (const group of this.pending.values()) return group.startedMs + this.options.timeoutMs;
    return undefined;
  }

  get size(): number {
    return this.pending.size;
  }

  private evictOldest(): AssembledMessage[] {
    for (const [key, group] of this.pending) {
      this.pending.delete(key);
      return [assemble(group)];
    }
    return [];
  }
}

function assemble(group: Pending): AssembledMessage {
  const missingParts = group.texts.flatMap((t, i) => (t === undefined ? [i + 1] : []));
  return {
    from: group.first.from,
    to: group.first.to,
    text: group.texts.map((t) => t ?? '').join(''),
    receivedAt: group.first.receivedAt,
    parts: group.texts.length,
    missingParts,
  };
}
