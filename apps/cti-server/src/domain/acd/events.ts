import type { AgentProfile, Channel, QueueConfig, RoutingSettings, Tier } from '@omnicc/shared';

/** An interaction an agent already holds, handed back at login (recovery after a restart). */
export interface RestoredAssignment {
  interactionId: string;
  queueId: string;
  channel: Channel;
  tier: Tier;
  enqueuedAt: number;
  customerKey?: string;
}

/** Everything that can happen to the ACD. Adapters turn socket messages, timers and channel I/O into these. */
export type AcdEvent =
  /** Starts (or resumes) an agent's routing session; the agent is connected. */
  | { type: 'agentLogin'; profile: AgentProfile; status: 'ready' | 'notReady'; reasonCode?: string; assigned?: readonly RestoredAssignment[] }
  | { type: 'agentConnected'; agentId: string }
  /** Offers are withdrawn at once; assignments wait disconnectGraceSeconds for a reconnect. */
  | { type: 'agentDisconnected'; agentId: string }
  /** Ends the session: offers withdrawn, assignments re-queued at once (customers told). */
  | { type: 'agentLogout'; agentId: string }
  | { type: 'agentSetStatus'; agentId: string; status: 'ready' }
  | { type: 'agentSetStatus'; agentId: string; status: 'notReady'; reasonCode: string }
  | { type: 'agentProfileChanged'; profile: AgentProfile }
  /** Creates or updates a queue. */
  | { type: 'queueConfigChanged'; queue: QueueConfig }
  | { type: 'settingsChanged'; settings: RoutingSettings }
  | {
      type: 'enqueue';
      interactionId: string;
      queueId: string;
      channel: Channel;
      tier: Tier;
      customerKey?: string;
      enqueuedAt: number;
    }
  /** An agent placed a call (click-to-call): theirs at once, counted against their capacity; `queueId` is the queue it is reported under. */
  | { type: 'outboundPlaced'; interactionId: string; agentId: string; queueId: string; channel: Channel }
  | { type: 'offerAccepted'; offerId: string; agentId: string }
  | { type: 'offerRejected'; offerId: string; agentId: string }
  /** The agent (or the channel) ended an assigned interaction; the agent goes to wrap-up. */
  | { type: 'interactionEnded'; interactionId: string; agentId?: string }
  /** The agent finished wrap-up early: one interaction's, or all when interactionId is absent. */
  | { type: 'wrapUpDone'; agentId: string; interactionId?: string }
  | { type: 'transfer'; interactionId: string; agentId: string; to: { agentId: string } | { queueId: string } }
  /** The customer hung up or left the chat. */
  | { type: 'customerLeft'; interactionId: string }
  /** Time passed: fires due timers (offer timeouts, wrap-up ends, grace ends, max waits, cooldown ends). */
  | { type: 'tick' };

/** The names of all events. */
export type AcdEventType = AcdEvent['type'];
