import type { AgentStatus, Channel, ErrorCode } from '@omnicc/shared';
import type { OfferExplain } from './explain.js';

/** Why an offer stopped ringing. */
export type OfferEndReason = 'accepted' | 'rejected' | 'timeout' | 'withdrawn' | 'abandoned';

/** Why an interaction went back to its queue. */
export type RequeueReason = 'rejected' | 'timeout' | 'withdrawn' | 'agentLost';

/** What the edges must do: push to desktops and customers, write the status log and interaction history. */
export type AcdCommand =
  | {
      type: 'offer';
      offerId: string;
      interactionId: string;
      agentId: string;
      queueId: string;
      channel: Channel;
      expiresAt: number;
      explain: OfferExplain;
    }
  | { type: 'offerEnded'; offerId: string; interactionId: string; agentId: string; reason: OfferEndReason; at: number }
  | { type: 'assigned'; interactionId: string; agentId: string; offerId: string; queueId: string; at: number }
  | { type: 'requeued'; interactionId: string; queueId: string; reason: RequeueReason; at: number }
  /** An agent's own call (click-to-call) is theirs: assigned without an offer. */
  | { type: 'outboundPlaced'; interactionId: string; agentId: string; queueId: string; at: number }
  | { type: 'overflowed'; interactionId: string; fromQueueId: string; toQueueId: string; at: number }
  /** Max wait passed and the queue has no (usable) overflow target: the edge decides (callback, voicemail). */
  | { type: 'maxWaitReached'; interactionId: string; queueId: string; waitedMs: number; at: number }
  /** The customer left before an agent took the interaction. */
  | { type: 'abandoned'; interactionId: string; queueId: string; waitedMs: number; wasOffered: boolean; at: number }
  | { type: 'ended'; interactionId: string; agentId: string; queueId: string; by: 'agent' | 'customer'; at: number }
  | { type: 'wrapUpEnded'; agentId: string; interactionId: string; reason: 'done' | 'timer' | 'logout'; at: number }
  | { type: 'agentStateChanged'; agentId: string; status: AgentStatus; reasonCode?: string; at: number }
  /** Supervisor alert: the agent missed offers in a row and was set not ready. */
  | { type: 'agentAutoNotReady'; agentId: string; missedOffers: number; at: number }
  | { type: 'customerNotice'; interactionId: string; reason: 'agentLost'; at: number }
  | { type: 'transferred'; interactionId: string; fromAgentId: string; to: { agentId: string } | { queueId: string }; at: number };

/** The names of all commands. */
export type AcdCommandType = AcdCommand['type'];

/** A refused event: the state is unchanged and no command is emitted. */
export interface AcdError {
  code: Extract<ErrorCode, 'BAD_REQUEST' | 'NOT_FOUND' | 'NOT_OWNER' | 'INVALID_STATE' | 'CONFLICT'>;
  message: string;
}
