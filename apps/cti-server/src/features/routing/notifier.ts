import type { AgentStateView, Interaction, Offer, OfferEndReason } from '@omnicc/shared';

/** How the routing service reaches desktops and customers; app.ts implements it with socket.io rooms. */
export interface RoutingNotifier {
  offerCreated(agentId: string, offer: Offer): void;
  offerEnded(agentId: string, e: { offerId: string; interactionId: string; reason: OfferEndReason }): void;
  /** Pushes a changed interaction to its agent (if any) and its customer. */
  interactionChanged(interaction: Interaction): void;
  /** Pushes the agent's derived state to all of the agent's desktops. */
  agentState(agentId: string, state: AgentStateView): void;
  /** The interaction left the agent (a transfer): their desktops drop it. */
  interactionLeft(agentId: string, interaction: Interaction): void;
  /** Supervisor alert: routing set the agent not ready after missed offers. */
  agentAutoNotReady(agentId: string, missedOffers: number, at: string): void;
  /** Tells the customer their agent was lost and they are waiting again. */
  customerNotice(interactionId: string, reason: 'agentLost'): void;
  /** The interaction waited its queue's max wait (and had nowhere to overflow): a channel may end it (voice releases the call). */
  maxWaitReached(interaction: Interaction): void;
  /** The agent ended the interaction (from a desktop): a channel may end what still runs (voice hangs the call up). */
  interactionEnded(interaction: Interaction): void;
  /** The agent's last socket closed (their desktop is gone): a channel may end what lives in it (voice hangs up calls). */
  agentOffline(agentId: string): void;
}
