// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { resetAllStores } from '../testing/reset.js';
import { useAgentStore } from './agentStore.js';

describe('agent store', () => {
  beforeEach(resetAllStores);

  it('remembers the chosen status while the server shows busy or wrap-up', () => {
    const s = () => useAgentStore.getState();
    s().apply({ status: 'ready', statusSince: '2025-03-01T08:00:00.000Z' });
    expect(s().chosen).toBe('ready');
    s().apply({ status: 'busy', statusSince: '2025-03-01T08:01:00.000Z' });
    expect(s()).toMatchObject({ status: 'busy', chosen: 'ready' });
    s().apply({ status: 'notReady', reasonCode: 'break', statusSince: '2025-03-01T08:02:00.000Z' });
    s().apply({ status: 'wrapUp', reasonCode: 'ignored', statusSince: '2025-03-01T08:03:00.000Z' });
    expect(s()).toMatchObject({ status: 'wrapUp', chosen: 'notReady', reasonCode: undefined, lastReasonCode: 'break' });
  });
});
