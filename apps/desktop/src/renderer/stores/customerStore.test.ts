import { beforeEach, describe, expect, it } from 'vitest';
import { makeCustomerSummary, makeVipView, owingAccount, unknownReply } from '../testing/customerFixtures.js';
import { useCustomerStore } from './customerStore.js';

const store = () => useCustomerStore.getState();
const card = (id: string) => store().cards[id];

describe('the customer store', () => {
  beforeEach(() => store().reset());

  it('goes loading → known, and a refresh keeps the card shown (no flash) with its billing', () => {
    store().loadStarted('i1');
    expect(card('i1')?.status).toBe('loading');
    store().received('i1', makeVipView({ promotionMoment: true }));
    expect(card('i1')).toMatchObject({ status: 'known', promotionMoment: true });
    store().setBilling('i1', { status: 'ready', account: owingAccount() });
    store().loadStarted('i1');
    expect(card('i1')?.status).toBe('known');
    store().received('i1', makeVipView());
    expect(card('i1')?.billing.status).toBe('ready');
  });

  it('reads billing again when the interaction now has another customer (just created or linked)', () => {
    store().received('i1', makeVipView());
    store().setBilling('i1', { status: 'ready', account: owingAccount() });
    store().received('i1', makeVipView({ customer: makeCustomerSummary(2) }));
    expect(card('i1')?.billing.status).toBe('idle');
  });

  it('keeps the last good card through a failed reload, and says error only when there is none', () => {
    store().received('i1', unknownReply());
    store().loadFailed('i1', 'NETWORK');
    expect(card('i1')).toMatchObject({ status: 'unknown', error: 'NETWORK' });
    store().loadFailed('i2', 'FORBIDDEN');
    expect(card('i2')?.status).toBe('error');
  });

  it('remembers the announcement and drops cards of interactions gone', () => {
    store().received('i1', makeVipView());
    store().received('i2', makeVipView());
    store().markAnnounced('i1');
    store().keepOnly(['i1']);
    expect(Object.keys(store().cards)).toEqual(['i1']);
    expect(card('i1')?.announced).toBe(true);
  });
});
