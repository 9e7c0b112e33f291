import type {
  AdminAgent,
  AgentProfile,
  AgentRole,
  AgentStatus,
  CannedChannel,
  CannedResponse,
  CannedResponseCreate,
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
import type { OfferExplain } from '../domain/acd/explain.js';

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
  /** Canned responses (常用语) with their `{{variables}}`. */
  cannedResponses: CannedResponseRepository;
  /** Named leases with fencing tokens (the routing owner's lease). */
  leases: LeaseRepository;
  /** Offers to agents, one row each, open until ended. */
  offers: OfferRepository;
  /** Several of routing's writes in one transaction (the routing owner's group commit). */
  routingWrites: RoutingWriteRepository;
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
  /** Display names of the given users in one query (unknown ids are left out). */
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** Inserts or updates by username; returns the stored record. */
  upsert(user: Omit<UserRecord, 'id'> & { id?: string }): Promise<UserRecord>;
}

export interface DictionaryRepository {
  get(): Promise<Dictionaries>;
  upsertNotReadyReasons(entries: DictionaryEntry[]): Promise<void>;
  upsertDispositions(entries: readonly DictionaryEntry[]): Promise<void>;
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
  /** The channel's own id of the conversation (a call's SIP Call-ID), unique: a repeated create with it is CONFLICT. */
  channelRef?: string;
  /** An agent's own call (click-to-call): its `created` event says so, and queue metrics leave it out (it never waited in a queue). */
  outbound?: boolean;
}

