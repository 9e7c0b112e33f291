import { z } from 'zod';
import type { ClientToServerMap } from './eventMap.js';
import type { AgentStatus } from '../model/domain.js';
import { idSchema } from '../model/ids.js';

/** The windows queue metrics are reported over (docs/metrics.md §2). */
export type QueueMetricsWindow = '15m' | '60m' | 'today';

/** One queue over one window (definitions: docs/metrics.md §3). Ratios are fractions in [0, 1]; null when undefined (denominator 0). */
export interface QueueWindowFigures {
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asaMs: number | null;
  ahtMs: number | null;
  abandonRate: number | null;
}

/** Live figures of one queue, pushed to /supervisor at least once a second. */
export interface QueueSnapshot {
  queueId: string;
  waiting: number;
  longestWaitMs: number;
  agentsByStatus: Record<AgentStatus, number>;
  /** The queue's target: `percent` % answered within `seconds`. */
  serviceLevelTarget: { percent: number; seconds: number };
  windows: Record<QueueMetricsWindow, QueueWindowFigures>;
}

export const supervisorInbound = {
  'queues:snapshot': z.object({}),
  /**
   * Silent monitor of a call in progress: the server asks rtpengine for a
   * listen-only copy of both sides and answers with its SDP offer (WebRTC),
   * which the supervisor's browser answers with `call:monitorAnswer`.
   */
  'call:monitor': z.object({ interactionId: idSchema }),
  'call:monitorAnswer': z.object({ monitorId: z.string().regex(/^[0-9a-f]{16,128}$/), sdp: z.string().min(10).max(16_384) }),
  'call:monitorStop': z.object({ monitorId: z.string().regex(/^[0-9a-f]{16,128}$/) }),
} as const;
export type SupervisorInbound = typeof supervisorInbound;
export type SupervisorInboundName = keyof SupervisorInbound;

export interface SupervisorAckValues {
  'queues:snapshot': { at: string; queues: QueueSnapshot[] };
  'call:monitor': CallMonitorOffer;
  'call:monitorAnswer': null;
  'call:monitorStop': null;
}

/** rtpengine's offer of a listen-only copy of a call: one send-only audio stream per party (caller, agent). */
export interface CallMonitorOffer {
  monitorId: string;
  sdp: string;
}

export type SupervisorClientToServer = ClientToServerMap<SupervisorInbound, SupervisorAckValues>;

/** Something a supervisor should look at now. */
export type SupervisorAlert =
  /** The agent missed `missedOffers` offers in a row and routing set them not ready (reason missedOffer). */
  { type: 'agentAutoNotReady'; agentId: string; displayName: string; missedOffers: number; at: string };

export interface SupervisorServerToClient {
  'queues:update': (e: { at: string; queues: QueueSnapshot[] }) => void;
  'alert': (alert: SupervisorAlert) => void;
  'session:error': (e: { code: string; message: string }) => void;
}
