import type { FastifyInstance } from 'fastify';
import { AppError } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import { routingCalls, type RoutingCallName, type RoutingHandlers } from '../routing/routingCalls.js';
import { CLUSTER_KEY_HEADER, isClusterKey } from './clusterKey.js';

const isCallName = (name: string): name is RoutingCallName => Object.hasOwn(routingCalls, name);

/**
 * POST /internal/routing/:name — routing calls from other nodes to this one
 * while it owns routing. Only nodes with the cluster key get in; the
 * arguments are parsed like any outside input. A node that is not the owner
 * (any more) answers UNAVAILABLE, and the caller looks the owner up again.
 */
export function registerInternalRoutes(app: FastifyInstance, deps: { key: string; owner: () => RoutingHandlers | undefined }): void {
  app.post<{ Params: { name: string } }>('/internal/routing/:name', async (request) => {
    if (!isClusterKey(deps.key, request.headers[CLUSTER_KEY_HEADER])) throw new AppError('UNAUTHENTICATED', 'cluster key required');
    const { name } = request.params;
    if (!isCallName(name)) throw new AppError('NOT_FOUND', `no routing call ${name}`);
    const handlers = deps.owner();
    if (!handlers) throw new AppError('UNAVAILABLE', 'this node does not own routing');
    const args = parseWith(routingCalls[name], request.body, name);
    // The name picks both the schema and the handler, so the parsed args fit it.
    const handler = handlers[name] as (a: typeof args) => Promise<unknown>;
    return { value: await handler(args) };
  });
}
