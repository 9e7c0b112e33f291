import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCustomerStore } from '../stores/customerStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { makeVipView, owingAccount } from '../testing/customerFixtures.js';
import { fakeCustomersApi } from '../testing/fakeCustomersApi.js';
import { makeInteraction, makeOffer } from '../testing/fixtures.js';
import { createCustomerCardClient, startScreenPop } from './customerCards.js';
import { createCustomersApi } from './customers.js';
import { ApiError, createHttp } from './http.js';

const card = (id: string) => useCustomerStore.getState().cards[id];

describe('the customers REST client', () => {
  it('calls the billing add-in for the interaction and checks its output', async () => {
    const fetchImpl = vi.fn<typeof fetch>(() => Promise.resolve(new Response(JSON.stringify({ output: owingAccount() }), { status: 200 })));
    const api = createCustomersApi(createHttp('http://cc', fetchImpl));
    expect(await api.billingAccount('tok', 'i1', '+8613800138000')).toEqual(owingAccount());
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('http://cc/api/add-ins/billing/call/lookupAccount');
    expect(JSON.parse(init?.body as string)).toEqual({ input: { msisdn: '+8613800138000' }, interactionId: 'i1' });
  });

  it('refuses an add-in output of the wrong shape as INTERNAL', async () => {
    const api = createCustomersApi(createHttp('http://cc', () => Promise.resolve(new Response(JSON.stringify({ output: { balance: '12.00' } }), { status: 200 }))));
    await expect(api.billingAccount('tok', 'i1', '1')).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('the customer card client', () => {
  beforeEach(() => {
    useCustomerStore.getState().reset();
    useOffersStore.getState().reset();
    useInteractionsStore.getState().reset();
  });
  afterEach(() => vi.useRealTimers());

  it('reads once per interaction (a second load shares the first), and again when forced', async () => {
    const api = fakeCustomersApi({ ofInteraction: vi.fn(() => Promise.resolve(makeVipView())) });
    const client = createCustomerCardClient({ api, token: () => 't' });
    await Promise.all([client.load('i1'), client.load('i1')]);
    await client.load('i1');
    expect(api.ofInteraction).toHaveBeenCalledTimes(1);
    await client.load('i1', true);
    expect(api.ofInteraction).toHaveBeenCalledTimes(2);
  });

  it('marks billing slow, then unavailable, and asks again next time after a failure', async () => {
    vi.useFakeTimers();
    let fail: (e: unknown) => void = () => undefined;
    const api = fakeCustomersApi({ ofInteraction: () => Promise.resolve(makeVipView()), billingAccount: vi.fn(() => new Promise<never>((_, reject) => (fail = reject))) });
    const client = createCustomerCardClient({ api, token: () => 't' });
    await client.load('i1');
    const billing = client.loadBilling('i1', '+8613800138000');
    expect(card('i1')?.billing.status).toBe('loading');
    await vi.advanceTimersByTimeAsync(1300);
    expect(card('i1')?.billing.status).toBe('slow');
    fail(new ApiError('UNAVAILABLE', 'timeout'));
    await billing;
    expect(card('i1')?.billing).toEqual({ status: 'unavailable', code: 'UNAVAILABLE' });
    void client.loadBilling('i1', '+8613800138000');
    expect(api.billingAccount).toHaveBeenCalledTimes(2);
  });

  it('pops on an offer, reads again on the accept, and drops the card when the interaction is gone', async () => {
    const api = fakeCustomersApi({ ofInteraction: vi.fn(() => Promise.resolve(makeVipView())) });
    const stop = startScreenPop(createCustomerCardClient({ api, token: () => 't' }));
    const offer = makeOffer(2);
    useOffersStore.getState().add(offer);
    await vi.waitFor(() => expect(card(offer.interaction.id)?.status).toBe('known'));
    useOffersStore.getState().end(offer.offerId);
    useInteractionsStore.getState().upsert(makeInteraction(2));
    await vi.waitFor(() => expect(api.ofInteraction).toHaveBeenCalledTimes(2));
    useInteractionsStore.getState().reset();
    expect(card(offer.interaction.id)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 0));
    expect(card(offer.interaction.id)).toBeUndefined();
    stop();
  });
});
