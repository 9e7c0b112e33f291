import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBssSim, type BssSim } from '@omnicc/bss-sim';
import type { EffectRequest } from '@omnicc/flows';
import { DEMO_FLOW_CATALOG, EXAMPLE_FLOWS, validate } from '@omnicc/flows';
import type { Interaction } from '@omnicc/shared';
import { FlowEffects } from '../flows/flowEffects.js';
import { buildFlowCatalog } from '../flows/flowCatalog.js';
import { createAddInPlatform } from './addInPlatform.js';
import { staticAddIns } from './addInService.js';
import { BILLING_MANIFEST } from './billing/billingManifest.js';

/**
 * The flow node "add-in call" through FlowEffects, the add-in service and
 * the connector, against a BSS simulator: an answer fills the outputs, a
 * BSS slower than the budget takes the timeout port, a broken one the
 * error port with a bilingual reason, and a disabled or ungranted add-in is
 * refused without a call.
 */

const API_KEY = 'flow-node-test-key';
let sim: BssSim;
const senders = { sms: () => Promise.resolve(), email: () => Promise.resolve() };
const interaction = { id: 'i1', channel: 'voice', customer: { phone: '+8613800138000' } } as unknown as Interaction;
const request = (timeoutMs?: number): EffectRequest => ({
  kind: 'addInCall',
  nodeId: 'lookup',
  idempotencyKey: 'run1:2',
  addInId: 'billing',
  operation: 'lookupAccount',
  input: { msisdn: '+8613800138000' },
  ...(timeoutMs === undefined ? {} : { timeoutMs }),
});
const platform = async (enabled = true, granted: string[] = ['customer.contact.read', 'billing.read']) =>
  createAddInPlatform({ config: {}, clock: { now: () => Date.now() }, source: staticAddIns([{ manifest: BILLING_MANIFEST, enabled, granted, baseUrl: sim.url, secret: API_KEY }]) });

beforeAll(async () => {
  sim = await createBssSim({ port: 0, subscribers: 1_000, asOf: '2025-06-15', apiKey: API_KEY, adminKey: 'flow-node-test-admin' });
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

describe('addInCall node', () => {
  it('ok: the outputs the flow maps', async () => {
    const result = await new FlowEffects(senders, (await platform()).service).perform(request(), interaction);
    expect(result).toMatchObject({ outcome: 'ok', output: { balance: 0, planName: '全球通尊享套餐288元', contractEndsOn: '2025-06-25' } });
    expect(result.outcome === 'ok' && typeof result.output?.arrears).toBe('number');
  });

  it("a BSS slower than the node's time-out takes the timeout port", async () => {
    sim.faults.add({ latencyMs: 5_000 });
    expect(await new FlowEffects(senders, (await platform()).service).perform(request(100), interaction)).toEqual({ outcome: 'timeout' });
  });

  it('HTML from the BSS takes the error port with the reason in both languages', async () => {
    sim.faults.add({ mode: 'html' });
    const result = await new FlowEffects(senders, (await platform()).service).perform(request(), interaction);
    expect(result.outcome).toBe('error');
    expect(result.outcome === 'error' && result.message).toMatch(/插件调用失败（BAD_RESPONSE）.*The add-in call failed \(BAD_RESPONSE\)/);
  });

  it('a disabled add-in, or one not granted billing.read, is an error without a call', async () => {
    sim.faults.add({ mode: 'http500' });
    for (const p of await Promise.all([platform(false), platform(true, ['customer.contact.read'])])) {
      const result = await new FlowEffects(senders, p.service).perform(request(), interaction);
      expect(result.outcome === 'error' && result.message).toMatch(/NOT_FOUND|NOT_GRANTED/);
    }
    expect(sim.faults.list()[0]?.remaining).toBeNull();
  });
});

describe('flows catalog', () => {
  it("lists the enabled billing add-in with the demo catalog's lookupAccount fields", async () => {
    const addIns = await (await platform()).service.catalog();
    const lookup = addIns[0]?.operations.find((o) => o.name === 'lookupAccount');
    const demo = DEMO_FLOW_CATALOG.addIns[0]?.operations.find((o) => o.name === 'lookupAccount');
    expect(addIns.map((a) => a.id)).toEqual(['billing']);
    for (const field of [...(demo?.inputs ?? []), ...(demo?.outputs ?? [])]) expect([...(lookup?.inputs ?? []), ...(lookup?.outputs ?? [])]).toContainEqual(field);
    expect(await (await platform(false)).service.catalog()).toEqual([]);
  });

  it('the example flows validate without errors against the live catalog (plan-change calls billing lookupAccount)', async () => {
    const live = { ...DEMO_FLOW_CATALOG, addIns: await (await platform()).service.catalog() };
    for (const flow of EXAMPLE_FLOWS) expect(validate(flow, live).filter((d) => d.severity === 'error')).toEqual([]);
    const withoutBilling = { ...DEMO_FLOW_CATALOG, addIns: await (await platform(false)).service.catalog() };
    expect(EXAMPLE_FLOWS.flatMap((f) => validate(f, withoutBilling)).map((d) => d.code)).toContain('unknown-add-in');
  });

  it('buildFlowCatalog takes the add-ins it is given', async () => {
    const store = { queues: { list: () => Promise.resolve([]) }, dictionaries: { get: () => Promise.resolve({ dispositions: [] }) } } as unknown as Parameters<typeof buildFlowCatalog>[0];
    const { service } = await platform(false);
    expect((await buildFlowCatalog(store, () => service.catalog())).addIns).toEqual([]);
  });
});
