import type pg from 'pg';
import { WORK_ORDER_WARN_SHARE } from '@omnicc/shared';
import type { Clock } from '../../clock.js';
import type { Logger } from 'pino';
import { sweepWorkOrders, type EscalatedOrder } from '../../adapters/db/workOrderQueries.js';

export interface WorkOrderSweeperDeps {
  pool: pg.Pool;
  clock: Clock;
  log: Logger;
  /** Told of each order the sweep escalated (a push to its group's agents). */
  onEscalated?: (orders: EscalatedOrder[]) => void;
}

/**
 * Marks SLA warnings and escalations of work orders (sweepWorkOrders), on
 * the routing owner only, like the flow runs' deadlines: one node sweeps, and
 * the marks make a second sweep (after a restart or a failover) a no-op.
 */
export class WorkOrderSweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: WorkOrderSweeperDeps) {}

  /** One sweep now: how many orders were warned and which were escalated. */
  async sweep(): Promise<{ warned: number; escalated: EscalatedOrder[] }> {
    const result = await sweepWorkOrders(this.deps.pool, new Date(this.deps.clock.now()), WORK_ORDER_WARN_SHARE);
    if (result.escalated.length > 0) {
      this.deps.log.info({ escalated: result.escalated.map((o) => o.number) }, 'work orders: escalated past their due time');
      this.deps.onEscalated?.(result.escalated);
    }
    return result;
  }

  /** Sweeps now and every `everyMs` (from takeover to give-up). */
  start(everyMs = 30_000): void {
    if (this.timer) return;
    const tick = () => void this.sweep().catch((err: unknown) => this.deps.log.error({ err }, 'work orders: sweep failed'));
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
