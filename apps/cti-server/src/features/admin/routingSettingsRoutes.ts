import { routingSettingsSchema, routingSettingsUpdateSchema } from '@omnicc/shared';
import type { Store } from '../../store/Store.js';
import { adminRoute, type AdminRoute } from './adminRoute.js';

const PATH = '/api/admin/routing-settings';

/** The global routing settings: one document, read and replaced whole. */
export function routingSettingsRoutes(store: Store): AdminRoute[] {
  return [
    adminRoute({
      method: 'GET',
      url: PATH,
      operationId: 'getRoutingSettings',
      summary: 'Read the routing settings (tier bonuses, aging, missed offers, grace periods)',
      tag: 'routing',
      policy: { resource: 'routingSettings', action: 'read' },
      reply: routingSettingsSchema,
      status: 200,
      handle: () => store.routingSettings.get(),
    }),
    adminRoute({
      method: 'PUT',
      url: PATH,
      operationId: 'updateRoutingSettings',
      summary: 'Replace the routing settings (fields left out go back to their defaults)',
      tag: 'routing',
      policy: { resource: 'routingSettings', action: 'update' },
      body: routingSettingsUpdateSchema,
      reply: routingSettingsSchema,
      status: 200,
      handle: ({ body }) => store.routingSettings.put(body),
    }),
  ];
}
