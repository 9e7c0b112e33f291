import { describe, expect, it } from 'vitest';
import { A, harness, ofType, offers } from './testkit.js';

describe('outbound calls (click-to-call)', () => {
  const placed = (agent: number, id: string) => ({ type: 'outboundPlaced' as const, interactionId: id, agentId: A(agent), queueId: 'voice', channel: 'voice' as const });

  it("is the agent's at once, counts against capacity, and keeps routed calls away while it lasts", () => {
    const h = harness();
    h.queue('voice', { channel: 'voice', wrapUpSeconds: 10 });
    h.login(1, {}, {}, 'notReady');
    // Not ready is fine: agents call customers back while not taking new work.
    const cmds = h.run(placed(1, 'out1'));
    expect(ofType(cmds, 'outboundPlaced')).toEqual([{ type: 'outboundPlaced', interactionId: 'out1', agentId: A(1), queueId: 'voice', at: h.now }]);
    expect(h.state.interactions.get('out1')).toMatchObject({ state: 'assigned', agentId: A(1) });
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    expect(h.state.agents.get(A(1))?.status).toBe('busy');
    // A caller arrives meanwhile: it waits, since the only agent is on a call.
    expect(offers(h.enqueue('in1', { queueId: 'voice' }))).toEqual([]);
    // A second call of their own does not fit either.
    expect(h.step(placed(1, 'out2')).error?.code).toBe('INVALID_STATE');
    // The call ends: after-call time, then the waiting caller.
    h.run({ type: 'interactionEnded', interactionId: 'out1', agentId: A(1) });
    expect(offers(h.run({ type: 'wrapUpDone', agentId: A(1) }))).toEqual([['in1', A(1)]]);
  });

  it('is refused for an agent not signed in, an unknown queue or an id already open', () => {
    const h = harness();
    h.queue('voice', { channel: 'voice' });
    expect(h.step(placed(1, 'out1')).error?.code).toBe('NOT_FOUND');
    h.login(1);
    expect(h.step({ ...placed(1, 'out1'), queueId: 'nope' }).error?.code).toBe('NOT_FOUND');
    h.enqueue('in1', { queueId: 'voice' });
    expect(h.step(placed(1, 'in1')).error?.code).toBe('CONFLICT');
  });
});
