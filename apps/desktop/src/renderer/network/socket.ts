import { io, type Socket } from 'socket.io-client';
import type { Ack, AgentAckValues, AgentClientToServer, AgentInboundName, AgentServerToClient } from '@omnicc/shared';

/** Payload of a client-to-server event, as the contract's typed map declares it. */
export type AgentPayload<E extends AgentInboundName> = Parameters<AgentClientToServer[E]>[0];

/** Server pushes plus the socket's own life-cycle events. */
export type AgentListenEvents = AgentServerToClient & {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (err: Error) => void;
};

/**
 * The part of a socket.io client socket the desktop uses. Tests hand in a
 * small fake with the same shape; production wraps the real typed socket.
 */
export interface AgentSocket {
  readonly connected: boolean;
  /** False once socket.io has given up reconnecting by itself (server kick, refused handshake). */
  readonly active: boolean;
  on<E extends keyof AgentListenEvents>(event: E, listener: AgentListenEvents[E]): unknown;
  timeout(ms: number): {
    emitWithAck<E extends AgentInboundName>(event: E, payload: AgentPayload<E>): Promise<Ack<AgentAckValues[E]>>;
  };
  connect(): unknown;
  disconnect(): unknown;
  removeAllListeners(): unknown;
}

/** The real socket, typed with the contract's event maps. */
export type TypedAgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

/**
 * Opens the /agent namespace on `origin`. The token is read on every
 * (re)connect attempt, so a refreshed token is used without a new socket.
 */
export function openAgentSocket(origin: string, getToken: () => string): AgentSocket {
  const socket: TypedAgentSocket = io(`${origin}/agent`, {
    auth: (cb) => cb({ token: getToken() }),
    // WebSocket only: no long-polling fallback, which needs sticky sessions across server nodes.
    transports: ['websocket'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
  // socket.io's own generics spell the ack-with-timeout variant differently; the runtime shape is this one.
  return socket as unknown as AgentSocket;
}
