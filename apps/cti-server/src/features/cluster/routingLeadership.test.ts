import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { openTestStore, type TestStore } from '../../adapters/db/testing.js';
import { RoutingLeadership } from './routingLeadership.js';
import { ROUTING_LEASE } from './remoteRouting.js';

const LONG_TTL = 60_000;

/** On the machine PostgreSQL (the lease repository itself is tested on both in adapters/db/leases.test.ts). */
describe('RoutingLeadership', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore('machine');
  });
  afterAll(() => t.cleanup());

  const leadership = (nodeId: string, events: string[]) =>
    new RoutingLeadership({
      leases: t.store.leases,
      holder: { nodeId, url: `http://${nodeId}:3000` },
      ttlMs: LONG_TTL,
      log: pino({ level: 'silent' }),
      onAcquired: () => Promise.resolve(void events.push(`${nodeId} acquired`)),
      onLost: () => Promise.resolve(void events.push(`${nodeId} lost`)),
    });

  it('relinquish stops routing here and frees the lease at once, so another node takes it without waiting for expiry', async () => {
    const events: string[] = [];
    const a = leadership('node-a', events);
    const b = leadership('node-b', events);
    await a.start();
    await b.start();
    expect(a.isOwner()).toBe(true);
    expect(b.isOwner()).toBe(false);
    await a.relinquish('routing writes failed');
    expect(a.isOwner()).toBe(false);
    expect(a.fence()).toBeUndefined();
    expect(await t.store.leases.current(ROUTING_LEASE)).toBeUndefined();
    // A second relinquish has nothing to give up.
    await a.relinquish('again');
    const taken = await t.store.leases.acquire(ROUTING_LEASE, { nodeId: 'node-c', url: 'http://node-c:3000' }, LONG_TTL);
    expect(taken?.token).toBe(2);
    expect(events).toStrictEqual(['node-a acquired', 'node-a lost']);
    await a.stop();
    await b.stop();
  });

  it('gives the lease up when the takeover fails', async () => {
    await t.pool.query('TRUNCATE leases');
    const lost: string[] = [];
    const failing = new RoutingLeadership({
      leases: t.store.leases,
      holder: { nodeId: 'node-d', url: 'http://node-d:3000' },
      ttlMs: LONG_TTL,
      log: pino({ level: 'silent' }),
      onAcquired: () => Promise.reject(new Error('database gone')),
      onLost: () => Promise.resolve(void lost.push('lost')),
    });
    await failing.start();
    expect(failing.isOwner()).toBe(false);
    expect(lost).toStrictEqual(['lost']);
    expect(await t.store.leases.current(ROUTING_LEASE)).toBeUndefined();
    await failing.stop();
  });
});
