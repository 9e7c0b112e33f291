import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BREAKER_STATES, type BreakerState } from './circuitBreaker.js';
import type { AddInCallErrorCode } from './addInErrors.js';

/** What the connector counts per add-in (docs/add-ins.md §4); app.ts backs it with Prometheus, tests with nothing or a spy. */
export interface ConnectorMetricsSink {
  /** A call to the external system ended (cache hits and breaker refusals make none). */
  latency(addInId: string, operation: string, seconds: number, result: 'ok' | AddInCallErrorCode): void;
  error(addInId: string, kind: AddInCallErrorCode): void;
  breaker(addInId: string, state: BreakerState): void;
  cache(addInId: string, result: 'hit' | 'miss' | 'shared'): void;
}

export const NO_CONNECTOR_METRICS: ConnectorMetricsSink = { latency() {}, error() {}, breaker() {}, cache() {} };

/** The connector's figures on `/metrics`, labelled by add-in. */
export function createConnectorMetrics(registry: Registry): ConnectorMetricsSink {
  const latency = new Histogram({
    name: 'omnicc_addin_call_seconds',
    help: 'Add-in connector calls to the external system, by add-in, operation and result',
    labelNames: ['addIn', 'operation', 'result'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
    registers: [registry],
  });
  const errors = new Counter({ name: 'omnicc_addin_errors_total', help: 'Add-in calls that failed, by add-in and kind (TIMEOUT, BREAKER_OPEN, BAD_RESPONSE, UPSTREAM_ERROR, UNREACHABLE, ...)', labelNames: ['addIn', 'kind'] as const, registers: [registry] });
  const breaker = new Gauge({ name: 'omnicc_addin_breaker_state', help: "1 for the add-in's current circuit-breaker state (closed, open, halfOpen), 0 for the others", labelNames: ['addIn', 'state'] as const, registers: [registry] });
  const cache = new Counter({ name: 'omnicc_addin_cache_total', help: 'Add-in calls answered from the cache (hit), by a call already in flight (shared) or by a new call (miss)', labelNames: ['addIn', 'result'] as const, registers: [registry] });
  return {
    latency: (addIn, operation, seconds, result) => latency.observe({ addIn, operation, result }, seconds),
    error: (addIn, kind) => errors.inc({ addIn, kind }),
    breaker: (addIn, state) => BREAKER_STATES.forEach((s) => breaker.set({ addIn, state: s }, s === state ? 1 : 0)),
    cache: (addIn, result) => cache.inc({ addIn, result }),
  };
}
