import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per application instance, so tests can run several apps in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    socketEvents: new Counter({
      name: 'omnicc_socket_events_total',
      help: 'Inbound socket events by namespace, event and result code',
      labelNames: ['namespace', 'event', 'result'] as const,
      registers: [registry],
    }),
    interactionsCreated: new Counter({
      name: 'omnicc_interactions_created_total',
      help: 'Interactions created, by channel',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    queueWaiting: new Gauge({
      name: 'omnicc_queue_waiting',
      help: 'Interactions waiting (queued or ringing) per queue',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    watchdogFindings: new Gauge({
      name: 'omnicc_routing_watchdog_findings',
      help: 'What the last routing watchdog run found, by kind (core: broken invariants; unrouted and ownerless: healed; disagreement: needs a look)',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    watchdogHealed: new Counter({
      name: 'omnicc_routing_watchdog_healed_total',
      help: 'Interactions the routing watchdog put back in their queue, by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    agentsConnected: new Gauge({
      name: 'omnicc_agent_sockets',
      help: 'Open /agent socket connections',
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
