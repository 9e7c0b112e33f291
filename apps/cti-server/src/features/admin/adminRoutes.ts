import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/Store.js';
import type { Authenticate } from '../auth/guard.js';
import { mountAdminRoutes, type AdminRoute } from './adminRoute.js';
import { agentRoutes } from './agentRoutes.js';
import { codedResourceRoutes } from './codedResources.js';
import { CORE_ROUTE_DOCS, OPENAPI_URL } from './openapi/coreRoutesDoc.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/openApiDocument.js';
import { routingSettingsRoutes } from './routingSettingsRoutes.js';

/** Every admin route, in the order the document lists them. */
export function adminRouteTable(store: Store): AdminRoute[] {
  return [...codedResourceRoutes(store), ...agentRoutes(store), ...routingSettingsRoutes(store)];
}

/**
 * The admin API under /api/admin (role checks per ADMIN_POLICY) and the
 * OpenAPI document of every /api route at /api/openapi.json. The document
 * is public: it describes the contract, not data.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate }): void {
  const routes = adminRouteTable(deps.store);
  mountAdminRoutes(app, routes, deps.authenticate);
  let document: OpenApiDocument | undefined;
  app.get(OPENAPI_URL, () =>
    // Built on first request: converting every schema costs a few ms that start-up need not pay.
    (document ??= buildOpenApiDocument([...CORE_ROUTE_DOCS, ...routes.map((r) => r.doc)], {
      title: 'OmniCC contact center API',
      version: '0.1.0',
      description: 'REST API of the CTI server. Errors answer { error: { code, message } }. Admin bodies are strict: unknown fields are refused.',
    })),
  );
}
