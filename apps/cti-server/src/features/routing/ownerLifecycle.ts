import type { Logger } from 'pino';
import { iso, type Clock } from '../../clock.js';
import type { Store } from '../../store/Store.js';
import { MetricsFeed } from '../supervisor/metricsFeed.js';
import type { RoutingNotifier } from './notifier.js';
import { RoutingOwner } from './routingOwner.js';
import type { RoutingGateway } from './routingGateway.js';
import type { RoutingAudit } from './routingAudit.js';
import { RoutingService } from './routingService.js';

/** Every agent socket on every node: agent id -> socket ids. */
export type SocketCensus = () => Promise<Map<string, Set<string>>>;

export interface OwnerLifecycleDeps {
  /** The fenced store (writes refused once the lease is lost). */
  store: Store;
  clock: Clock;
  log: Logger;
  notifier: RoutingNotifier;
  gateway: RoutingGateway;
  census: SocketCensus;
  metrics: { timeZone: string; shortAbandonMs: number };
  /** How often the owner drops sockets whose node died (see RoutingService.reconcileSockets). */
  reconcileEveryMs?: number;
  /** How often the runtime watchdog compares routing with the store (see RoutingService.audit). */
  auditEveryMs?: number;
  /** Told of every watchdog run (e.g. for the Prometheus gauges). */
  onAudit?: (audit: RoutingAudit) => void;
  /** Channels that follow routing (voice holds Kamailio's evapi link on the owner): started after a takeover, stopped on giving up. */
  onTakeover?: () => void;
  onGiveUp?: () => Promise<void>;
  /** For tests: predictable offer ids. */
  newId?: () => string;
  /** Routing writes failed (database, lease): routing must be given up and rebuilt from the store. */
  onWriteFailed?: () => void;
}

/**
 * What a node does when it takes routing over and when it gives it up. On
 * takeover it builds routing from the store alone — the day's metrics from
 * the event log, queues, offers and assignments from the interactions, who
 * is connected from a census of every node's sockets — then starts the
 * clocks and takes calls. Nothing is handed over from the previous owner,
 * which may be dead.
 */
export class OwnerLifecycle {
  private current: { routing: RoutingService; timers: NodeJS.Timeout[] } | undefined;
  /** Bumped on every start and stop, so a takeover that loses the lease midway stops itself. */
  private generation = 0;

  constructor(private readonly deps: OwnerLifecycleDeps) {}

  /** The routing service while this node owns routing (tests and diagnostics). */
  routing(): RoutingService | undefined {
    return this.current?.routing;
  }

  async takeOver(): Promise<void> {
    const { store, clock, log, notifier, gateway, metrics } = this.deps;
    const generation = ++this.generation;
    const feed = new MetricsFeed(metrics);
    for (const q of await store.queues.list()) {
      const queueConfig = await store.queueConfigs.get(q.id);
      if (queueConfig) feed.configureQueue(queueConfig);
    }
    const todaysEvents = await store.interactions.eventsSince(iso(feed.dayStart(clock.now())));
    feed.replay(todaysEvents);
    const routing = new RoutingService({
      store,
      clock,
      log,
      notifier,
      observer: (e, commands, state, at) => feed.observe(e, commands, state, at),
      onWriteFailed: () => this.deps.onWriteFailed?.(),
      ...(this.deps.newId ? { newId: this.deps.newId } : {}),
    });
    const recovered = await routing.recover();
    const takenAt = clock.now();
    const census = await this.deps.census();
    // Sessions the last owner had: each agent keeps their ready / not-ready.
    for (const [agentId, sockets] of census) for (const socketId of sockets) await routing.agentConnected(agentId, socketId, true);
    if (generation !== this.generation) return routing.stop();
    routing.start();
    const timers = [
      setInterval(() => void this.reconcile(routing), this.deps.reconcileEveryMs ?? 5000),
      setInterval(() => void this.audit(routing), this.deps.auditEveryMs ?? 30_000),
    ];
    for (const t of timers) t.unref();
    this.current = { routing, timers };
    gateway.setOwner(new RoutingOwner({ store, routing, feed, clock, onEnded: (i) => notifier.interactionEnded(i) }).handlers);
    this.deps.onTakeover?.();
    log.info({ ...recovered, replayedEvents: todaysEvents.length, agentsConnected: census.size, sinceTakeover: clock.now() - takenAt }, 'routing taken over');
  }

  async giveUp(): Promise<void> {
    this.generation++;
    this.deps.gateway.setOwner(undefined);
    await this.deps.onGiveUp?.();
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    for (const t of current.timers) clearInterval(t);
    await current.routing.stop();
  }

  private async audit(routing: RoutingService): Promise<void> {
    try {
      const audit = await routing.audit();
      const { coreProblems, unrouted, ownerless, disagreements } = audit;
      if (coreProblems.length + unrouted.length + ownerless.length + disagreements.length > 0) {
        this.deps.log.error(
          { coreProblems: coreProblems.slice(0, 20), unrouted: unrouted.map((i) => i.id).slice(0, 20), ownerless: ownerless.map((i) => i.id).slice(0, 20), disagreements: disagreements.slice(0, 20) },
          'routing watchdog: interactions without a queue or an owner (the unrouted and ownerless were put back in their queues)',
        );
      }
      this.deps.onAudit?.(audit);
    } catch (err) {
      this.deps.log.warn({ err }, 'routing watchdog run failed');
    }
  }

  private async reconcile(routing: RoutingService): Promise<void> {
    const takenAt = this.deps.clock.now();
    try {
      const dropped = await routing.reconcileSockets(await this.deps.census(), takenAt);
      if (dropped > 0) this.deps.log.warn({ dropped }, 'agent sockets of a lost node dropped');
    } catch (err) {
      // A node that died moments ago makes the census time out until the adapter forgets it: next round.
      this.deps.log.debug({ err }, 'socket census failed');
    }
  }
}
