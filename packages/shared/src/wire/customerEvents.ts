import { z } from 'zod';
import { LIMITS } from '../limits.js';
import type { ClientToServerMap } from './eventMap.js';
import type { ChatMessage, DeliveryState, InteractionState } from '../model/domain.js';
import { idSchema, clientIdSchema } from '../model/ids.js';

/** Inbound events of the /customer namespace (the chat widget). */
export const customerInbound = {
  'chat:history': z.object({}),
  'chat:send': z.object({
    clientMessageId: clientIdSchema,
    text: z.string().trim().min(1).max(LIMITS.chatMessageChars),
  }),
  'chat:typing': z.object({ typing: z.boolean() }),
  'chat:read': z.object({ upToMessageId: idSchema }),
  /** The customer closes the chat; a reload alone never ends it. */
  'chat:leave': z.object({}),
} as const;
export type CustomerInbound = typeof customerInbound;
export type CustomerInboundName = keyof CustomerInbound;

/** What the widget shows above the conversation. */
export interface CustomerChatState {
  state: InteractionState;
  /** Display name of the agent once one has joined. */
  agentName?: string;
}

export interface CustomerAckValues {
  'chat:history': { chat: CustomerChatState; messages: ChatMessage[] };
  'chat:send': ChatMessage;
  'chat:typing': null;
  'chat:read': null;
  'chat:leave': CustomerChatState;
}

export type CustomerClientToServer = ClientToServerMap<CustomerInbound, CustomerAckValues>;

export interface CustomerServerToClient {
  'chat:message': (message: ChatMessage) => void;
  'chat:typing': (e: { typing: boolean }) => void;
  'chat:receipt': (e: { messageIds: string[]; delivery: DeliveryState }) => void;
  'chat:state': (s: CustomerChatState) => void;
  'session:error': (e: { code: string; message: string }) => void;
}
