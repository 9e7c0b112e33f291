import type { Registry } from 'prom-client';
import type { Clock } from '../../clock.js';
import type { AddInConfig } from './addInConfig.js';
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
}

/** Add-ins with code in this server: their backends, by add-in id. */
export const BUILT_IN_BACKENDS = { billing: billingBackend };

/**
 * The billing add-in as the environment configures it (OMNICC_BSS_URL,
 * OMNICC_BSS_KEY): installed, enabled and granted what it asks for.
 */
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

/** Builds the connector (metrics on `registry`) and the service over `source` (default: the configured billing add-in). */
export function createAddInPlatform(deps: { config: AddInConfig; clock: Clock; registry?: Registry; source?: AddInSource; breaker?: BreakerOptions }): AddInPlatform {
  const connector = new AddInConnector({ clock: deps.clock, ...(deps.registry ? { metrics: createConnectorMetrics(deps.registry) } : {}), ...(deps.breaker ? { breaker: deps.breaker } : {}) });
  const service = new AddInService({ source: deps.source ?? configuredBilling(deps.config), connector, backends: BUILT_IN_BACKENDS });
  return { service, connector };
}
