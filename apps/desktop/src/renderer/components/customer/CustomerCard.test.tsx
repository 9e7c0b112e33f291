// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Interaction, InteractionCustomer } from '@omnicc/shared';
import { ApiError } from '../../network/http.js';
import type { CustomersApi } from '../../network/customers.js';
import { useCustomerStore } from '../../stores/customerStore.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { TEST_IDS } from '../../testIds.js';
import { makeCustomerSummary, makeVipView, owingAccount, unknownReply } from '../../testing/customerFixtures.js';
import { fakeCustomersApi } from '../../testing/fakeCustomersApi.js';
import { fakeApi, flush, type FakeSocket } from '../../testing/fakes.js';
import { makeInteraction, makeOffer, makeSession } from '../../testing/fixtures.js';
import { renderApp } from '../../testing/renderApp.js';
import { resetAllStores } from '../../testing/reset.js';

/** The desk with `interactions` on it and the given customers API. */
async function openDesk(customers: Partial<CustomersApi>, interactions: Interaction[] = [makeInteraction(1)], language: 'en' | 'zh-CN' = 'en'): Promise<{ socket: FakeSocket; customers: CustomersApi }> {
  useSessionStore.getState().signIn(makeSession());
  const api = fakeCustomersApi(customers);
  const { socket } = renderApp({ language, services: { api: fakeApi({ flowRun: () => Promise.reject(new ApiError('NOT_FOUND', 'none')) }), customers: api } });
  socket.handle('agent:snapshot', () => ({ ok: true, value: { status: 'ready', chosen: 'ready', statusSince: new Date().toISOString(), offers: [], interactions, messages: {} } }));
  await act(async () => {
    socket.open();
    await flush();
  });
  return { socket, customers: api };
}

const card = () => screen.getByTestId(TEST_IDS.customerCard);
const settle = () => act(flush);

