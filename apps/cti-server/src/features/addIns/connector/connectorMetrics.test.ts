import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BILLING_MANIFEST } from '../billing/billingManifest.js';
import { AddInConnector, type AddInBackend } from './addInConnector.js';
import { AddInCallError } from './addInErrors.js';
import { createConnectorMetrics } from './connectorMetrics.js';

/** The connector's figures as /metrics shows them, per add-in: latency, errors by kind, breaker state, cache. */
describe('connector metrics', () => {
  it('counts calls, errors, cache hits and the breaker state per add-in', async () => {
    const registry = new Registry();
    let failing = true;
    const backend: AddInBackend = {
      call: () => (failing ? Promise.reject(new AddInCallError('UPSTREAM_ERROR', 'down')) : Promise.resolve({ output: { balance: 1, arrears: 0, planName: 'p', overdueBills: 0, amountDue: 0, status: 'active' } })),
    };
    const connector = new AddInConnector({ clock: { now: () => 0 }, metrics: createConnectorMetrics(registry), breaker: { failureThreshold: 1, windowMs: 1000, coolDownMs: 0 } });
    const target = { manifest: BILLING_MANIFEST, baseUrl: 'http://127.0.0.1:9', backend };
    await expect(connector.call(target, 'lookupAccount', { msisdn: '+8613800138000' })).rejects.toThrow('down');
    failing = false;
    await connector.call(target, 'lookupAccount', { msisdn: '+8613800138000' });
    await connector.call(target, 'lookupAccount', { msisdn: '+8613800138000' });
    const text = await registry.metrics();
    expect(text).toContain('omnicc_addin_errors_total{addIn="billing",kind="UPSTREAM_ERROR"} 1');
    expect(text).toContain('omnicc_addin_call_seconds_count{addIn="billing",operation="lookupAccount",result="ok"} 1');
    expect(text).toContain('omnicc_addin_cache_total{addIn="billing",result="hit"} 1');
    expect(text).toContain('omnicc_addin_breaker_state{addIn="billing",state="closed"} 1');
    expect(text).toContain('omnicc_addin_breaker_state{addIn="billing",state="open"} 0');
  });
});
