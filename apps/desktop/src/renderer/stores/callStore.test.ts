// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { resetAllStores } from '../testing/reset.js';
import { selectLiveCall, useCallStore } from './callStore.js';

describe('call store', () => {
  beforeEach(resetAllStores);
  const s = () => useCallStore.getState();

  it('walks a call from ringing to ended, keeping the first connect time through hold and resume', () => {
    s().ringing({ callId: 'c1', offerId: 'o1', interactionId: 'i1', number: '13800138000', name: null });
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
    s().ringing({ callId: 'c2', offerId: null, interactionId: null, number: '1', name: null });
    s().connected('old', '2025-03-01T08:00:00.000Z');
    s().setMuted('old', true);
    s().clear('old');
    expect(s().call).toMatchObject({ callId: 'c2', phase: 'ringing', muted: false });
  });
});
