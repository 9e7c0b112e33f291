import { customerSettingsSchema, expiringContractListSchema, expiringContractsQuerySchema, rfmRunResultSchema } from '@omnicc/shared';
import { adminRoute, type AdminRoute } from '../admin/adminRoute.js';
import type { CustomerService } from './customerService.js';
import { localDate } from './customerService.js';
import { daysBetween } from './customerView.js';

const TAG = 'customers';

/**
 * The customer features' admin API (docs/customers.md "Admin"), checked
 * against ADMIN_POLICY.customers: settings (RFM thresholds, warning rules)
 * read by supervisors and admins and changed by admins; the RFM job run on
 * demand by admins; the enterprise contracts' expiry warning list for staff.
 */
export function customerAdminRoutes(deps: { customers: CustomerService; timeZone: string; now: () => number }): AdminRoute[] {
  const { customers } = deps;
  return [
    adminRoute({
      method: 'GET',
      url: '/api/admin/customer-settings',
      operationId: 'getCustomerSettings',
      summary: 'RFM thresholds and the warning rules of the customer card (contract ending days, repeated complaints, the billing/service-change moment)',
      tag: TAG,
      policy: { resource: 'customers', action: 'readSettings' },
      reply: customerSettingsSchema,
      status: 200,
      handle: () => customers.settings.get(),
    }),
    adminRoute({
      method: 'PUT',
      url: '/api/admin/customer-settings',
      operationId: 'putCustomerSettings',
      summary: 'Replace the customer settings (full replace; the card uses them within seconds, the next RFM run uses the thresholds)',
      tag: TAG,
      policy: { resource: 'customers', action: 'updateSettings' },
      body: customerSettingsSchema,
      reply: customerSettingsSchema,
      status: 200,
      handle: ({ body, principal }) => customers.settings.put(body, principal.userId, new Date(deps.now()).toISOString()),
    }),
    adminRoute({
      method: 'POST',
      url: '/api/admin/customer-rfm/run',
      operationId: 'runCustomerRfm',
      summary: 'Run the RFM job now (joins a run under way) and answer what it did',
      tag: TAG,
      policy: { resource: 'customers', action: 'runRfm' },
      reply: rfmRunResultSchema,
      status: 200,
      errors: [],
      handle: () => customers.rfm.run(),
    }),
    adminRoute({
      method: 'GET',
      url: '/api/admin/customer-contracts/expiring',
      operationId: 'listExpiringContracts',
      summary: "Enterprise contracts ending within `days` (default 90) and within their own warning window, soonest first (合同到期预警)",
      tag: TAG,
      policy: { resource: 'customers', action: 'expiringContracts' },
      query: expiringContractsQuerySchema,
      reply: expiringContractListSchema,
      status: 200,
      handle: async ({ query }) => {
        const today = localDate(deps.now(), deps.timeZone);
        const rows = await customers.reads.expiringContracts(today, query.days);
        return { items: rows.map((k) => ({ ...k, daysLeft: daysBetween(today, k.endOn), expiring: true })) };
      },
    }),
  ];
}
