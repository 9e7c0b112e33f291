import { z } from 'zod';
import { LIMITS } from '../limits.js';
import type { ClientToServerMap } from './eventMap.js';
import type { EmailMessageView } from './email.js';
import type { SmsMessageView, SmsStatusEvent } from './sms.js';
import type { FlowRunView } from './flows.js';
import type { WorkOrderEscalated } from './workOrders.js';
import type {
  AgentStatus,
  ChatMessage,
  DeliveryState,
  Interaction,
  Offer,
  OfferEndReason,
} from '../model/domain.js';
import { idSchema, clientIdSchema } from '../model/ids.js';

/**
 * Inbound events of the /agent namespace: one zod schema per event name.
 * The server rejects any name not listed here with UNKNOWN_EVENT.
 */
export const agentInbound = {
  /** Hands the socket a refreshed token so it stays connected past the old expiry. */
  'session:renew': z.object({ token: z.string().min(1).max(4096) }),
  'agent:setStatus': z.discriminatedUnion('status', [
    z.object({ status: z.literal('ready') }),
    z.object({ status: z.literal('notReady'), reasonCode: z.string().min(1).max(32) }),
  ]),
  'agent:snapshot': z.object({}),
  'offer:accept': z.object({ offerId: idSchema }),
  'offer:reject': z.object({ offerId: idSchema }),
  'chat:send': z.object({
    interactionId: idSchema,
    clientMessageId: clientIdSchema,
    text: z.string().trim().min(1).max(LIMITS.chatMessageChars),
  }),
  'chat:typing': z.object({ interactionId: idSchema, typing: z.boolean() }),
  'chat:read': z.object({ interactionId: idSchema, upToMessageId: idSchema }),
  /** The agent ends the conversation; the interaction enters wrap-up. */
  'interaction:end': z.object({ interactionId: idSchema }),
  /**
   * Hands an assigned interaction to another agent or queue; the sender goes
   * to wrap-up. Only queues in `transfer:targets` are allowed.
   */
  'interaction:transfer': z.object({
    interactionId: idSchema,
    to: z.union([z.object({ agentId: idSchema }).strict(), z.object({ queueId: z.string().min(1).max(32) }).strict()]),
  }),
  /** Queues and agents this agent may transfer the interaction to now. */
  'transfer:targets': z.object({ interactionId: idSchema }),
  /**
   * Transfer of a call in progress (blind, or the completion of a consult):
   * the server checks the agent holds the call and the target can take it,
   * and answers with the address to REFER the caller to. The interaction
   * moves when the caller's new INVITE reaches the server; the agent's leg is
   * then hung up by the server (docs/voice.md, Transfers).
   */
  'voice:transfer': z.object({
    interactionId: idSchema,
    to: z.union([z.object({ agentId: idSchema }).strict(), z.object({ queueId: z.string().min(1).max(32) }).strict()]),
  }),
  /** A consult call to a colleague about a call in progress: the server checks both and answers with the colleague's SIP address. */
  'voice:consult': z.object({ interactionId: idSchema, agentId: idSchema }),
  'interaction:wrapUp': z.object({
    interactionId: idSchema,
    dispositionCode: z.string().min(1).max(32),
    note: z.string().max(LIMITS.wrapUpNoteChars).default(''),
  }),
} as const;
export type AgentInbound = typeof agentInbound;
export type AgentInboundName = keyof AgentInbound;

/**
 * An agent's availability as desktops show it. `status` is derived by the
 * server (offline, ready, notReady, busy, wrapUp); `chosen` is what the agent
 * picked, which busy and wrap-up hide, so the ready / not-ready buttons can
 * show it after a reload.
 */
export interface AgentStateView {
  status: AgentStatus;
  /** Reason of a not-ready status. */
  reasonCode?: string;
  statusSince: string;
  chosen: 'ready' | 'notReady';
  /** Reason the agent gave when choosing not ready, kept while busy or in wrap-up. */
  chosenReasonCode?: string;
}

/** A queue the agent may transfer to, with how many wait there now. */
export interface TransferQueueTarget {
  queueId: string;
  nameEn: string;
  nameZh: string;
  waiting: number;
}

/** An agent one may transfer to: only those who could take it now are `available`. */
export interface TransferAgentTarget {
  agentId: string;
  displayName: string;
  status: AgentStatus;
  available: boolean;
}

/** Where the agent's phone sends the caller (REFER's Refer-To): a one-use address the server signed. */
export interface VoiceTransferTicket {
  referTo: string;
  /** The address stops working then; the call stays with the agent. */
  expiresAt: string;
}

/** Whom a consult call rings: the colleague's softphone. */
export interface VoiceConsultTarget {
  sipUri: string;
  displayName: string;
}

export interface TransferTargets {
  queues: TransferQueueTarget[];
  agents: TransferAgentTarget[];
}

/** Everything an agent desktop needs after (re)connecting. */
export interface AgentSnapshot extends AgentStateView {
  offers: Offer[];
  interactions: Interaction[];
  messages: Record<string, ChatMessage[]>;
}

/** What each inbound event acknowledges with on success. */
export interface AgentAckValues {
  'session:renew': { expiresAt: string };
  'agent:setStatus': AgentStateView;
  'agent:snapshot': AgentSnapshot;
  'offer:accept': Interaction;
  'offer:reject': { offerId: string };
  'chat:send': ChatMessage;
  'chat:typing': null;
  'chat:read': null;
  'interaction:end': Interaction;
  'interaction:transfer': Interaction;
  'transfer:targets': TransferTargets;
  'voice:transfer': VoiceTransferTicket;
  'voice:consult': VoiceConsultTarget;
  'interaction:wrapUp': Interaction;
}

/** Typed socket.io map of client-to-server events (input type, ack type). */
export type AgentClientToServer = ClientToServerMap<AgentInbound, AgentAckValues>;

/** Typed socket.io map of server-to-client events on /agent. */
export interface AgentServerToClient {
  'agent:state': (s: AgentStateView) => void;
  'offer:new': (offer: Offer) => void;
  'offer:ended': (e: { offerId: string; interactionId: string; reason: OfferEndReason }) => void;
  'interaction:updated': (interaction: Interaction) => void;
  'chat:message': (message: ChatMessage) => void;
  'chat:typing': (e: { interactionId: string; typing: boolean }) => void;
  'chat:receipt': (e: { interactionId: string; messageIds: string[]; delivery: DeliveryState }) => void;
  /** A mail of an interaction the agent holds: one that joined it, or an outbound one whose delivery changed (same id, newer state). */
  'email:message': (message: EmailMessageView) => void;
  /** An SMS of an interaction the agent holds: one that joined it (a new conversation arrives as its offer instead), or a reply just written (so every tab shows it). */
  'sms:message': (message: SmsMessageView) => void;
  /** An outbound SMS of an interaction the agent holds moved on (submitted, delivered, undelivered, failed, or retrying with `lastError`). */
  'sms:status': (status: SmsStatusEvent) => void;
  /** The service flow run of an interaction the agent holds moved on (started, advanced by another tab, an effect's result, a customer reply). */
  'flow:run': (run: FlowRunView) => void;
  /** A work order of the agent's group passed its due time and was escalated (工单超时升级). */
  'workOrder:escalated': (e: WorkOrderEscalated) => void;
  /** Server tells the client why it is about to disconnect it (e.g. TOKEN_EXPIRED). */
  'session:error': (e: { code: string; message: string }) => void;
}