describe('the customer card beside a conversation', () => {
  beforeEach(() => resetAllStores());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('says it is looking up the customer while the view is on its way', async () => {
    await openDesk({});
    expect(card().getAttribute('data-status')).toBe('loading');
    expect(card().textContent).toContain('Looking up the customer');
  });

  it('shows a VIP with tier, manager, warnings, promotion, subscription, work order and timeline, and arrears once billing answers', async () => {
    let answerBilling: (a: ReturnType<typeof owingAccount>) => void = () => undefined;
    const billingAccount = vi.fn(() => new Promise<ReturnType<typeof owingAccount>>((resolve) => (answerBilling = resolve)));
    const { customers } = await openDesk({ ofInteraction: () => Promise.resolve(makeVipView({ promotionMoment: true })), billingAccount });
    await settle();
    expect(screen.getByRole('heading', { level: 2, name: 'Customer' })).toBeTruthy();
    const c = within(card());
    expect(c.getByTestId(TEST_IDS.customerTier).textContent).toBe('VIP gold');
    expect(c.getByTestId(TEST_IDS.customerManager).textContent).toContain('李经理');
    const warnings = c.getByTestId(TEST_IDS.customerWarnings).textContent ?? '';
    expect(warnings).toContain('Churn risk: high (score 81)');
    expect(warnings).toContain('ends on 2026-12-20 (25 days left)');
    expect(warnings).toContain('3 complaints in the last 30 days');
    const promo = c.getByTestId(TEST_IDS.customerPromotion);
    expect(promo.getAttribute('data-moment')).toBe('true');
    expect(promo.textContent).toContain('5G loyalty upgrade');
    expect(promo.textContent).toContain('Offer it now');
    expect(c.getByTestId(TEST_IDS.customerSubscriptions).textContent).toContain('+8613800138000');
    expect(c.getByTestId(TEST_IDS.customerWorkOrders).textContent).toContain('WO-20261120-0001');
    expect(c.getByTestId(TEST_IDS.customerWorkOrders).textContent).toContain('Fault report');
    expect(within(c.getByTestId(TEST_IDS.customerTimeline)).getByRole('listitem').textContent).toContain('询问话费');
    // Billing fills in later: a placeholder first, then the arrears as a warning.
    expect(c.getByTestId(TEST_IDS.customerBilling).textContent).toContain('Reading billing');
    expect(customers.billingAccount).toHaveBeenCalledWith(expect.any(String), makeInteraction(1).id, '+8613800000000');
    await act(async () => {
      answerBilling(owingAccount());
      await flush();
    });
    expect(c.getByTestId(TEST_IDS.customerWarnings).textContent).toContain('Arrears ¥86.50 (1 overdue bills)');
    // Answered: the arrears are a warning and the add-in's page shows the figures; the placeholder goes.
    expect(c.queryByTestId(TEST_IDS.customerBilling)).toBeNull();
  });

  it('shows an enterprise with its contract term and expiry warning', async () => {
    const contract = { contractNo: 'GZ-2024-018', title: '专线与集团短信', services: ['专线 100M', '集团短信'], startOn: '2024-01-01', endOn: '2026-12-31', warningDays: 60, daysLeft: 36, expiring: true };
    await openDesk({ ofInteraction: () => Promise.resolve(makeVipView({ customer: makeCustomerSummary(3, { kind: 'enterprise', name: '珠江物流' }), contracts: [contract] })) });
    await settle();
    const c = within(card());
    expect(c.getByText('Enterprise')).toBeTruthy();
    const section = c.getByRole('heading', { level: 3, name: 'Contracts' }).closest('section');
    expect(section?.textContent).toContain('2024-01-01 to 2026-12-31');
    expect(section?.textContent).toContain('Expires in 36 days');
    expect(section?.textContent).toContain('专线 100M · 集团短信');
  });

  it('says billing is slow and never holds the card, then unavailable when the BSS fails', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let fail: (e: unknown) => void = () => undefined;
    await openDesk({ ofInteraction: () => Promise.resolve(makeVipView()), billingAccount: () => new Promise((_, reject) => (fail = reject)) });
    await settle();
    expect(within(card()).getByTestId(TEST_IDS.customerTier)).toBeTruthy();
    await act(async () => {
      vi.advanceTimersByTime(1500);
      await flush();
    });
    expect(screen.getByTestId(TEST_IDS.customerBilling).textContent).toContain('Billing is slow');
    await act(async () => {
      fail(new ApiError('UNAVAILABLE', 'timeout'));
      await flush();
    });
    expect(screen.getByTestId(TEST_IDS.customerBilling).textContent).toContain('Billing is not available right now.');
  });

  it('shows the error with a retry that reads again', async () => {
    const ofInteraction = vi.fn<CustomersApi['ofInteraction']>().mockRejectedValueOnce(new ApiError('INTERNAL', 'boom')).mockResolvedValue(makeVipView());
    await openDesk({ ofInteraction });
    await settle();
    expect(screen.getByTestId(TEST_IDS.customerError).textContent).toContain('The customer could not be read');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await settle();
    expect(card().getAttribute('data-status')).toBe('known');
  });

  it('creates a customer from an unknown contact in two clicks, prefilled, and shows it', async () => {
    let reply: InteractionCustomer = unknownReply();
    const create = vi.fn<CustomersApi['create']>(() => {
      reply = makeVipView({ customer: makeCustomerSummary(2, { name: 'Visitor 7', tier: 'ordinary', vipManager: undefined }), warnings: [], promotion: undefined });
      return Promise.resolve(makeCustomerSummary(2));
    });
    await openDesk({ ofInteraction: () => Promise.resolve(reply), create });
    await settle();
    expect(screen.getByTestId(TEST_IDS.customerUnknown).textContent).toContain('Visitor 7');
    await userEvent.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Visitor 7');
    expect(screen.getByLabelText<HTMLInputElement>('Phone').value).toBe('+8613700137000');
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    await userEvent.click(screen.getByRole('button', { name: 'Save customer' }));
    await settle();
    expect(create).toHaveBeenCalledWith(expect.any(String), { name: 'Visitor 7', kind: 'individual', interactionId: makeInteraction(1).id, contactPoints: [{ type: 'phone', value: '+8613700137000' }] });
    expect(card().getAttribute('data-status')).toBe('known');
    expect(within(card()).getByTestId(TEST_IDS.customerTier).textContent).toBe('Ordinary');
    // A number the BSS does not know: billing says so instead of a generic failure.
    await settle();
    expect(screen.getByTestId(TEST_IDS.customerBilling).textContent).toContain('Billing has no line for this number.');
  });

  it('links an unknown contact to a customer found by name: open, type, Link', async () => {
    let reply: InteractionCustomer = unknownReply();
    const link = vi.fn<CustomersApi['link']>(() => {
      reply = makeVipView();
      return Promise.resolve(makeCustomerSummary(1));
    });
    const search = vi.fn<CustomersApi['search']>(() => Promise.resolve([makeCustomerSummary(1)]));
    await openDesk({ ofInteraction: () => Promise.resolve(reply), link, search });
    await settle();
    await userEvent.click(screen.getByRole('button', { name: 'Link to existing' }));
    await userEvent.type(screen.getByLabelText('Search by name, phone or email'), '王芳');
    await userEvent.click(await screen.findByRole('button', { name: 'Link to 王芳 1' }));
    await settle();
    expect(search).toHaveBeenLastCalledWith(expect.any(String), '王芳');
    expect(link).toHaveBeenCalledWith(expect.any(String), makeCustomerSummary(1).id, { interactionId: makeInteraction(1).id });
    expect(within(card()).getByTestId(TEST_IDS.customerTier).textContent).toBe('VIP gold');
  });

  it('folds to the key facts (who, warnings, promotion) and back, for every card of the session', async () => {
    await openDesk({ ofInteraction: () => Promise.resolve(makeVipView()) });
    await settle();
    const fold = screen.getByRole('button', { name: 'Key facts only' });
    expect(fold.getAttribute('aria-expanded')).toBe('true');
    await userEvent.click(fold);
    expect(screen.queryByTestId(TEST_IDS.customerTimeline)).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.customerBilling)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.customerWarnings)).toBeTruthy();
    expect(screen.getByTestId(TEST_IDS.customerPromotion)).toBeTruthy();
    expect(sessionStorage.getItem('omnicc.customerCard.folded')).toBe('1');
    await userEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(screen.getByTestId(TEST_IDS.customerTimeline)).toBeTruthy();
  });

  it('reads the view again when told it changed (a work order created from the conversation)', async () => {
    const ofInteraction = vi.fn<CustomersApi['ofInteraction']>(() => Promise.resolve(makeVipView()));
    await openDesk({ ofInteraction });
    await settle();
    await act(async () => {
      useCustomerStore.getState().invalidate(makeInteraction(1).id);
      await flush();
    });
    expect(ofInteraction).toHaveBeenCalledTimes(2);
  });

  it('pops the promotion again, announced once, when the interaction moves to the billing desk', async () => {
    const ofInteraction = vi.fn<CustomersApi['ofInteraction']>().mockResolvedValueOnce(makeVipView()).mockResolvedValue(makeVipView({ promotionMoment: true }));
    const { socket } = await openDesk({ ofInteraction });
    await settle();
    expect(screen.getByTestId(TEST_IDS.customerPromotion).getAttribute('data-moment')).toBe('false');
    await act(async () => {
      socket.push('interaction:updated', makeInteraction(1, { queueId: 'billing' }));
      await flush();
    });
    expect(ofInteraction).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId(TEST_IDS.customerPromotion).getAttribute('data-moment')).toBe('true');
    expect(within(card()).getByText('Promotion to offer now: 5G loyalty upgrade')).toBeTruthy();
  });

  it('is in zh-CN with the glossary words, and Alt+C focuses it', async () => {
    await openDesk({ ofInteraction: () => Promise.resolve(makeVipView()), billingAccount: () => Promise.resolve(owingAccount()) }, [makeInteraction(1)], 'zh-CN');
    await settle();
    expect(within(card()).getByTestId(TEST_IDS.customerTier).textContent).toBe('金卡 VIP');
    expect(card().textContent).toContain('大客户经理');
    expect(card().textContent).toContain('离网预警：高（81 分）');
    expect(card().textContent).toContain('欠费');
    await userEvent.keyboard('{Alt>}c{/Alt}');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: '客户' }));
  });
});

