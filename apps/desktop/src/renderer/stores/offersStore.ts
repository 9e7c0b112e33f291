import { create } from 'zustand';
import type { Offer } from '@omnicc/shared';

export type OfferAction = 'accept' | 'reject';

export interface OffersState {
  /** Ringing offers, oldest first (Alt+A takes the first). */
  offers: Offer[];
  /** Offers with an accept or reject on its way. */
  pending: Record<string, OfferAction>;
  add: (offer: Offer) => void;
  /** The ring of this offer is over, whatever the reason. */
  end: (offerId: string) => void;
  replace: (offers: readonly Offer[]) => void;
  setPending: (offerId: string, action: OfferAction | null) => void;
  reset: () => void;
}

/** Offers ringing at this agent (振铃). */
export const useOffersStore = create<OffersState>()((set) => ({
  offers: [],
  pending: {},
  add: (offer) =>
    set((s) => (s.offers.some((o) => o.offerId === offer.offerId) ? s : { offers: [...s.offers, offer] })),
  end: (offerId) =>
    set((s) => {
      if (!s.offers.some((o) => o.offerId === offerId) && !(offerId in s.pending)) return s;
      const { [offerId]: _gone, ...pending } = s.pending;
      return { offers: s.offers.filter((o) => o.offerId !== offerId), pending };
    }),
  // A snapshot does not say which arrived first; the earliest to expire was offered first.
  replace: (offers) => set({ offers: [...offers].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt)), pending: {} }),
  setPending: (offerId, action) =>
    set((s) => {
      const { [offerId]: _old, ...rest } = s.pending;
      return { pending: action ? { ...rest, [offerId]: action } : rest };
    }),
  reset: () => set({ offers: [], pending: {} }),
}));

/** True while any offer rings: the ring tone plays exactly then. */
export const selectRinging = (s: { readonly offers: readonly Offer[] }): boolean => s.offers.length > 0;
