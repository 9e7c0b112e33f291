import { describe, expect, it } from 'vitest';
import { cloneState } from './create.js';
import { decide } from './decide.js';
import { harness, queueConfig, serialise } from './testkit.js';

describe('state ownership', () => {
  it('mutates in place, and a clone taken before replays to the same result', () => {
    const h = harness();
    h.queue('q');
    h.login(1);
    h.enqueue('i1');
    const copy = cloneState(h.state);
    const config = () => {
      let n = 100;
      return { newId: () => `x${++n}` };
    };
    const event = { type: 'enqueue', interactionId: 'i2', queueId: 'q', channel: 'chat', tier: 'vipGold', enqueuedAt: h.now } as const;
    const a = decide(h.state, event, h.now, config());
    expect(a.state).toBe(h.state);
    expect(copy.interactions.has('i2')).toBe(false);
    const b = decide(copy, event, h.now, config());
    expect(b.commands).toEqual(a.commands);
    expect(serialise(b.state)).toEqual(serialise(a.state));
    // The clone's slots point at the clone's agents, not the original's.
    const slot = b.state.queues.get('q')?.ready[0];
    expect(slot && b.state.agents.get(slot.agent.id)).toBe(slot?.agent);
  });

  it('refuses malformed config with a coded error', () => {
    const h = harness();
    expect(h.step({ type: 'queueConfigChanged', queue: { ...queueConfig('q'), priority: 500 } }).error?.code).toBe('BAD_REQUEST');
    expect(h.step({ type: 'settingsChanged', settings: { ...h.state.settings, agingPerSecond: -1 } }).error?.code).toBe('BAD_REQUEST');
    expect(h.step({ type: 'nonsense' } as never).error?.code).toBe('BAD_REQUEST');
  });
});