describe('the screen-pop on an offer', () => {
  beforeEach(() => resetAllStores());
  afterEach(() => cleanup());

  it('reads the customer at once and shows the compact card before the accept, announced once, without taking focus', async () => {
    const ofInteraction = vi.fn<CustomersApi['ofInteraction']>(() => Promise.resolve(makeVipView({ promotionMoment: true })));
    const { socket } = await openDesk({ ofInteraction }, []);
    const before = document.activeElement;
    const offer = makeOffer(2);
    await act(async () => {
      socket.push('offer:new', offer);
      await flush();
    });
    expect(ofInteraction).toHaveBeenCalledWith(expect.any(String), offer.interaction.id);
    const pop = screen.getByTestId(TEST_IDS.screenPop);
    expect(pop.getAttribute('data-status')).toBe('known');
    expect(within(pop).getByTestId(TEST_IDS.customerTier).textContent).toBe('VIP gold');
    expect(within(pop).getByTestId(TEST_IDS.customerPromotion).getAttribute('data-moment')).toBe('true');
    expect(pop.textContent).toContain('李经理');
    expect(document.activeElement).toBe(before);
    const announcer = screen.getByTestId(TEST_IDS.screenPopAnnouncer);
    expect(announcer.textContent).toContain('Customer 王芳 1, VIP gold');
    expect(announcer.textContent).toContain('Promotion: 5G loyalty upgrade');
    expect(performance.getEntriesByName(`screenPop:offer:${offer.interaction.id}`)).toHaveLength(1);
    expect(performance.getEntriesByName(`screenPop:data:${offer.interaction.id}`)).toHaveLength(1);

    // The accept puts it on the desk: the card is read again (the accept may link it) and the pop is not announced again.
    const accepted = makeInteraction(2);
    await act(async () => {
      socket.push('offer:ended', { offerId: offer.offerId, interactionId: offer.interaction.id, reason: 'accepted' });
      socket.push('interaction:updated', accepted);
      await flush();
    });
    expect(ofInteraction).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId(TEST_IDS.screenPop)).toBeNull();
    expect(announcer.textContent).toBe('');
    expect(within(card()).getByTestId(TEST_IDS.customerTier).textContent).toBe('VIP gold');
  });

  it('tells an unknown caller apart while ringing', async () => {
    const { socket } = await openDesk({ ofInteraction: () => Promise.resolve(unknownReply('138 0000')) }, []);
    await act(async () => {
      socket.push('offer:new', makeOffer(3));
      await flush();
    });
    expect(screen.getByTestId(TEST_IDS.screenPop).textContent).toContain('Not a known customer');
    expect(screen.getByTestId(TEST_IDS.screenPopAnnouncer).textContent).toBe('Unknown contact 138 0000');
  });
});
