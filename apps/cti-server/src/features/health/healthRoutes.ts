import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Metrics } from './metrics.js';

/**
 * `/healthz` answers 200 only when the database answers too (load balancers
 * must stop sending work to a node that cannot persist it); `/metrics` is
 * Prometheus text.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: { pool: pg.Pool; metrics: Metrics; beforeScrape: () => Promise<void>; role: () => string; voice: () => string; sms: () => string }): void {
  app.get('/healthz', async (_request, reply) => {
    try {
      await deps.pool.query('select 1');
      return { status: 'ok', role: deps.role(), voice: deps.voice(), sms: deps.sms() };
    } catch {
      return reply.status(503).send({ status: 'unavailable', error: { code: 'INTERNAL', message: 'database unreachable' } });
    }
  });
  app.get('/metrics', async (_request, reply) => {
    await deps.beforeScrape();
    return reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}
