import { z } from 'zod';
import type { ClientToServerMap } from './eventMap.js';
import type { AgentStatus } from '../model/domain.js';

/** Live figures of one queue, pushed to /supervisor at least once a second. */
export interface QueueSnapshot {
  queueId: string;
  waiting: number;
  longestWaitMs: number;
  agentsByStatus: Record<AgentStatus, number>;
}

export const supervisorInbound = {
  'queues:snapshot': z.object({}),
} as const;
export type SupervisorInbound = typeof supervisorInbound;
export type SupervisorInboundName = keyof SupervisorInbound;

export interface SupervisorAckValues {
  'queues:snapshot': { at: string; queues: QueueSnapshot[] };
}

export type SupervisorClientToServer = ClientToServerMap<SupervisorInbound, SupervisorAckValues>;

export interface SupervisorServerToClient {
  'queues:update': (e: { at: string; queues: QueueSnapshot[] }) => void;
  'session:error': (e: { code: string; message: string }) => void;
}