/** Fields a transition may set alongside the new state. */
export interface InteractionPatch {
  /** A transfer to another queue moves the interaction there. */
  queueId?: string;
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

/** A guarded state change: applies only when the current state is in `from`. */
export interface InteractionChange {
  from: readonly InteractionState[];
  to: InteractionState;
  patch?: InteractionPatch;
}

export interface InteractionRepository {
  /** Inserts the interaction in state `queued` and its `created` event, in one transaction. */
  create(input: NewInteraction, at: string): Promise<Interaction>;
  get(id: string): Promise<Interaction | undefined>;
  /** Looks a web-chat interaction up by the hash of its customer token. */
  findByCustomerTokenHash(hash: string): Promise<Interaction | undefined>;
  /** Looks an interaction up by its channel's own id (a call's SIP Call-ID). */
  findByChannelRef(channelRef: string): Promise<Interaction | undefined>;
  /**
   * The channel's id changed (a transferred call comes back as a new SIP
   * call): points the interaction at the new one. Throws NOT_FOUND for an
   * unknown id and CONFLICT when another interaction has that reference.
   */
  moveChannelRef(id: string, channelRef: string): Promise<void>;
  /** The channel's own id of an interaction (a call's Call-ID), or undefined. */
  channelRefOf(id: string): Promise<string | undefined>;
  /** Every interaction not `closed` or `abandoned`, oldest first (for recovery). */
  listOpen(): Promise<Interaction[]>;
  /** What the agent holds (state `assigned` or `wrapUp`), oldest first. */
  heldBy(agentId: string): Promise<Interaction[]>;
  /**
   * Moves the interaction to `to` only if its current state is in `from`,
   * applies the patch and appends the event, in one transaction.
   * Throws AppError NOT_FOUND for an unknown id and INVALID_STATE when the
   * current state is not in `from` (nothing is written then).
   */
  transition(id: string, change: InteractionChange, event: InteractionEvent): Promise<Interaction>;
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
  /**
   * The agent's last ready / not-ready in the log, unless they went offline
   * after it: what routing restores when it takes over a session that never
   * ended (a failover). Busy and wrap-up rows are skipped, so a choice made
   * while busy (which the log does not show) is not seen.
   */
  lastChoice(agentId: string): Promise<{ status: 'ready' } | { status: 'notReady'; reasonCode?: string } | undefined>;
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
export interface CodedRepository<T, W = T> {
  list(page: PageRequest): Promise<PageResult<T>>;
  get(key: string): Promise<T | undefined>;
  /** Stores `entity` (what is written: W, when it differs from what is read back). */
  create(entity: W): Promise<T>;
  /** Replaces the entity whose key the entity carries. */
  update(entity: W): Promise<T>;
  delete(key: string): Promise<void>;
}

/** A canned response as written: the admin's body and who saved it. */
export type CannedResponseWrite = CannedResponseCreate & { updatedBy?: string };

/**
 * Canned responses (docs/canned-responses.md): CodedRepository's rules
 * (nothing refers to one, so any may be deleted); channels are stored as a
 * set in CANNED_CHANNELS order, and `updatedAt` is the time of the write.
 */
export interface CannedResponseRepository extends CodedRepository<CannedResponse, CannedResponseWrite> {
  /** The enabled responses of one channel, unordered (the caller sorts for its reader). */
  enabledFor(channel: CannedChannel): Promise<CannedResponse[]>;
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

/** Who asks for a lease: the node's id, and the URL other nodes reach it at. */
export interface LeaseHolder {
  nodeId: string;
  url: string;
}

/** A lease as held: `token` is its fencing token, `expiresAt` by the database clock. */
export interface HeldLease {
  name: string;
  nodeId: string;
  url: string;
  token: number;
  expiresAt: string;
}

/**
 * Named leases with fencing tokens. Expiry is decided by the database clock
 * (`now()`), never the node's. A lease row is kept after expiry so its token
 * keeps counting: the first holder gets token 1.
 */
export interface LeaseRepository {
  /**
   * Takes the lease when nobody holds it, it expired, or `holder` already
   * holds it. The token goes up by one each time the lease changes hands (not
   * on a re-acquire by the same holder while unexpired). Returns the lease when
   * `holder` holds it after the call, else undefined. Atomic under concurrency.
   */
  acquire(name: string, holder: LeaseHolder, ttlMs: number): Promise<HeldLease | undefined>;
  /** Extends the lease if `nodeId` still holds it with this token and it has not expired; false when lost. */
  renew(name: string, nodeId: string, token: number, ttlMs: number): Promise<boolean>;
  /** Gives it up now (expires it), only if still held with this token. */
  release(name: string, nodeId: string, token: number): Promise<void>;
  /** The current holder, if the lease exists and has not expired. */
  current(name: string): Promise<HeldLease | undefined>;
}

/**
 * What a fenced store checks before each routing write (see createPgStore's
 * `fence` option): that `nodeId` still holds lease `lease` with `token`.
 * When it does not, the write throws AppError UNAVAILABLE and writes nothing.
 */
export interface Fence {
  lease: string;
  nodeId: string;
  token: number;
}

/** Why an offer ended. */
export type StoredOfferEnd = 'accepted' | 'rejected' | 'timeout' | 'withdrawn' | 'abandoned' | 'recovery';

/** One offer of an interaction to an agent; open while `endedAt` is absent. */
export interface StoredOffer {
  offerId: string;
  interactionId: string;
  agentId: string;
  queueId: string;
  offeredAt: string;
  expiresAt: string;
  endedAt?: string;
  endReason?: StoredOfferEnd;
  explain: OfferExplain;
}

export type NewOffer = Omit<StoredOffer, 'endedAt' | 'endReason'>;

export interface OfferEnd {
  reason: StoredOfferEnd;
  at: string;
  requeue?: boolean;
}

/** Offers as rows; opening and ending one moves its interaction in the same transaction. */
export interface OfferRepository {
  /**
   * In one transaction: locks the interaction, requires state 'queued' (else
   * AppError INVALID_STATE; unknown id NOT_FOUND), sets it 'offered', inserts
   * the offer and appends the event {type:'offered', at: offeredAt,
   * data:{offerId, agentId}}. Returns the updated interaction. A duplicate
   * offer id is CONFLICT; an unknown agent NOT_FOUND. A failed call writes nothing.
   */
  open(offer: NewOffer): Promise<Interaction>;
  /**
   * In one transaction: ends the offer if it is still open (an ended or
   * unknown offer returns undefined and writes nothing). With `requeue`, also
   * moves the interaction 'offered' -> 'queued' and appends {type:'requeued',
   * at, actorId: agentId, data:{offerId, reason}}; if the interaction is no
   * longer 'offered', the offer is still ended and the interaction left alone.
   * Returns the interaction after the call.
   */
  end(offerId: string, end: OfferEnd): Promise<Interaction | undefined>;
  /** Every offer of the interaction, oldest first (for the routing explanation API). */
  ofInteraction(interactionId: string): Promise<StoredOffer[]>;
  /** Offers not ended yet, oldest first. */
  listOpen(): Promise<StoredOffer[]>;
  /** Ends every open offer with `reason` at `at` (used at recovery); returns how many. */
  endAllOpen(reason: StoredOfferEnd, at: string): Promise<number>;
}

/** One of routing's writes, as the repositories above define it. */
export type RoutingWrite =
  /** A new interaction (state `queued`) with the id routing knows it by, and its `created` event at `at`: see RoutingService.admit. */
  | { kind: 'createInteraction'; id: string; interaction: NewInteraction; at: string }
  | { kind: 'openOffer'; offer: NewOffer }
  /** `interactionId`, the offer's interaction when the caller knows it, lets the batch go as one statement (routingBatchStatement.ts). */
  | { kind: 'endOffer'; offerId: string; end: OfferEnd; interactionId?: string }
  | { kind: 'transition'; interactionId: string; change: InteractionChange; event: InteractionEvent }
  | { kind: 'recordStatus'; agentId: string; status: AgentStatus; reasonCode?: string | undefined; at: string };

/**
 * Routing's writes in one transaction, for the routing owner's group commit
 * (features/routing/groupCommit.ts): one fence check and one commit (one WAL
 * flush) for many decisions.
 */
export interface RoutingWriteRepository {
  /**
   * Applies the writes in order, in one transaction, fenced like each of
   * them alone: all commit or none does. Resolves with each write's result
   * (the interaction after it; undefined for recordStatus and for an offer
   * that had ended already). Throws what the failing write alone would
   * throw, without naming it: callers that need to know run the writes one
   * by one. A createInteraction whose id or channel reference exists is
   * CONFLICT, one for an unknown queue NOT_FOUND.
   */
  commit(writes: readonly RoutingWrite[]): Promise<(Interaction | undefined)[]>;
}
