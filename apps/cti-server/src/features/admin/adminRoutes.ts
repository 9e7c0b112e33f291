import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/Store.js';
import type { Authenticate } from '../auth/guard.js';
import { mountAdminRoutes } from './adminRoute.js';
import { agentRoutes } from './agentRoutes.js';
import { codedResourceRoutes } from './codedResources.js';
import { CORE_ROUTE_DOCS, OPENAPI_URL } from './openapi/coreRoutesDoc.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/openApiDocument.js';
import { routingSettingsRoutes } from './routingSettingsRoutes.js';
import type { ConfigChange } from '../routing/routingCalls.js';
import type { AdminRoute } from './adminRoute.js';

const idOf = (value: unknown): string | undefined => {
  const id = (value as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * What an admin write changes in the running routing core: queue configs,
 * agents' profiles and the settings. Deletions are left alone (a deleted
 * queue gets no new work since chats start only in stored queues; a deleted
 * agent cannot log in again); teams and skills are read when used.
 */
function routingChangeOf(route: AdminRoute, input: { params: unknown; body: unknown }, result: unknown): ConfigChange | undefined {
  const { resource, action } = route.policy;
  if (action === 'delete') return undefined;
  if (resource === 'routingSettings') return { kind: 'settings' };
  const id = idOf(input.params) ?? idOf(result) ?? idOf(input.body);
  if (id === undefined) return undefined;
  if (resource === 'queues') return { kind: 'queue', queueId: id };
  if (resource === 'agents' && action !== 'create' && action !== 'setPassword') return { kind: 'agent', agentId: id };
  return undefined;
}

/** Every admin route, in the order the document lists them. */
export function adminRouteTable(store: Store, extra: readonly AdminRoute[] = []): AdminRoute[] {
  return [...codedResourceRoutes(store), ...agentRoutes(store), ...routingSettingsRoutes(store), ...extra];
}

/**
 * The admin API under /api/admin (role checks per ADMIN_POLICY) and the
 * OpenAPI document of every /api route at /api/openapi.json. The document
 * is public: it describes the contract, not data. `extraRoutes` are those of
 * features that own their admin resource (mailboxes). Returns every route mounted.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  deps: { store: Store; authenticate: Authenticate; onChanged?: (change: ConfigChange) => Promise<unknown>; extraRoutes?: readonly AdminRoute[] },
): AdminRoute[] {
  const routes = adminRouteTable(deps.store, deps.extraRoutes);
  mountAdminRoutes(app, routes, deps.authenticate, async (route, input, result) => {
    const change = routingChangeOf(route, input, result);
    // The write is committed; the running routing takes it now (a failure here is the owner's problem, not the caller's write).
    if (change) await deps.onChanged?.(change).catch((err: unknown) => app.log.warn({ err, change }, 'routing did not take the admin change'));
  });
  let document: OpenApiDocument | undefined;
  app.get(OPENAPI_URL, () =>
    // Built on first request: converting every schema costs a few ms that start-up need not pay.
    (document ??= buildOpenApiDocument([...CORE_ROUTE_DOCS, ...routes.map((r) => r.doc)], {
      title: 'OmniCC contact center API',
      version: '0.1.0',
      description: 'REST API of the CTI server. Errors answer { error: { code, message } }. Admin bodies are strict: unknown fields are refused.',
    })),
  );
  return routes;
}
