// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { makeInteraction, makeMessage, makeOffer, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { useAgentStore } from './agentStore.js';
import { applySnapshot } from './desk.js';
import { useInteractionsStore } from './interactionsStore.js';
import { useOffersStore } from './offersStore.js';
import { useUiStore } from './uiStore.js';

describe('applySnapshot', () => {
  beforeEach(resetAllStores);

  it('replaces status, offers, interactions and messages', () => {
    useOffersStore.getState().add(makeOffer(7));
    useInteractionsStore.getState().upsert(makeInteraction(1));
    useUiStore.getState().select(uuid(1));
    useUiStore.getState().openWrapUp(uuid(1));

    const kept = makeMessage(2);
    applySnapshot({
      status: 'notReady',
      chosen: 'notReady',
      reasonCode: 'lunch',
      statusSince: '2025-03-01T08:00:00.000Z',
      offers: [makeOffer(8)],
      interactions: [makeInteraction(2, { state: 'wrapUp' })],
      messages: { [uuid(2)]: [kept] },
    });

    expect(useAgentStore.getState()).toMatchObject({ status: 'notReady', reasonCode: 'lunch', chosen: 'notReady', lastReasonCode: 'lunch' });
    expect(useOffersStore.getState().offers.map((o) => o.offerId)).toEqual([uuid(108)]);
    expect(useInteractionsStore.getState().order).toEqual([uuid(2)]);
    expect(useInteractionsStore.getState().messages[uuid(2)]).toEqual([kept]);
    // What vanished is no longer shown or asked about.
    expect(useUiStore.getState().activeId).toBe(uuid(2));
    expect(useUiStore.getState().wrapUpFor).toBeNull();
  });
});
