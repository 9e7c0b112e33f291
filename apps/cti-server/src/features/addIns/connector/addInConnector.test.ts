import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBssSim, type BssSim } from '@omnicc/bss-sim';
import { billingBackend } from '../billing/billingBackend.js';
import { BILLING_MANIFEST } from '../billing/billingManifest.js';
import { AddInConnector, type ConnectorTarget } from './addInConnector.js';
import { AddInCallError } from './addInErrors.js';
import type { ConnectorMetricsSink } from './connectorMetrics.js';

/**
 * The connector and the billing add-in's operations against a real BSS
 * simulator on 127.0.0.1, its faults injected per test (docs/bss-sim.md
 * §5). Time for the breaker and the cache is a hand-stepped clock; budgets
 * are far below injected delays, and no timing is asserted.
 */

const API_KEY = 'connector-test-key';
const GOLD = '+8613800138000'; // demo subscriber 0: VIP gold, two overdue bills
let sim: BssSim;
let now = 0;
const clock = { now: () => now };
const calls: string[] = [];
const metrics: ConnectorMetricsSink = { latency: (_a, op, _s, result) => calls.push(`${op}:${result}`), error() {}, breaker() {}, cache() {} };

const connector = () => new AddInConnector({ clock, metrics, breaker: { failureThreshold: 3, windowMs: 10_000, coolDownMs: 5_000 } });
const target = (): ConnectorTarget => ({ manifest: BILLING_MANIFEST, baseUrl: sim.url, secret: API_KEY, backend: billingBackend });

async function failure(promise: Promise<unknown>): Promise<AddInCallError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AddInCallError) return err;
    throw err;
  }
  throw new Error('the call did not fail');
}

/** A rule that counts matching requests and lets them through (after `latencyMs`); the first matching rule decides, so it goes alone. */
function countRequests(latencyMs = 0): () => number {
  const rule = sim.faults.add({ id: 'count', route: '/v1/**', times: 1_000, latencyMs });
  return () => 1_000 - (sim.faults.list().find((r) => r.id === rule.id)?.remaining ?? 1_000);
}

beforeAll(async () => {
  sim = await createBssSim({ port: 0, subscribers: 1_000, asOf: '2025-06-15', apiKey: API_KEY, adminKey: 'connector-test-admin' });
});
afterEach(() => {
  sim.faults.clear();
  calls.length = 0;
});
afterAll(() => sim.close());

describe('billing operations', () => {
  it('lookupAccount: balance, arrears, plan and contract of a demo subscriber', async () => {
    const { output, details } = await connector().call(target(), 'lookupAccount', { msisdn: GOLD });
    expect(output).toMatchObject({ balance: 0, planName: '全球通尊享套餐288元', overdueBills: 2, status: 'active' });
    expect(output.arrears).toBeGreaterThan(0);
    expect(output.contractEndsOn).toBe('2025-06-25');
    expect(details).toMatchObject({ plan: { nameEn: 'GoTone Premier 288' } });
  });

  it('recentBills: the newest bills, the last issued one in the outputs', async () => {
    const { output, details } = await connector().call(target(), 'recentBills', { msisdn: '13800138000', limit: 3 });
    const bills = (details as { bills: { period: string; status: string }[] }).bills;
    expect(bills).toHaveLength(3);
    expect(output.count).toBe(3);
    expect(bills[0]?.status).toBe('open');
    expect(output.lastPeriod).toBe(bills[1]?.period);
  });

  it('an unknown subscriber is NOT_FOUND and a missing input BAD_INPUT, neither a breaker failure', async () => {
    const c = connector();
    for (let i = 0; i < 4; i++) expect((await failure(c.call(target(), 'lookupAccount', { msisdn: '+8613899999999' }))).code).toMatch(/NOT_FOUND|BAD_INPUT/);
    expect((await failure(c.call(target(), 'lookupAccount', {}))).code).toBe('BAD_INPUT');
    expect((await failure(c.call(target(), 'noSuchOperation', { msisdn: GOLD }))).code).toBe('NOT_FOUND');
    expect(c.breakerState('billing')).toBe('closed');
  });
});

describe('budget', () => {
  it('a BSS slower than the budget is TIMEOUT', async () => {
    sim.faults.add({ latencyMs: 5_000 });
    expect((await failure(connector().call(target(), 'lookupAccount', { msisdn: GOLD }, 100))).code).toBe('TIMEOUT');
  });

  it('a BSS that hangs is TIMEOUT', async () => {
    sim.faults.add({ mode: 'hang', hangMs: 5_000 });
    expect((await failure(connector().call(target(), 'lookupAccount', { msisdn: GOLD }, 100))).code).toBe('TIMEOUT');
  });

  it('a body trickling past the budget is TIMEOUT', async () => {
    sim.faults.add({ mode: 'slowBody', slowBody: { chunkBytes: 8, intervalMs: 200 } });
    expect((await failure(connector().call(target(), 'lookupAccount', { msisdn: GOLD }, 150))).code).toBe('TIMEOUT');
  });
});

