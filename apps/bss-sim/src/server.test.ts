import { describe, expect, it } from 'vitest';
import { createBssSim } from './server.js';
import { call, setFaults, startTestSim } from './testing.js';

/** Handles that a server, its connections or its timers leave behind. */
function netHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap' || r === 'Timeout').length;
}

async function settled(predicate: () => boolean): Promise<boolean> {
  // Bounded: sockets close within a few event-loop turns after close().
  for (let i = 0; i < 200; i++) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return predicate();
}

describe('createBssSim', () => {
  it('listens on 127.0.0.1 only', async () => {
    const sim = await startTestSim();
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sim.close();
    }
  });

  it('closes cleanly with a hanging, a trickling and a delayed request in flight, leaving no handle behind', async () => {
    const baseline = netHandles();
    const sim = await startTestSim();
    await setFaults(sim, [
      { route: '/v1/subscribers/*/bills', mode: 'hang', times: 1 },
      { route: '/v1/subscribers/*/usage', mode: 'slowBody', slowBody: { chunkBytes: 4, intervalMs: 5_000 }, times: 1 },
      { route: '/v1/plans', latencyMs: 60_000, times: 1 },
    ]);
    const hanging = call(sim, '/v1/subscribers/13800138000/bills').then((r) => r.text());
    const trickling = call(sim, '/v1/subscribers/13800138000/usage').then((r) => r.text());
    const delayed = call(sim, '/v1/plans').then((r) => r.text());
    // Each rule removes itself when its request arrives: then all three are in flight.
    expect(await settled(() => sim.faults.size === 0)).toBe(true);
    expect(netHandles()).toBeGreaterThan(baseline);
    await sim.close();
    await sim.close(); // idempotent
    const outcomes = await Promise.allSettled([hanging, trickling, delayed]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await settled(() => netHandles() <= baseline)).toBe(true);
  });

  it('refuses keys that are short or equal', async () => {
    await expect(createBssSim({ apiKey: 'short', adminKey: 'long-enough-key' })).rejects.toThrow(RangeError);
    await expect(createBssSim({ apiKey: 'same-key-123', adminKey: 'same-key-123' })).rejects.toThrow(/differ/);
  });
});
