import type { Channel } from '@omnicc/shared';

/** An agent as the router sees it. Availability is derived, never stored twice. */
export interface RoutedAgent {
  id: string;
  /** What the agent chose: ready or not ready. */
  chosen: 'ready' | 'notReady';
  /** Open socket connections; 0 means offline. */
  connections: number;
  /** Interactions the agent holds (assigned or in wrap-up). */
  holding: readonly string[];
  /** When the agent last became free of work (for longest-idle selection). */
  idleSince: number;
}

export interface QueuedItem {
  interactionId: string;
  queueId: string;
  channel: Channel;
  enqueuedAt: number;
  /** Agents who rejected or missed this interaction, and until when they are skipped for it. */
  declinedBy: readonly { agentId: string; until: number }[];
}

export interface PendingOffer {
  offerId: string;
  interactionId: string;
  agentId: string;
  expiresAt: number;
  item: QueuedItem;
}

export interface RoutingState {
  agents: Readonly<Record<string, RoutedAgent>>;
  /** FIFO per arrival; order is kept when an offer returns its item. */
  queue: readonly QueuedItem[];
  offers: Readonly<Record<string, PendingOffer>>;
}

export type RoutingEvent =
  | { type: 'agentConnected'; agentId: string; holding: readonly string[]; chosen: 'ready' | 'notReady' }
  | { type: 'agentDisconnected'; agentId: string }
  | { type: 'agentChose'; agentId: string; chosen: 'ready' | 'notReady' }
  | { type: 'enqueued'; item: Omit<QueuedItem, 'declinedBy'> }
  | { type: 'offerAccepted'; offerId: string }
  | { type: 'offerRejected'; offerId: string }
  | { type: 'released'; agentId: string; interactionId: string }
  | { type: 'abandoned'; interactionId: string }
  | { type: 'tick' };

export type RoutingCommand =
  | { type: 'offer'; offer: PendingOffer }
  | { type: 'endOffer'; offer: PendingOffer; reason: 'accepted' | 'rejected' | 'timeout' | 'withdrawn' | 'abandoned' };

export interface RoutingPolicy {
  offerTimeoutMs: number;
  /** How long an agent who rejected or missed an interaction is skipped for it. */
  declineCooldownMs: number;
  /** Concurrent interactions per channel an agent may hold. */
  capacity: Readonly<Record<Channel, number>>;
  /** Makes offer ids; injected so the core stays deterministic in tests. */
  newOfferId: () => string;
}

export interface Decision {
  state: RoutingState;
  commands: RoutingCommand[];
}

export const emptyRoutingState = (): RoutingState => ({ agents: {}, queue: [], offers: {} });