describe('bad answers', () => {
  it('bad JSON is BAD_RESPONSE', async () => {
    sim.faults.add({ mode: 'badJson' });
    expect((await failure(connector().call(target(), 'lookupAccount', { msisdn: GOLD }))).code).toBe('BAD_RESPONSE');
  });

  it('an HTML page instead of JSON is BAD_RESPONSE, with status 200 too', async () => {
    sim.faults.add({ mode: 'html', htmlStatus: 200 });
    const err = await failure(connector().call(target(), 'lookupAccount', { msisdn: GOLD }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('text/html');
  });

  it('a 5xx is UPSTREAM_ERROR, a reset connection UNREACHABLE, a closed port UNREACHABLE', async () => {
    sim.faults.add({ mode: 'http503', times: 1 });
    expect((await failure(connector().call(target(), 'lookupAccount', { msisdn: GOLD }))).code).toBe('UPSTREAM_ERROR');
    sim.faults.add({ mode: 'reset', times: 1 });
    expect((await failure(connector().call(target(), 'lookupAccount', { msisdn: GOLD }))).code).toBe('UNREACHABLE');
    expect((await failure(connector().call({ ...target(), baseUrl: 'http://127.0.0.1:1' }, 'lookupAccount', { msisdn: GOLD }))).code).toBe('UNREACHABLE');
  });

  it('an answer of the wrong shape is BAD_RESPONSE', async () => {
    const wrong: ConnectorTarget = { ...target(), backend: { call: () => Promise.resolve({ output: { balance: 'lots' } }) } };
    expect((await failure(connector().call(wrong, 'lookupAccount', { msisdn: GOLD }))).code).toBe('BAD_RESPONSE');
  });
});

describe('circuit breaker', () => {
  it('opens after 3 failures, refuses without calling, lets one trial through after the cool-down and closes', async () => {
    const c = connector();
    sim.faults.add({ mode: 'http503', times: 3 });
    for (let i = 0; i < 3; i++) expect((await failure(c.call(target(), 'lookupAccount', { msisdn: GOLD }))).code).toBe('UPSTREAM_ERROR');
    expect(c.breakerState('billing')).toBe('open');
    const requests = countRequests();
    expect((await failure(c.call(target(), 'lookupAccount', { msisdn: GOLD }))).code).toBe('BREAKER_OPEN');
    expect(requests()).toBe(0);
    now += 5_000;
    expect(c.breakerState('billing')).toBe('halfOpen');
    expect((await c.call(target(), 'lookupAccount', { msisdn: GOLD })).output.status).toBe('active');
    expect(requests()).toBe(1);
    expect(c.breakerState('billing')).toBe('closed');
  });

  it('a failed trial opens it again', async () => {
    const c = connector();
    sim.faults.add({ mode: 'http500' });
    for (let i = 0; i < 3; i++) await failure(c.call(target(), 'lookupAccount', { msisdn: GOLD }));
    now += 5_000;
    expect((await failure(c.call(target(), 'lookupAccount', { msisdn: GOLD }))).code).toBe('UPSTREAM_ERROR');
    expect(c.breakerState('billing')).toBe('open');
    expect((await failure(c.call(target(), 'lookupAccount', { msisdn: GOLD }))).code).toBe('BREAKER_OPEN');
  });

  it('failures spread wider than the window do not open it', async () => {
    const c = connector();
    sim.faults.add({ mode: 'http500' });
    for (let i = 0; i < 4; i++) {
      await failure(c.call(target(), 'lookupAccount', { msisdn: GOLD }));
      now += 6_000;
    }
    expect(c.breakerState('billing')).toBe('closed');
  });
});

describe('cache and shared calls', () => {
  it('answers the same operation and input from the cache until the TTL ends', async () => {
    const c = connector();
    const requests = countRequests();
    const first = await c.call(target(), 'lookupAccount', { msisdn: GOLD });
    expect(await c.call(target(), 'lookupAccount', { msisdn: GOLD })).toEqual(first);
    expect(requests()).toBe(1);
    await c.call(target(), 'recentBills', { msisdn: GOLD });
    expect(requests()).toBe(2);
    now += 30_000;
    await c.call(target(), 'lookupAccount', { msisdn: GOLD });
    expect(requests()).toBe(3);
  });

  it('concurrent identical calls share one request', async () => {
    const c = connector();
    const requests = countRequests(100);
    const results = await Promise.all([1, 2, 3, 4].map(() => c.call(target(), 'lookupAccount', { msisdn: GOLD })));
    expect(new Set(results).size).toBe(1);
    expect(requests()).toBe(1);
    expect(calls).toEqual(['lookupAccount:ok']);
  });

  it('a failure is not cached', async () => {
    const c = connector();
    sim.faults.add({ mode: 'http503', times: 1 });
    await failure(c.call(target(), 'lookupAccount', { msisdn: GOLD }));
    expect((await c.call(target(), 'lookupAccount', { msisdn: GOLD })).output.status).toBe('active');
  });
});
