import { create } from 'zustand';
import type { CustomerView, InteractionCustomer } from '@omnicc/shared';
import type { BillingAccount } from '../network/customers.js';

/** The contact of an interaction nobody has yet: what "Create customer" prefills. */
export interface UnknownContact {
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
}

/** The billing add-in's part of the card; it never holds the card up. */
export type BillingState =
  /** Not asked: billing is read for an interaction the agent holds, so a ringing card waits for the accept. */
  | { status: 'idle' }
  | { status: 'loading' }
  /** Still loading after BILLING_SLOW_MS: the card says the BSS is slow. */
  | { status: 'slow' }
  | { status: 'ready'; account: BillingAccount }
  /** The BSS is down, slow past the connector's budget or answered nonsense (the error code). */
  | { status: 'unavailable'; code: string }
  /** No number to look up (a mail or a chat without a phone). */
  | { status: 'none' };

/** One interaction's customer card (客户视图). */
export interface CustomerCardEntry {
  status: 'loading' | 'known' | 'unknown' | 'error';
  /** The last good view (kept through a refresh and a failed reload). */
  view?: CustomerView | undefined;
  unknown?: UnknownContact | undefined;
  /** The interaction is about billing or a change of service: the promotion pops again. */
  promotionMoment: boolean;
  /** The error code of the last failed load. */
  error?: string | undefined;
  billing: BillingState;
  /** The pop was announced to screen readers; a refresh does not announce it again. */
  announced: boolean;
  /** The promotion moment was announced (the card pops the promotion again once). */
  momentAnnounced: boolean;
  /** Bumped by `invalidate`: the card shown reads the view again. */
  staleTick: number;
}

/** sessionStorage key of the agent's choice to show only the card's key facts; kept for the signed-in session. */
export const CUSTOMER_CARD_FOLDED_KEY = 'omnicc.customerCard.folded';

const storage = typeof sessionStorage === 'undefined' ? undefined : sessionStorage;

export interface CustomerCardState {
  cards: Record<string, CustomerCardEntry>;
  /** The card shows only who, warnings and the promotion, leaving the column to the service flow (all conversations alike). */
  folded: boolean;
  setFolded: (folded: boolean) => void;
  loadStarted: (interactionId: string) => void;
  received: (interactionId: string, reply: InteractionCustomer) => void;
  loadFailed: (interactionId: string, code: string) => void;
  setBilling: (interactionId: string, billing: BillingState) => void;
  markAnnounced: (interactionId: string) => void;
  markMomentAnnounced: (interactionId: string) => void;
  /**
   * Something the view shows changed on the server (a work order created
   * from the conversation, a merge): the card shown for the interaction
   * reads it again. A card not loaded yet is left alone.
   */
  invalidate: (interactionId: string) => void;
  /** Drops the cards of interactions neither ringing nor on the desk. */
  keepOnly: (interactionIds: readonly string[]) => void;
  reset: () => void;
}

const fresh = (): CustomerCardEntry => ({ status: 'loading', promotionMoment: false, billing: { status: 'idle' }, announced: false, momentAnnounced: false, staleTick: 0 });

/** Customer cards by interaction id: what the server said, cached per interaction. */
export const useCustomerStore = create<CustomerCardState>()((set) => {
  const patch = (id: string, change: (entry: CustomerCardEntry) => Partial<CustomerCardEntry>) =>
    set((s) => {
      const entry = s.cards[id] ?? fresh();
      return { cards: { ...s.cards, [id]: { ...entry, ...change(entry) } } };
    });
  return {
    cards: {},
    folded: storage?.getItem(CUSTOMER_CARD_FOLDED_KEY) === '1',
    setFolded: (folded) => {
      if (folded) storage?.setItem(CUSTOMER_CARD_FOLDED_KEY, '1');
      else storage?.removeItem(CUSTOMER_CARD_FOLDED_KEY);
      set({ folded });
    },
    // A refresh keeps what is shown (status stays known/unknown) so the card does not flash.
    loadStarted: (id) => patch(id, (e) => ({ status: e.view || e.unknown ? e.status : 'loading', error: undefined })),
    received: (id, reply) =>
      patch(id, (e) =>
        'unknown' in reply
          ? { status: 'unknown', unknown: reply.unknown, view: undefined, promotionMoment: reply.promotionMoment, error: undefined }
          : // A different customer (just created or linked) gets its billing read again.
            { status: 'known', view: reply, unknown: undefined, promotionMoment: reply.promotionMoment, error: undefined, billing: e.view?.customer.id === reply.customer.id ? e.billing : { status: 'idle' } },
      ),
    loadFailed: (id, code) => patch(id, (e) => ({ status: e.view ? 'known' : e.unknown ? 'unknown' : 'error', error: code })),
    setBilling: (id, billing) => patch(id, () => ({ billing })),
    markAnnounced: (id) => patch(id, () => ({ announced: true })),
    markMomentAnnounced: (id) => patch(id, () => ({ momentAnnounced: true })),
    invalidate: (id) =>
      set((s) => {
        const entry = s.cards[id];
        return entry ? { cards: { ...s.cards, [id]: { ...entry, staleTick: entry.staleTick + 1 } } } : s;
      }),
    keepOnly: (ids) =>
      set((s) => {
        const keep = new Set(ids);
        if (Object.keys(s.cards).every((id) => keep.has(id))) return s;
        return { cards: Object.fromEntries(Object.entries(s.cards).filter(([id]) => keep.has(id))) };
      }),
    reset: () => {
      storage?.removeItem(CUSTOMER_CARD_FOLDED_KEY);
      set({ cards: {}, folded: false });
    },
  };
});
