import { describe, expect, it } from 'vitest';
import { AgentOccupancy, capacityFraction, type AgentWorkEvent } from './agentOccupancy.js';

const T0 = Date.parse('2024-03-09T10:00:00+08:00');
const min = (m: number, base = T0): number => base + m * 60_000;
const MIN = 60_000;

const status = (s: 'ready' | 'notReady' | 'busy' | 'offline', m: number, base = T0): AgentWorkEvent => ({ type: 'agentStatus', agentId: 'a1', status: s, at: min(m, base) });
const hold = (id: string, fraction: number, m: number, base = T0): AgentWorkEvent => ({ type: 'holding', agentId: 'a1', interactionId: id, fraction, at: min(m, base) });
const release = (id: string, m: number, base = T0): AgentWorkEvent => ({ type: 'released', agentId: 'a1', interactionId: id, at: min(m, base) });

function occupancy(events: readonly AgentWorkEvent[]) {
  const o = new AgentOccupancy({ timeZone: 'Asia/Shanghai' });
  for (const e of events) o.apply(e);
  return o;
}

describe('occupancy by capacity units', () => {
  it('weighs three concurrent chats by their share of a chat capacity of 3', () => {
    const third = capacityFraction({ voice: 1, chat: 3, email: 5, sms: 5 }, 'chat');
    const o = occupancy([
      status('ready', 0),
      hold('c1', third, 0),
      status('busy', 0),
      hold('c2', third, 10),
      hold('c3', third, 20),
      release('c3', 30),
      release('c2', 40),
    ]);
    const s = o.snapshot('a1', min(60));
    // Load: 1/3 on 0–10, 2/3 on 10–20, 1 on 20–30, 2/3 on 30–40, 1/3 on 40–60.
    // Work = 1/3·10 + 2/3·10 + 1·10 + 2/3·10 + 1/3·20 = 100/3 min (= chat-minutes 60 + 30 + 10, over 3).
    expect(s?.windows['60m'].workMs).toBeCloseTo((100 / 3) * MIN, 6);
    expect(s?.windows['60m'].availableMs).toBe(60 * MIN);
    // Occupancy = (100/3) / 60 = 5/9 ≈ 0.556; "busy time / logged-in time" would say 60/60 = 100%.
    expect(s?.windows['60m'].occupancy).toBeCloseTo(5 / 9, 9);
    // 15m (45–60 min): only c1 → (15/3) / 15 = 1/3.
    expect(s?.windows['15m'].occupancy).toBeCloseTo(1 / 3, 9);
    // Today began at 00:00 Shanghai; the agent's first event was 10:00, so today = the same hour.
    expect(s?.windows.today.occupancy).toBeCloseTo(5 / 9, 9);
    expect(s?.load).toBeCloseTo(1 / 3, 12); // c1 still held
  });

  it('is 100% with every chat slot full, and never above', () => {
    const o = occupancy([
      status('busy', 0),
      hold('c1', 1 / 3, 0),
      hold('c2', 1 / 3, 0),
      hold('c3', 1 / 3, 0),
      hold('v1', 1, 30), // forced voice on top: load is capped at 1
    ]);
    const s = o.snapshot('a1', min(60));
    expect(s?.windows['60m'].occupancy).toBeCloseTo(1, 12);
    expect(s?.load).toBe(1);
  });

  it('leaves idle not-ready time out, but counts not-ready time spent still working', () => {
    const o = occupancy([
      status('ready', 0),
      hold('v1', 1, 0),
      release('v1', 15), // voice 0–15: work 15 min
      status('notReady', 30),
      hold('e1', capacityFraction({ voice: 1, chat: 3, email: 5, sms: 5 }, 'email'), 30), // an email (1/5) finished while not ready
      release('e1', 40),
      status('ready', 45),
    ]);
    const s = o.snapshot('a1', min(60));
    // Work = 15 + 10 × 1/5 = 17 min. Available = 0–30 ready + 30–40 working + 45–60 ready = 55 min. 40–45: not ready, idle.
    expect(s?.windows['60m'].workMs).toBeCloseTo(17 * MIN, 6);
    expect(s?.windows['60m'].availableMs).toBe(55 * MIN);
    expect(s?.windows['60m'].occupancy).toBeCloseTo(17 / 55, 9);
  });

  it('is null, not NaN, when the agent was never available', () => {
    const o = occupancy([status('notReady', 0)]);
    const s = o.snapshot('a1', min(30));
    expect(s?.windows['60m']).toMatchObject({ workMs: 0, availableMs: 0, occupancy: null });
    expect(o.snapshot('nobody', min(30))).toBeUndefined();
  });

  it('splits today at Shanghai midnight', () => {
    const evening = Date.parse('2024-03-09T23:30:00+08:00');
    const o = occupancy([status('ready', 0, evening), hold('v1', 1, 20, evening), release('v1', 40, evening)]);
    // Ready from 23:30; a call 23:50–00:10. Read at 00:20.
    const s = o.snapshot('a1', min(50, evening));
    // Today (from 00:00): work 10 min (00:00–00:10) / available 20 min (00:00–00:20) = 0.5.
    expect(s?.windows.today.workMs).toBe(10 * MIN);
    expect(s?.windows.today.availableMs).toBe(20 * MIN);
    expect(s?.windows.today.occupancy).toBe(0.5);
    // 60m (23:20–00:20): work 20 / available 50 (from 23:30) = 0.4.
    expect(s?.windows['60m'].occupancy).toBe(0.4);
  });

  it('forgets segments once they are older than an hour', () => {
    const o = new AgentOccupancy({ timeZone: 'Asia/Shanghai' });
    o.apply(status('ready', 0));
    for (let i = 0; i < 200; i++) {
      o.apply(hold(`c${i}`, 1 / 3, i));
      o.apply(release(`c${i}`, i + 0.5));
    }
    // Read at 200 min: the last hour (140–200) has 60 holds of 30 s each → work 60 × 0.5 min / 3 = 10 min.
    const s = o.snapshot('a1', min(200));
    expect(s?.windows['60m'].workMs).toBeCloseTo(10 * MIN, 6);
    expect(s?.windows['60m'].occupancy).toBeCloseTo(10 / 60, 9);
    expect(s?.windows.today.workMs).toBeCloseTo((200 * 0.5 * MIN) / 3, 6);
    // Each minute closes two segments (held, then free); only those ending after 140 min stay: 2 × 60, plus the edge.
    expect(o.retained()).toBeLessThanOrEqual(2 * 61);
  });
});

describe('capacityFraction', () => {
  const capacity = { voice: 1, chat: 3, email: 5, sms: 0 };
  it('is 1 / capacity; voice and a channel without capacity take the whole agent', () => {
    expect(capacityFraction(capacity, 'chat')).toBeCloseTo(1 / 3, 15);
    expect(capacityFraction(capacity, 'email')).toBe(0.2);
    expect(capacityFraction(capacity, 'voice')).toBe(1);
    expect(capacityFraction(capacity, 'sms')).toBe(1);
  });
});
