import { vi } from 'vitest';
import type { Ack, AgentAckValues, AgentInboundName } from '@omnicc/shared';
import type { Ringer } from '../alerts/ringer.js';
import type { SystemNotifier } from '../alerts/systemNotifier.js';
import { ApiError, type Api } from '../network/api.js';
import type { AgentListenEvents, AgentPayload, AgentSocket } from '../network/socket.js';
import { DICTIONARIES, makeSession } from './fixtures.js';

type Handler<E extends AgentInboundName> = (payload: AgentPayload<E>) => Ack<AgentAckValues[E]> | Promise<Ack<AgentAckValues[E]>>;
type Listener = (...args: unknown[]) => void;

/**
 * An EventEmitter-like stand-in for the socket.io client socket: tests push
 * server events with `push`, answer commands through `handle`, and read
 * what the client sent from `sent`. Commands without a handler time out.
 */
export class FakeSocket implements AgentSocket {
  connected = false;
  active = true;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly sent: { event: AgentInboundName; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  private readonly handlers = new Map<AgentInboundName, Handler<AgentInboundName>>();

  on<E extends keyof AgentListenEvents>(event: E, listener: AgentListenEvents[E]): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as Listener]);
    return this;
  }

  timeout(ms: number) {
    return {
      emitWithAck: <E extends AgentInboundName>(event: E, payload: AgentPayload<E>): Promise<Ack<AgentAckValues[E]>> => {
        this.sent.push({ event, payload });
        const handler = this.handlers.get(event) as Handler<E> | undefined;
        if (!handler) return new Promise((_, reject) => setTimeout(() => reject(new Error('operation has timed out')), ms));
        return Promise.resolve(handler(payload));
      },
    };
  }

  connect(): this {
    this.connectCalls += 1;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    this.connected = false;
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  /** Answers `event` with this handler from now on. */
  handle<E extends AgentInboundName>(event: E, handler: Handler<E>): void {
    this.handlers.set(event, handler);
  }

  /** Delivers a server push or life-cycle event to the client's listeners. */
  push<E extends keyof AgentListenEvents>(event: E, ...args: Parameters<AgentListenEvents[E]>): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }

  /** The server accepted the handshake. */
  open(): void {
    this.connected = true;
    this.push('connect');
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  sentOf<E extends AgentInboundName>(event: E): AgentPayload<E>[] {
    return this.sent.filter((s) => s.event === event).map((s) => s.payload as AgentPayload<E>);
  }
}

export function fakeApi(overrides: Partial<Api> = {}): Api {
  return {
    login: vi.fn(() => Promise.resolve(makeSession())),
    refresh: vi.fn(() => Promise.resolve(makeSession({ token: 'token-2' }))),
    dictionaries: vi.fn(() => Promise.resolve(DICTIONARIES)),
    transcript: vi.fn(() => Promise.reject(new Error('no transcript in this test'))),
    softphone: vi.fn(() => Promise.reject(new ApiError('UNAVAILABLE', 'voice is off'))),
    emailConversation: vi.fn(() => Promise.reject(new ApiError('NOT_FOUND', 'no email in this test'))),
    replyByEmail: vi.fn(() => Promise.reject(new ApiError('NOT_FOUND', 'no email in this test'))),
    emailAttachment: vi.fn(() => Promise.reject(new ApiError('NOT_FOUND', 'no email in this test'))),
    smsConversation: vi.fn(() => Promise.reject(new ApiError('NOT_FOUND', 'no SMS in this test'))),
    replyBySms: vi.fn(() => Promise.reject(new ApiError('NOT_FOUND', 'no SMS in this test'))),
    cannedResponses: vi.fn(() => Promise.resolve({ channel: 'chat' as const, items: [] })),
    flowRun: vi.fn(() => Promise.reject(new ApiError('NOT_FOUND', 'no flow run in this test'))),
    sendFlowRunEvent: vi.fn(() => Promise.reject(new ApiError('NOT_FOUND', 'no flow run in this test'))),
    ...overrides,
  };
}

export interface FakeRinger extends Ringer {
  starts: number;
  stops: number;
}

export function fakeRinger(): FakeRinger {
  let ringing = false;
  const r = {
    starts: 0,
    stops: 0,
    get ringing() {
      return ringing;
    },
    start() {
      if (!ringing) r.starts += 1;
      ringing = true;
    },
    stop() {
      if (ringing) r.stops += 1;
      ringing = false;
    },
    unlock: vi.fn(),
  };
  return r;
}

export function fakeNotifier() {
  return {
    show: vi.fn<SystemNotifier['show']>(),
    close: vi.fn<SystemNotifier['close']>(),
    requestPermission: vi.fn<SystemNotifier['requestPermission']>(),
  } satisfies SystemNotifier;
}

/** Lets pending promise callbacks run (acks resolve in microtasks). */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
