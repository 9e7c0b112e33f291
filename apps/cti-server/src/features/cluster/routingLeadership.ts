import type { Logger } from 'pino';
import type { Fence, LeaseHolder, LeaseRepository } from '../../store/Store.js';
import { ROUTING_LEASE } from './remoteRouting.js';

export interface RoutingLeadershipDeps {
  leases: LeaseRepository;
  holder: LeaseHolder;
  ttlMs: number;
  log: Logger;
  /** This node just took routing over: recover and start routing (the lease keeps being renewed meanwhile). */
  onAcquired: (fence: Fence) => Promise<void>;
  /** The lease is lost or given up: stop routing here at once. */
  onLost: () => Promise<void>;
}

/**
 * Holds the routing lease for this node: tries to take it when free and
 * renews it while held, every third of its time to live. The lease row's
 * token fences every routing write (see createPgStore's `fence`), so a node
 * that lost the lease without noticing (a long pause) cannot write over
 * its successor; it learns of it from the refused write or the next renewal.
 */
export class RoutingLeadership {
  private held: { token: number; until: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  /** The takeover in progress or done (recovery), for start() to wait on. */
  private takeover: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: RoutingLeadershipDeps) {}

  /** The fence for routing writes while the lease is (locally believed) held. */
  fence(): Fence | undefined {
    if (!this.held || Date.now() >= this.held.until) return undefined;
    return { lease: ROUTING_LEASE, nodeId: this.deps.holder.nodeId, token: this.held.token };
  }

  isOwner(): boolean {
    return this.fence() !== undefined;
  }

  /** First attempt now (a lone node is the owner, recovered, when this resolves), then on a timer. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.deps.ttlMs / 3)));
    this.timer.unref();
    await this.takeover;
  }

  /** Stops renewing and hands the lease back, so another node takes over without waiting for it to expire. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    // After the attempt in progress (relinquish waits for it).
    await this.relinquish('stopping');
  }

  /**
   * Gives the lease up at once (routing stops here), e.g. after routing's
   * writes failed and its state is no longer the store's. Whoever takes the
   * lease next, this node included, rebuilds routing from the store.
   */
  relinquish(why: string): Promise<void> {
    this.ticking = this.ticking.then(async () => {
      const held = this.held;
      if (!held) return;
      await this.lose(why);
      await this.deps.leases.release(ROUTING_LEASE, this.deps.holder.nodeId, held.token).catch((err: unknown) => this.deps.log.warn({ err }, 'routing lease release failed'));
    });
    return this.ticking;
  }

  private tick(): Promise<void> {
    // One at a time: a slow database must not stack attempts.
    this.ticking = this.ticking.then(() => this.attempt()).catch((err: unknown) => this.deps.log.error({ err }, 'routing lease attempt failed'));
    return this.ticking;
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const { leases, holder, ttlMs } = this.deps;
    const startedAt = Date.now();
    if (this.held) {
      const renewed = await leases.renew(ROUTING_LEASE, holder.nodeId, this.held.token, ttlMs).catch(() => false);
      // Counted from before the call: the database may have renewed it any time after.
      if (renewed && this.held) this.held.until = startedAt + ttlMs;
      else await this.lose('renewal failed');
      return;
    }
    const lease = await leases.acquire(ROUTING_LEASE, holder, ttlMs);
    if (!lease || this.stopped) return;
    this.held = { token: lease.token, until: startedAt + ttlMs };
    this.deps.log.info({ nodeId: holder.nodeId, token: lease.token }, 'routing lease taken: this node owns routing');
    const fence = this.fence();
    if (!fence) return;
    // Not awaited here: renewals go on while a large recovery runs.
    this.takeover = this.deps.onAcquired(fence).catch((err: unknown) => {
      this.deps.log.error({ err }, 'routing takeover failed; giving the lease up');
      return this.relinquish('takeover failed');
    });
  }

  private async lose(why: string): Promise<void> {
    if (!this.held) return;
    this.held = undefined;
    this.deps.log.warn({ nodeId: this.deps.holder.nodeId, why }, 'routing lease lost: this node stops routing');
    await this.deps.onLost().catch((err: unknown) => this.deps.log.error({ err }, 'stopping routing failed'));
  }
}
