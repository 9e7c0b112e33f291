import type { Interaction, Offer, OfferEndReason } from '@omnicc/shared';

/** How the routing service reaches desktops and customers; app.ts implements it with socket.io rooms. */
export interface RoutingNotifier {
  offerCreated(agentId: string, offer: Offer): void;
  offerEnded(agentId: string, e: { offerId: string; interactionId: string; reason: OfferEndReason }): void;
  /** Pushes a changed interaction to its agent (if any) and its customer. */
  interactionChanged(interaction: Interaction): void;
}
