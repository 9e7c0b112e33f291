import type { AgentAckValues, AgentInboundName } from '@omnicc/shared';
import { ApiError } from './api.js';
import type { AgentPayload, AgentSocket } from './socket.js';

/** How long an ack may take before the command counts as failed. */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * Sends one command and unwraps its ack: the value, or an ApiError with the
 * contract's code. A timeout is an error (TIMEOUT), and so is sending while
 * disconnected (DISCONNECTED): socket.io would buffer the packet and deliver
 * it later, long after the agent has moved on.
 */
export async function sendCommand<E extends AgentInboundName>(socket: AgentSocket, event: E, payload: AgentPayload<E>): Promise<AgentAckValues[E]> {
  if (!socket.connected) throw new ApiError('DISCONNECTED', `${event}: not connected`);
  let ack;
  try {
    ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  } catch {
    throw new ApiError('TIMEOUT', `${event}: no ack within ${ACK_TIMEOUT_MS} ms`);
  }
  if (ack.ok) return ack.value;
  throw new ApiError(ack.error.code, ack.error.message);
}

/** The error code of anything thrown by a command or REST call. */
export const errorCodeOf = (err: unknown): string => (err instanceof ApiError ? err.code : 'INTERNAL');
