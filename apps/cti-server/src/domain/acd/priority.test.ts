import { routingSettingsSchema } from '@omnicc/shared';
import { describe, expect, it } from 'vitest';
import { effectivePriority, priorityKey } from './priority.js';
import { A, harness, offers } from './testkit.js';

const settings = routingSettingsSchema.parse({});

/** Queues items while the only agent is not ready, then lets them be offered one at a time (voice: capacity 1). */
function orderOfOffers(setup: (h: ReturnType<typeof harness>) => void): string[] {
  const h = harness();
  h.queue('q', { channel: 'voice' });
  h.login(1, {}, {}, 'notReady');
  setup(h);
  const order: string[] = [];
  let cmds = h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
  for (;;) {
    const offered = offers(cmds)[0];
    if (!offered) break;
    order.push(offered[0]);
    h.accept(offered[0]);
    h.run({ type: 'interactionEnded', interactionId: offered[0] });
    cmds = h.run({ type: 'wrapUpDone', agentId: A(1) });
  }
  return order;
}

describe('priority', () => {
  it('keys order like effective priority at any time', () => {
    const a = priorityKey(settings, 50, 'ordinary', 0);
    const b = priorityKey(settings, 50, 'vipGold', 60_000);
    for (const now of [60_000, 100_000, 1_000_000]) {
      const ea = effectivePriority(settings, 50, 'ordinary', 0, now);
      const eb = effectivePriority(settings, 50, 'vipGold', 60_000, now);
      expect(Math.sign(a - b)).toBe(Math.sign(ea - eb));
    }
  });

  it('serves higher tiers first, then earlier arrivals, then ids', () => {
    const order = orderOfOffers((h) => {
      h.enqueue('ordinary', { tier: 'ordinary' });
      h.enqueue('loyal', { tier: 'loyal' });
      h.enqueue('gold', { tier: 'vipGold' });
      h.enqueue('platinum-b', { tier: 'vipPlatinum' });
      h.enqueue('platinum-a', { tier: 'vipPlatinum' });
      h.enqueue('platinum-early', { tier: 'vipPlatinum', enqueuedAt: h.now - 1 });
    });
    expect(order).toEqual(['platinum-early', 'platinum-a', 'platinum-b', 'gold', 'loyal', 'ordinary']);
  });

  it('ages priority so a starving ordinary customer beats a fresh VIP', () => {
    // Platinum bonus 50 at 0.5 points per second: after 100 s an ordinary customer ties, after that they win.
    const early = orderOfOffers((h) => {
      h.enqueue('ordinary');
      h.advance(99_000);
      h.enqueue('vip', { tier: 'vipPlatinum' });
    });
    expect(early).toEqual(['vip', 'ordinary']);
    const late = orderOfOffers((h) => {
      h.enqueue('ordinary');
      h.advance(101_000);
      h.enqueue('vip', { tier: 'vipPlatinum' });
    });
    expect(late).toEqual(['ordinary', 'vip']);
  });

  it('compares across queues by queue priority plus tier plus aging', () => {
    const h = harness();
    h.queue('low', { channel: 'voice', priority: 10 });
    h.queue('high', { channel: 'voice', priority: 60 });
    h.login(1, {}, {}, 'notReady');
    h.enqueue('in-low', { queueId: 'low', tier: 'vipPlatinum' }); // 10 + 50 = 60
    h.enqueue('in-high', { queueId: 'high', enqueuedAt: h.now + 1 }); // 60, one ms later
    const cmds = h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    expect(offers(cmds)).toEqual([['in-low', A(1)]]);
  });

  it('re-keys waiting interactions when the queue priority or the settings change', () => {
    const h = harness();
    h.queue('a', { channel: 'voice', priority: 50 });
    h.queue('b', { channel: 'voice', priority: 40 });
    h.login(1, {}, {}, 'notReady');
    h.enqueue('x', { queueId: 'a' });
    h.enqueue('y', { queueId: 'b', tier: 'loyal' }); // 40 + 15 > 50
    h.queue('b', { channel: 'voice', priority: 30 }); // 30 + 15 < 50
    expect(offers(h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' }))).toEqual([['x', A(1)]]);
    const h2 = harness();
    h2.queue('a', { channel: 'voice', priority: 50 });
    h2.queue('b', { channel: 'voice', priority: 40 });
    h2.login(1, {}, {}, 'notReady');
    h2.enqueue('x', { queueId: 'a' });
    h2.enqueue('y', { queueId: 'b', tier: 'loyal' });
    h2.run({ type: 'settingsChanged', settings: routingSettingsSchema.parse({ tierBonus: { ...settings.tierBonus, loyal: 5 } }) });
    expect(offers(h2.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' }))).toEqual([['x', A(1)]]);
  });
});
