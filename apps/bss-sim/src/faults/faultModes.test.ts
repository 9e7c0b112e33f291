import type { ReadableStreamReadResult } from 'node:stream/web';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, subscriberSchema } from '../api/schemas.js';
import type { BssSim } from '../server.js';
import { call, setFaults, startTestSim } from '../testing.js';

/**
 * Each fault mode as a real HTTP client (Node's fetch, undici) sees it:
 * what the add-in connector's tests will meet. No timing is asserted; where
 * a wait matters, the client's own timeout is far below the injected one.
 */

let sim: BssSim;
const GOLD = '/v1/subscribers/13800138000';
let healthyBody: string;

beforeAll(async () => {
  sim = await startTestSim();
  healthyBody = await (await call(sim, GOLD)).text();
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

/** What fetch rejected with: its name and the socket error behind it. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; cause: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { name: e.name, cause: e.cause?.code ?? e.cause?.message ?? '' };
  }
  throw new Error('the request did not fail');
}

describe('latency', () => {
  it('delays the answer (and says so in x-bss-latency-ms)', async () => {
    await setFaults(sim, [{ route: '/v1/**', latencyMs: 30, jitterMs: 20, seed: 1 }]);
    const res = await call(sim, GOLD);
    expect(res.status).toBe(200);
    const latency = Number(res.headers.get('x-bss-latency-ms'));
    expect(latency).toBeGreaterThanOrEqual(30);
    expect(latency).toBeLessThanOrEqual(50);
    subscriberSchema.parse(await res.json());
  });

  it('outlasts a client budget: the client times out', async () => {
    await setFaults(sim, [{ latencyMs: 20_000 }]);
    expect((await failure(call(sim, GOLD, { signal: AbortSignal.timeout(100) }))).name).toBe('TimeoutError');
  });
});

describe('error answers', () => {
  it('http500: a coded JSON error', async () => {
    await setFaults(sim, [{ mode: 'http500' }]);
    const res = await call(sim, GOLD);
    expect(res.status).toBe(500);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe('INJECTED_FAULT');
  });

  it('http503: a coded JSON error with Retry-After', async () => {
    await setFaults(sim, [{ mode: 'http503' }]);
    const res = await call(sim, GOLD);
    expect([res.status, res.headers.get('retry-after')]).toEqual([503, '1']);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe('UNAVAILABLE');
  });

  it('html: a gateway error page as text/html, 502 by default', async () => {
    await setFaults(sim, [{ mode: 'html' }]);
    const res = await call(sim, GOLD);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await res.text();
    expect(text).toContain('<html>');
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('html with status 200: res.ok is true and the body is still not JSON', async () => {
    await setFaults(sim, [{ mode: 'html', htmlStatus: 200 }]);
    const res = await call(sim, GOLD);
    expect(res.ok).toBe(true);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('badJson: 200 application/json, the first half of the real body', async () => {
    await setFaults(sim, [{ mode: 'badJson' }]);
    const res = await call(sim, GOLD);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(healthyBody.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(healthyBody.length);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });
});

describe('broken connections', () => {
  it('hang: no answer at all; the client gives up by its own timeout', async () => {
    await setFaults(sim, [{ mode: 'hang' }]);
    expect((await failure(call(sim, GOLD, { signal: AbortSignal.timeout(150) }))).name).toBe('TimeoutError');
  });

  it('hang is bounded: after hangMs the server closes the socket', async () => {
    await setFaults(sim, [{ mode: 'hang', hangMs: 50 }]);
    const seen = await failure(call(sim, GOLD));
    expect(seen.name).toBe('TypeError'); // "fetch failed", not the 10 s TimeoutError of call()
    expect(seen.cause).toMatch(/UND_ERR_SOCKET|ECONNRESET|other side closed/);
  });

  it('reset: the socket is destroyed, fetch fails', async () => {
    await setFaults(sim, [{ mode: 'reset' }]);
    const seen = await failure(call(sim, GOLD));
    expect(seen.name).toBe('TypeError');
    expect(seen.cause).toMatch(/UND_ERR_SOCKET|ECONNRESET|other side closed/);
  });

  it('slowBody: status and headers at once, the body in many small chunks, whole in the end', async () => {
    await setFaults(sim, [{ mode: 'slowBody', slowBody: { chunkBytes: 256, intervalMs: 5 } }]);
    const res = await call(sim, GOLD);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-bss-fault')).toBe('slowBody');
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < 10_000; i++) {
      const chunk: ReadableStreamReadResult<Uint8Array> = await reader.read();
      if (chunk.done) break;
      chunks.push(chunk.value);
    }
    expect(chunks.length).toBeGreaterThan(2);
    expect(Buffer.concat(chunks).toString()).toBe(healthyBody);
  });

  it('slowBody: a client whose budget ends mid-body has headers but no body', async () => {
    await setFaults(sim, [{ mode: 'slowBody', slowBody: { chunkBytes: 8, intervalMs: 10_000 } }]);
    const budget = new AbortController();
    const res = await call(sim, GOLD, { signal: budget.signal });
    expect(res.status).toBe(200);
    budget.abort();
    await expect(res.text()).rejects.toThrow();
  });
});

describe('which requests a rule takes', () => {
  it('matches route patterns and methods; /health and /admin are never faulted', async () => {
    await setFaults(sim, [
      { route: '/v1/subscribers/*/bills', mode: 'http500' },
      { route: '/v1/subscribers/*/payments', method: 'POST', mode: 'http503' },
    ]);
    expect((await call(sim, `${GOLD}/bills`)).status).toBe(500);
    expect((await call(sim, `${GOLD}/bills?limit=1`)).status).toBe(500);
    expect((await call(sim, `${GOLD}/balance`)).status).toBe(200);
    expect((await call(sim, `${GOLD}/payments`)).status).toBe(200);
    expect((await call(sim, `${GOLD}/payments`, { method: 'POST', body: '{"amount":"1"}' })).status).toBe(503);
    await setFaults(sim, [{ route: '/**', mode: 'reset' }]);
    expect((await fetch(`${sim.url}/health`)).status).toBe(200);
    expect((await call(sim, '/admin/faults')).status).toBe(200);
  });

  it('fails a share of requests, the same ones every run when seeded', async () => {
    const run = async () => {
      await setFaults(sim, [{ mode: 'http500', failureRate: 0.5, seed: 7 }]);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await call(sim, GOLD)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(500);
  });

  it('heals after `times` requests (a back end that recovers)', async () => {
    await setFaults(sim, [{ id: 'outage', mode: 'http503', times: 2 }]);
    const statuses = [(await call(sim, GOLD)).status, (await call(sim, GOLD)).status, (await call(sim, GOLD)).status];
    expect(statuses).toEqual([503, 503, 200]);
    expect(await (await call(sim, '/admin/faults')).json()).toEqual({ rules: [] });
  });
});
