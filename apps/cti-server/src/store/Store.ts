import type {
  AdminAgent,
  AgentProfile,
  AgentRole,
  AgentStatus,
  Channel,
  ChatMessage,
  DeliveryState,
  Dictionaries,
  DictionaryEntry,
  Interaction,
  InteractionState,
  MessageSender,
  QueueConfig,
  Role,
  RoutingSettings,
  Skill,
  Team,
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
  /** Full queue configs (the same rows as `queues`, with their routing fields). */
  queueConfigs: QueueConfigRepository;
  skills: CodedRepository<Skill>;
  teams: CodedRepository<Team>;
  /** Users of role agent or teamLead, with their routing profile. */
  agents: AgentRepository;
  /** Not-ready reason codes, one entry at a time (the `dictionaries` view lists them whole). */
  notReadyReasons: CodedRepository<DictionaryEntry>;
  /** Wrap-up (disposition) codes, one entry at a time. */
  dispositions: CodedRepository<DictionaryEntry>;
  routingSettings: RoutingSettingsRepository;
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
  /** Every event of the interactions created at or after `since` (ISO), in log order (by event id); for replaying the day's metrics. */
  eventsSince(since: string): Promise<LoggedInteractionEvent[]>;
}

/** One event of the log with the interaction it belongs to and that interaction's (current) queue. */
export interface LoggedInteractionEvent extends InteractionEvent {
  interactionId: string;
  queueId: string;
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

/** A slice of a list: `limit` items from `offset`, and how many there are in all. */
export interface PageRequest {
  limit: number;
  offset: number;
}

export interface PageResult<T> {
  items: T[];
  total: number;
}

/**
 * Admin CRUD over entities keyed by a code (skills, teams, dictionary
 * entries). Errors are AppErrors: CONFLICT for a duplicate code or for
 * deleting an entry something still refers to, NOT_FOUND for an unknown
 * code, BAD_REQUEST for references to entities that do not exist. A failed
 * call writes nothing.
 */
export interface CodedRepository<T> {
  list(page: PageRequest): Promise<PageResult<T>>;
  get(key: string): Promise<T | undefined>;
  create(entity: T): Promise<T>;
  /** Replaces the entity whose key the entity carries. */
  update(entity: T): Promise<T>;
  delete(key: string): Promise<void>;
}

/**
 * Queue configs. Besides CodedRepository's rules: required skills must
 * exist; the overflow target must be another existing queue of the same
 * channel, without a cycle through other queues' overflow (BAD_REQUEST);
 * a queue's channel never changes (CONFLICT); a queue cannot be deleted
 * while a team, another queue's overflow or an interaction refers to it.
 */
export type QueueConfigRepository = CodedRepository<QueueConfig>;

/** Account fields an admin sets on an agent; the password is stored as its hash only. */
export interface AgentAccount {
  username: string;
  displayName: string;
  role: AgentRole;
}

/** The routing profile without its user id (the agent's id says whose it is). */
export type AgentProfileFields = Omit<AgentProfile, 'userId'>;

/**
 * Agents (users of role agent or teamLead) and their routing profiles.
 * Users of other roles read as NOT_FOUND here. CONFLICT for a taken
 * username or for deleting an agent that history (interactions, status
 * log) refers to; BAD_REQUEST for an unknown team or skill.
 */
export interface AgentRepository {
  list(page: PageRequest): Promise<PageResult<AdminAgent>>;
  get(id: string): Promise<AdminAgent | undefined>;
  /** The routing profile of an agent (defaults when none was stored). */
  profile(id: string): Promise<AgentProfile | undefined>;
  create(account: AgentAccount & AgentProfileFields & { passwordHash: string }): Promise<AdminAgent>;
  /** Replaces account and profile; the password hash is kept. */
  update(id: string, account: AgentAccount & AgentProfileFields): Promise<AdminAgent>;
  /** Replaces the profile only (team, skills, capacity). */
  updateProfile(id: string, profile: AgentProfileFields): Promise<AdminAgent>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/** The global routing settings; the model's defaults until first replaced. */
export interface RoutingSettingsRepository {
  get(): Promise<RoutingSettings>;
  put(settings: RoutingSettings): Promise<RoutingSettings>;
}
