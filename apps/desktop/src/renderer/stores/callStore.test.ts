// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { resetAllStores } from '../testing/reset.js';
import { selectLiveCall, useCallStore } from './callStore.js';

describe('call store', () => {
  beforeEach(resetAllStores);
  const s = () => useCallStore.getState();

  it('walks a call from ringing to ended, keeping the first connect time through hold and resume', () => {
    s().ringing({ callId: 'c1', offerId: 'o1', interactionId: 'i1', consultFor: null, number: '13800138000', name: null });
    expect(selectLiveCall(s())).toBeNull();
    s().connected('c1', '2025-03-01T08:00:00.000Z');
    s().setHeld('c1', true);
    expect(selectLiveCall(s())?.phase).toBe('held');
    s().setHeld('c1', false);
    s().connected('c1', '2025-03-01T08:05:00.000Z');
    expect(s().call).toMatchObject({ phase: 'connected', connectedAt: '2025-03-01T08:00:00.000Z' });
    s().setKeypadOpen(true);
    s().ended('c1');
    expect(s()).toMatchObject({ call: { phase: 'ended' }, keypadOpen: false });
    expect(selectLiveCall(s())).toBeNull();
    s().clear('c1');
    expect(s().call).toBeNull();
  });

  it('ignores events of a call that is no longer the current one', () => {
    s().ringing({ callId: 'c2', offerId: null, interactionId: null, consultFor: null, number: '1', name: null });
    s().connected('old', '2025-03-01T08:00:00.000Z');
    s().setMuted('old', true);
    s().clear('old');
    expect(s().call).toMatchObject({ callId: 'c2', phase: 'ringing', muted: false });
  });

  it('keeps a consult line beside the call, each changed by its own id, and drops only the one that ended', () => {
    s().ringing({ callId: 'c1', offerId: 'o1', interactionId: 'i1', consultFor: null, number: '13800138000', name: null });
    s().connected('c1', '2025-03-01T08:00:00.000Z');
    s().setHeld('c1', true);
    s().setCallPicker('consult');
    s().consultDialing({ callId: 'k1', number: 'lina', name: 'Li Na', consultFor: 'i1', colleagueId: 'a71' });
    expect(s()).toMatchObject({ callPicker: null, consult: { callId: 'k1', direction: 'outbound', phase: 'dialing', colleagueId: 'a71' } });
    s().connected('k1', '2025-03-01T08:01:00.000Z');
    s().setPending('k1', 'transfer');
    expect(s().consult).toMatchObject({ phase: 'connected', pending: 'transfer' });
    expect(s().call).toMatchObject({ phase: 'held', pending: null });
    s().ended('c1', 'transferred');
    expect(s().call?.phase).toBe('transferred');
    expect(selectLiveCall(s())).toBeNull();
    s().clear('k1');
    expect(s()).toMatchObject({ consult: null, call: { callId: 'c1' } });
  });

  it('moves a colleague\'s consult call aside when the customer call it is about rings in', () => {
    s().ringing({ callId: 'k1', offerId: null, interactionId: null, consultFor: 'i1', number: 'wang', name: 'Wang Fang' });
    s().connected('k1', '2025-03-01T08:00:00.000Z');
    s().ringingBesideConsult({ callId: 'c9', offerId: 'o9', interactionId: 'i1', consultFor: null, number: '13800138000', name: null });
    expect(s()).toMatchObject({ call: { callId: 'c9', phase: 'ringing' }, consult: { callId: 'k1', phase: 'connected', direction: 'inbound' } });
  });
});
