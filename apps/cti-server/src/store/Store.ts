import type {
  AgentStatus,
  Channel,
  ChatMessage,
  DeliveryState,
  Dictionaries,
  DictionaryEntry,
  Interaction,
  InteractionState,
  MessageSender,
  Role,
} from '@omnicc/shared';

/**
 * The server's persistence port. Features depend on this interface only;
 * `adapters/db` implements it on PostgreSQL (machine or embedded) with drizzle.
 * Every write is committed before the promise resolves, so callers can ack
 * only after it resolves ("durable before acknowledged").
 */
export interface Store {
  users: UserRepository;
  dictionaries: DictionaryRepository;
  queues: QueueRepository;
  interactions: InteractionRepository;
  messages: MessageRepository;
  agentStatus: AgentStatusRepository;
  /** Closes the pool (does not stop an embedded server; see openDatabase). */
  close(): Promise<void>;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

export interface UserRepository {
  findByUsername(username: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** Inserts or updates by username; returns the stored record. */
  upsert(user: Omit<UserRecord, 'id'> & { id?: string }): Promise<UserRecord>;
}

export interface DictionaryRepository {
  get(): Promise<Dictionaries>;
  upsertNotReadyReasons(entries: DictionaryEntry[]): Promise<void>;
  upsertDispositions(entries: DictionaryEntry[]): Promise<void>;
}

export interface QueueRecord {
  id: string;
  channel: Channel;
  nameEn: string;
  nameZh: string;
}

export interface QueueRepository {
  list(): Promise<QueueRecord[]>;
  get(id: string): Promise<QueueRecord | undefined>;
  upsert(queue: QueueRecord): Promise<void>;
}

export interface NewInteraction {
  channel: Channel;
  queueId: string;
  customer: { name: string; phone?: string; email?: string };
  /** sha-256 hex of the customer's bearer token (web chat); never the token itself. */
  customerTokenHash?: string;
}

/** Fields a transition may set alongside the new state. */
export interface InteractionPatch {
  agentId?: string | null;
  assignedAt?: string | null;
  endedAt?: string | null;
  dispositionCode?: string | null;
  wrapUpNote?: string | null;
}

/** One row of the interaction's event log (kept for history and reports). */
export interface InteractionEvent {
  type: string;
  at: string;
  actorId?: string;
  data?: Record<string, unknown>;
}

export interface InteractionRepository {
  /** Inserts the interaction in state `queued` and its `created` event, in one transaction. */
  create(input: NewInteraction, at: string): Promise<Interaction>;
  get(id: string): Promise<Interaction | undefined>;
  /** Looks a web-chat interaction up by the hash of its customer token. */
  findByCustomerTokenHash(hash: string): Promise<Interaction | undefined>;
  /** Every interaction not `closed` or `abandoned`, oldest first (for recovery). */
  listOpen(): Promise<Interaction[]>;
  /**
   * Moves the interaction to `to` only if its current state is in `from`,
   * applies the patch and appends the event, in one transaction.
   * Throws AppError NOT_FOUND for an unknown id and INVALID_STATE when the
   * current state is not in `from` (nothing is written then).
   */
  transition(
    id: string,
    change: { from: readonly InteractionState[]; to: InteractionState; patch?: InteractionPatch },
    event: InteractionEvent,
  ): Promise<Interaction>;
  /** The event log of one interaction, oldest first. */
  events(id: string): Promise<InteractionEvent[]>;
}

export interface NewMessage {
  interactionId: string;
  clientMessageId: string;
  sender: MessageSender;
  authorName: string;
  text: string;
  sentAt: string;
}

export interface MessageRepository {
  /**
   * Appends a message. Idempotent on (interactionId, sender, clientMessageId):
   * a retry returns the stored message with `created: false`.
   */
  append(message: NewMessage): Promise<{ message: ChatMessage; created: boolean }>;
  list(interactionId: string): Promise<ChatMessage[]>;
  /**
   * Raises the delivery state of messages of `sender` in the interaction, up
   * to and including `upToMessageId` (by sentAt order) or all when omitted.
   * Never lowers a state (read stays read). Returns the ids it changed.
   */
  markDelivery(
    interactionId: string,
    sender: MessageSender,
    delivery: Exclude<DeliveryState, 'sent'>,
    upToMessageId?: string,
  ): Promise<string[]>;
}

export interface AgentStatusRepository {
  /** Appends a status change (kept for reports). */
  record(agentId: string, status: AgentStatus, reasonCode: string | undefined, at: string): Promise<void>;
  /** The latest recorded change of the agent, if any. */
  latest(agentId: string): Promise<{ status: AgentStatus; reasonCode?: string; at: string } | undefined>;
}
