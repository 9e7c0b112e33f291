import type { Offer } from '@omnicc/shared';
import { selectRinging, useOffersStore } from '../stores/offersStore.js';
import type { Ringer } from './ringer.js';
import type { SystemNotifier } from './systemNotifier.js';

export interface OfferAlertDeps {
  ringer: Ringer;
  notifier: SystemNotifier;
  /** Whether the page is out of sight (document.hidden): only then an OS notification. */
  isHidden: () => boolean;
  /** Title and body of the OS notification, in the agent's language. */
  describe: (offer: Offer) => { title: string; body: string };
  /** Taskbar/tray badge with the count of ringing offers (window.desktop?.setBadgeCount). */
  setBadge?: (count: number) => void;
}

/**
 * Drives the ring, OS notifications and badge from the offers store: the
 * ring plays exactly while an offer rings, and each offer's notification
 * closes when that offer ends (accepted, rejected, timeout, withdrawn).
 * Returns the unsubscribe function.
 */
export function startOfferAlerts(deps: OfferAlertDeps): () => void {
  let shown = new Set<string>();
  let badge = -1;

  const sync = (offers: readonly Offer[]): void => {
    const ids = new Set(offers.map((o) => o.offerId));
    for (const offer of offers) {
      if (shown.has(offer.offerId)) continue;
      if (deps.isHidden()) {
        const { title, body } = deps.describe(offer);
        deps.notifier.show(offer.offerId, title, body);
      }
    }
    for (const id of shown) if (!ids.has(id)) deps.notifier.close(id);
    shown = ids;

    if (selectRinging({ offers })) deps.ringer.start();
    else deps.ringer.stop();

    if (offers.length !== badge) {
      badge = offers.length;
      deps.setBadge?.(badge);
    }
  };

  sync(useOffersStore.getState().offers);
  const unsubscribe = useOffersStore.subscribe((s, prev) => {
    if (s.offers !== prev.offers) sync(s.offers);
  });
  return () => {
    unsubscribe();
    deps.ringer.stop();
    for (const id of shown) deps.notifier.close(id);
    shown = new Set();
    if (badge > 0) deps.setBadge?.(0);
  };
}
