import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../api/schemas.js';
import { ConfigError, loadConfig } from '../config.js';
import type { BssSim } from '../server.js';
import { call, startTestSim } from '../testing.js';
import { faultListSchema } from './faultSchema.js';

let sim: BssSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.close());

const list = async () => faultListSchema.parse(await (await call(sim, '/admin/faults')).json()).rules;

describe('/admin/faults', () => {
  it('replaces, adds, lists and removes rules', async () => {
    const put = await call(sim, '/admin/faults', { method: 'PUT', body: JSON.stringify({ rules: [{ id: 'slow', latencyMs: 5 }, { mode: 'html', times: 3 }] }) });
    expect(put.status).toBe(200);
    expect((await list()).map((r) => [r.id, r.remaining])).toEqual([['slow', null], ['f1', 3]]);

    const post = await call(sim, '/admin/faults', { method: 'POST', body: JSON.stringify({ route: '/v1/plans', mode: 'reset' }) });
    expect(post.status).toBe(201);
    expect((await list()).map((r) => r.id)).toEqual(['slow', 'f1', 'f2']);

    expect((await call(sim, '/admin/faults/slow', { method: 'DELETE' })).status).toBe(200);
    expect((await list()).map((r) => r.id)).toEqual(['f1', 'f2']);
    expect((await call(sim, '/admin/faults/slow', { method: 'DELETE' })).status).toBe(404);
    expect((await call(sim, '/admin/faults', { method: 'DELETE' })).status).toBe(200);
    expect(await list()).toEqual([]);
  });

  it('refuses bad rules with a coded 400 and keeps the rules it had', async () => {
    await call(sim, '/admin/faults', { method: 'PUT', body: JSON.stringify({ rules: [{ id: 'keep', latencyMs: 1 }] }) });
    for (const rules of [[{ mode: 'explode' }], [{ latencyMs: -1 }], [{ failureRate: 2 }], [{ route: 'no-slash' }], [{ id: 'a' }, { id: 'a' }], [{ unknown: true }]]) {
      const res = await call(sim, '/admin/faults', { method: 'PUT', body: JSON.stringify({ rules }) });
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('BAD_REQUEST');
    }
    expect((await list()).map((r) => r.id)).toEqual(['keep']);
    await call(sim, '/admin/faults', { method: 'DELETE' });
  });
});

describe('faults from the environment', () => {
  it('reads BSS_FAULTS and the latency shorthand, and names a bad variable', () => {
    const config = loadConfig({ BSS_FAULTS: '[{"route":"/v1/plans","mode":"http503","times":1}]', BSS_LATENCY_MS: '200', BSS_PORT: '0' });
    expect(config.faults).toEqual([
      expect.objectContaining({ route: '/v1/plans', mode: 'http503', times: 1 }),
      expect.objectContaining({ id: 'env-latency', latencyMs: 200 }),
    ]);
    expect(() => loadConfig({ BSS_FAULTS: '[{' })).toThrow(ConfigError);
    expect(() => loadConfig({ BSS_FAULTS: '[{"mode":"explode"}]' })).toThrow(/BSS_FAULTS/);
    expect(() => loadConfig({ BSS_PORT: 'eighty' })).toThrow(/BSS_PORT/);
  });

  it('starts with the configured faults in force', async () => {
    const config = loadConfig({ BSS_FAULTS: '[{"route":"/v1/plans","mode":"http503","times":1}]' });
    const faulty = await startTestSim({ faults: config.faults ?? [] });
    try {
      expect((await call(faulty, '/v1/plans')).status).toBe(503);
      expect((await call(faulty, '/v1/plans')).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});
