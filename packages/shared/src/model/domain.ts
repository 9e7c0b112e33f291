import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idSchema } from './ids.js';

/** Roles, from least to most privileged. Checked on the server for every call. */
export const ROLES = ['agent', 'teamLead', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const CHANNELS = ['voice', 'email', 'chat', 'sms'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** Agent availability (glossary: 示闲 ready, 示忙 notReady, 话后处理 wrapUp). */
export const AGENT_STATUSES = ['offline', 'ready', 'notReady', 'busy', 'wrapUp'] as const;
export const agentStatusSchema = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

/**
 * Interaction life cycle. `queued` and `offered` always have a queue;
 * `assigned` and `wrapUp` always have an agent (the routing watchdog checks it).
 */
export const INTERACTION_STATES = [
  'queued',
  'offered',
  'assigned',
  'wrapUp',
  'closed',
  'abandoned',
] as const;
export const interactionStateSchema = z.enum(INTERACTION_STATES);
export type InteractionState = z.infer<typeof interactionStateSchema>;

export const customerContactSchema = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.customerNameChars),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/)
      .optional(),
    email: z.email().max(254).optional(),
  })
  .refine((c) => c.phone !== undefined || c.email !== undefined, {
    message: 'a phone number or an email is required',
  });
export type CustomerContact = z.infer<typeof customerContactSchema>;

export const interactionSchema = z.object({
  id: idSchema,
  channel: channelSchema,
  state: interactionStateSchema,
  queueId: z.string(),
  customer: z.object({
    name: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
  agentId: idSchema.optional(),
  createdAt: z.iso.datetime(),
  assignedAt: z.iso.datetime().optional(),
  endedAt: z.iso.datetime().optional(),
  dispositionCode: z.string().optional(),
  wrapUpNote: z.string().optional(),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const MESSAGE_SENDERS = ['customer', 'agent', 'system'] as const;
export const messageSenderSchema = z.enum(MESSAGE_SENDERS);
export type MessageSender = z.infer<typeof messageSenderSchema>;

/** Delivery state of one chat message, as seen by its sender. */
export const DELIVERY_STATES = ['sent', 'delivered', 'read'] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const chatMessageSchema = z.object({
  id: idSchema,
  interactionId: idSchema,
  clientMessageId: z.string(),
  sender: messageSenderSchema,
  authorName: z.string(),
  /** Plain text. Clients render it as text, never as HTML. */
  text: z.string(),
  sentAt: z.iso.datetime(),
  delivery: deliveryStateSchema,
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const offerSchema = z.object({
  offerId: idSchema,
  interaction: interactionSchema,
  expiresAt: z.iso.datetime(),
});
export type Offer = z.infer<typeof offerSchema>;

export const OFFER_END_REASONS = ['accepted', 'rejected', 'timeout', 'withdrawn', 'abandoned'] as const;
export type OfferEndReason = (typeof OFFER_END_REASONS)[number];

/** A dictionary entry (reason codes, wrap-up codes) with its labels in both UI languages. */
export const dictionaryEntrySchema = z.object({
  code: z.string(),
  labels: z.object({ en: z.string(), 'zh-CN': z.string() }),
});
export type DictionaryEntry = z.infer<typeof dictionaryEntrySchema>;

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;
