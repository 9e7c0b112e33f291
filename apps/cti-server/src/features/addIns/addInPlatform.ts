import type pg from 'pg';
import type { Registry } from 'prom-client';
import { createAddInsRepo } from '../../adapters/db/addInsRepo.js';
import type { Clock } from '../../clock.js';
import type { SecretBox } from '../../secrets/secretBox.js';
import type { AdminRoute } from '../admin/adminRoute.js';
import type { AddInConfig } from './addInConfig.js';
import { addInAdminRoutes } from './addInAdminRoutes.js';
import { AddInRegistry } from './addInRegistry.js';
import { AddInService, staticAddIns, type AddInSource } from './addInService.js';
import { billingBackend } from './billing/billingBackend.js';
import { BILLING_MANIFEST } from './billing/billingManifest.js';
import { AddInConnector } from './connector/addInConnector.js';
import type { BreakerOptions } from './connector/circuitBreaker.js';
import { createConnectorMetrics } from './connector/connectorMetrics.js';

/** The add-in platform as app.ts holds it. */
export interface AddInPlatform {
  service: AddInService;
  connector: AddInConnector;
  /** The admin API's routes (none without the registry). */
  adminRoutes: AdminRoute[];
}

/** Add-ins with code in this server: their backends and manifests, by add-in id. */
export const BUILT_IN_BACKENDS = { billing: billingBackend };
export const BUILT_IN_MANIFESTS = [BILLING_MANIFEST];

/** The billing add-in enabled with the environment's BSS (OMNICC_BSS_URL, OMNICC_BSS_KEY): a source for tests without a database. */
export const configuredBilling = (config: AddInConfig): AddInSource =>
  staticAddIns([
    {
      manifest: BILLING_MANIFEST,
      enabled: true,
      granted: BILLING_MANIFEST.capabilities,
      ...(config.bssUrl === undefined ? {} : { baseUrl: config.bssUrl }),
      ...(config.bssKey === undefined ? {} : { secret: config.bssKey }),
    },
  ]);

/** Where built-in add-ins reach their systems when an admin configured nothing: the environment. */
const defaultsOf = (config: AddInConfig) => ({
  billing: { ...(config.bssUrl === undefined ? {} : { baseUrl: config.bssUrl }), ...(config.bssKey === undefined ? {} : { secret: config.bssKey }) },
});

/**
 * Builds the connector (metrics on `registry`) and the service over the
 * registry table (given the pool and the secret box; built-in add-ins are
 * installed and enabled on first start, an admin's later choice stands), or
 * over `source` in tests.
 */
export async function createAddInPlatform(deps: {
  config: AddInConfig;
  clock: Clock;
  registry?: Registry;
  db?: { pool: pg.Pool; secrets: SecretBox };
  source?: AddInSource;
  breaker?: BreakerOptions;
}): Promise<AddInPlatform> {
  const connector = new AddInConnector({ clock: deps.clock, ...(deps.registry ? { metrics: createConnectorMetrics(deps.registry) } : {}), ...(deps.breaker ? { breaker: deps.breaker } : {}) });
  let source = deps.source ?? configuredBilling(deps.config);
  let adminRoutes: AdminRoute[] = [];
  if (deps.db && !deps.source) {
    const registry = new AddInRegistry({
      repo: createAddInsRepo(deps.db.pool),
      secrets: deps.db.secrets,
      clock: deps.clock,
      defaults: defaultsOf(deps.config),
      breakerState: (id) => connector.breakerState(id),
      onChanged: (id) => connector.reset(id),
    });
    for (const manifest of BUILT_IN_MANIFESTS) await registry.ensureBuiltIn(manifest);
    source = registry;
    adminRoutes = addInAdminRoutes(registry);
  }
  const service = new AddInService({ source, connector, backends: BUILT_IN_BACKENDS });
  return { service, connector, adminRoutes };
}
