import { z } from 'zod';
import { addInGrantsSchema, addInIdParamsSchema, addInInstallSchema, addInUpdateSchema, addInViewSchema } from '@omnicc/shared';
import { adminRoute, type AdminRoute } from '../admin/adminRoute.js';
import type { AddInRegistry } from './addInRegistry.js';

const PATH = '/api/admin/add-ins';
const ONE = `${PATH}/:id`;
const TAG = 'Add-ins';

/** The add-ins admin API (admins only, ADMIN_POLICY.addIns): list, install or update from a manifest, enable/disable and configure, grant and revoke. */
export function addInAdminRoutes(registry: AddInRegistry): AdminRoute[] {
  return [
    adminRoute({
      method: 'GET',
      url: PATH,
      operationId: 'listAddIns',
      summary: 'Installed add-ins with their manifest, state, grants and breaker (keys are never returned)',
      tag: TAG,
      policy: { resource: 'addIns', action: 'read' },
      reply: z.object({ items: z.array(addInViewSchema) }),
      status: 200,
      handle: async () => ({ items: await registry.views() }),
    }),
    adminRoute({
      method: 'GET',
      url: ONE,
      operationId: 'getAddIn',
      summary: 'One installed add-in',
      tag: TAG,
      policy: { resource: 'addIns', action: 'read' },
      params: addInIdParamsSchema,
      reply: addInViewSchema,
      status: 200,
      errors: ['NOT_FOUND'],
      handle: ({ params }) => registry.view(params.id),
    }),
    adminRoute({
      method: 'POST',
      url: PATH,
      operationId: 'installAddIn',
      summary: 'Install an add-in from its manifest, or update an installed one (state kept, grants narrowed to the new manifest); a manifest asking for unknown or undeclared capabilities is UNPROCESSABLE with its problems',
      tag: TAG,
      policy: { resource: 'addIns', action: 'install' },
      body: addInInstallSchema,
      reply: addInViewSchema,
      status: 200,
      errors: ['UNPROCESSABLE'],
      handle: async ({ body, principal }) => (await registry.install(body.manifest, principal.userId)).view,
    }),
    adminRoute({
      method: 'PUT',
      url: ONE,
      operationId: 'updateAddIn',
      summary: 'Enable or disable an add-in, set its base URL or its key (stored sealed); fields left out are kept',
      tag: TAG,
      policy: { resource: 'addIns', action: 'update' },
      params: addInIdParamsSchema,
      body: addInUpdateSchema,
      reply: addInViewSchema,
      status: 200,
      errors: ['NOT_FOUND'],
      handle: ({ params, body, principal }) => registry.update(params.id, body, principal.userId),
    }),
    adminRoute({
      method: 'PUT',
      url: `${ONE}/grants`,
      operationId: 'setAddInGrants',
      summary: 'Grant and revoke capabilities: the list replaces the grants; each must be one the manifest asks for',
      tag: TAG,
      policy: { resource: 'addIns', action: 'grant' },
      params: addInIdParamsSchema,
      body: addInGrantsSchema,
      reply: addInViewSchema,
      status: 200,
      errors: ['NOT_FOUND', 'UNPROCESSABLE'],
      handle: ({ params, body, principal }) => registry.setGrants(params.id, body.granted, principal.userId),
    }),
  ];
}
