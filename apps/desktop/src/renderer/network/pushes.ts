import {
  chatMessageSchema,
  emailMessageViewSchema,
  flowRunViewSchema,
  interactionSchema,
  offerSchema,
  smsMessageViewSchema,
  smsStatusEventSchema,
  workOrderEscalatedSchema,
  type EmailMessageView,
  type FlowRunView,
  type SmsMessageView,
  type SmsStatusEvent,
  type WorkOrderEscalated,
} from '@omnicc/shared';
import { useAgentStore } from '../stores/agentStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore } from '../stores/uiStore.js';
import type { AgentSocket } from './socket.js';

/** A typing notice with no follow-up (the customer's tab died) fades after this. */
export const TYPING_STALE_MS = 8000;

export interface PushHooks {
  /** An interaction arrived on the desk without its history (accepted in another tab or window). */
  onNewInteraction: (interactionId: string) => void;
  /** The server explains why it is about to disconnect us. */
  onSessionError: (code: string, message: string) => void;
  /** A mail joined a conversation on the desk, or a reply's delivery moved. */
  onEmailMessage: (message: EmailMessageView) => void;
  /** An SMS joined a conversation on the desk, or a reply was written. */
  onSmsMessage: (message: SmsMessageView) => void;
  /** A reply's SMS delivery moved on. */
  onSmsStatus: (status: SmsStatusEvent) => void;
  /** A service flow run moved on (an agent's step, a reply, an effect's result, in any tab). */
  onFlowRun: (run: FlowRunView) => void;
  /** A work order of the agent's group was escalated past its due time (optional: only the desk listens). */
  onWorkOrderEscalated?: (e: WorkOrderEscalated) => void;
}

/**
 * Maps every server push of the /agent namespace into the stores. Payloads
 * are parsed with the contract's schemas: a malformed push is dropped (and
 * logged), never allowed to corrupt the desk.
 */
export function bindPushes(socket: AgentSocket, hooks: PushHooks): () => void {
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const interactions = () => useInteractionsStore.getState();

  const clearTyping = (interactionId: string): void => {
    clearTimeout(typingTimers.get(interactionId));
    typingTimers.delete(interactionId);
    interactions().setTyping(interactionId, false);
  };

  socket.on('agent:state', (s) => useAgentStore.getState().apply(s));

  socket.on('offer:new', (raw) => {
    const parsed = offerSchema.safeParse(raw);
    if (parsed.success) useOffersStore.getState().add(parsed.data);
    else console.warn('dropped malformed offer:new', parsed.error.issues[0]);
  });

  socket.on('offer:ended', (e) => useOffersStore.getState().end(e.offerId));

  socket.on('interaction:updated', (raw) => {
    const parsed = interactionSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('dropped malformed interaction:updated', parsed.error.issues[0]);
      return;
    }
    const interaction = parsed.data;
    const wasKnown = interaction.id in interactions().byId;
    interactions().upsert(interaction);
    const ui = useUiStore.getState();
    if (interaction.state === 'wrapUp') {
      clearTyping(interaction.id);
      // The customer left the chat the agent is looking at: ask for the wrap-up right away.
      if (ui.activeId === interaction.id) ui.openWrapUp(interaction.id);
    } else if (interaction.state === 'closed' || interaction.state === 'abandoned') {
      clearTyping(interaction.id);
      if (ui.wrapUpFor === interaction.id) ui.closeWrapUp();
      if (ui.activeId === interaction.id) ui.select(interactions().order[0] ?? null);
    } else if (!wasKnown && interaction.state === 'assigned') {
      hooks.onNewInteraction(interaction.id);
    }
  });

  socket.on('chat:message', (raw) => {
    const parsed = chatMessageSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('dropped malformed chat:message', parsed.error.issues[0]);
      return;
    }
    interactions().addMessage(parsed.data);
    if (parsed.data.sender === 'customer') clearTyping(parsed.data.interactionId);
  });

  socket.on('chat:typing', ({ interactionId, typing }) => {
    clearTimeout(typingTimers.get(interactionId));
    typingTimers.delete(interactionId);
    interactions().setTyping(interactionId, typing);
    if (typing) typingTimers.set(interactionId, setTimeout(() => clearTyping(interactionId), TYPING_STALE_MS));
  });

  socket.on('chat:receipt', (e) => interactions().applyReceipt(e));

  /** A push whose payload is checked against its schema before it reaches the desk. */
  const checked = <T>(event: string, schema: { safeParse: (raw: unknown) => { success: true; data: T } | { success: false; error: { issues: unknown[] } } }, hook: (value: T) => void) => (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) hook(parsed.data);
    else console.warn(`dropped malformed ${event}`, parsed.error.issues[0]);
  };
  socket.on('email:message', checked('email:message', emailMessageViewSchema, hooks.onEmailMessage));
  socket.on('sms:message', checked('sms:message', smsMessageViewSchema, hooks.onSmsMessage));
  socket.on('sms:status', checked('sms:status', smsStatusEventSchema, hooks.onSmsStatus));
  socket.on('flow:run', checked('flow:run', flowRunViewSchema, hooks.onFlowRun));
  if (hooks.onWorkOrderEscalated) socket.on('workOrder:escalated', checked('workOrder:escalated', workOrderEscalatedSchema, hooks.onWorkOrderEscalated));

  socket.on('session:error', (e) => hooks.onSessionError(e.code, e.message));

  return () => {
    for (const timer of typingTimers.values()) clearTimeout(timer);
    typingTimers.clear();
  };
}
