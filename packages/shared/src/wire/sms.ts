import { z } from 'zod';
import { clientIdSchema, idSchema } from '../model/ids.js';

/**
 * Contract of an SMS interaction for the desktop (docs/sms.md):
 * `GET /api/interactions/:id/sms` (the conversation),
 * `POST /api/interactions/:id/sms/reply` (the agent's answer), and the
 * pushes on /agent: `sms:message` (a message joined the conversation, or a
 * reply was written, in any tab) and `sms:status` (an outbound message's
 * delivery moved on).
 */

/**
 * Where an outbound SMS stands, as the agent sees it:
 * - `pending`: stored, not yet accepted by the SMSC (waiting for the bind,
 *   or retrying after throttling / a lost link; `lastError` says why);
 * - `submitted`: the SMSC accepted every part; no receipt says more yet;
 * - `delivered`: every part's receipt says delivered to the handset;
 * - `undelivered`: the network gave up on a part (expired, undeliverable,
 *   rejected, deleted; `lastError` names the part and the receipt's word);
 * - `failed`: never accepted: the SMSC refused it, or the retries ran out
 *   (`lastError`). Final, like `delivered` and `undelivered`.
 */
export const SMS_DELIVERY_STATES = ['pending', 'submitted', 'delivered', 'undelivered', 'failed'] as const;
export const smsDeliverySchema = z.enum(SMS_DELIVERY_STATES);
export type SmsDelivery = z.infer<typeof smsDeliverySchema>;

/**
 * Why an outbound SMS was written by the server, not by an agent
 * (docs/sms.md): the satisfaction survey after an interaction closed, the
 * one clarification after an answer that was not a score, and the
 * confirmations of an opt-out (退订) and of a re-subscription (订阅).
 */
export const SMS_AUTOMATIC_KINDS = ['survey', 'surveyClarification', 'optOutConfirmation', 'optInConfirmation', 'workOrderFeedback'] as const;
export const smsAutomaticSchema = z.enum(SMS_AUTOMATIC_KINDS);
export type SmsAutomatic = z.infer<typeof smsAutomaticSchema>;

/** One SMS of a conversation, as the agent's desktop shows it (pushed as `sms:message`). */
export const smsMessageViewSchema = z.object({
  id: idSchema,
  /** Absent for a message kept outside any conversation (an opt-out word). */
  interactionId: idSchema.optional(),
  direction: z.enum(['in', 'out']),
  /** The customer's number, normalised (+86…). */
  number: z.string(),
  text: z.string(),
  /** Parts it came or went in (an outbound long message: as split for sending); `missingParts` names inbound parts that never came (their text is missing). */
  parts: z.number().int().min(1),
  missingParts: z.array(z.number().int().min(1)),
  /** When it arrived (in) or was written (out). */
  at: z.iso.datetime(),
  /** Outbound only: where sending stands (see SMS_DELIVERY_STATES), since `deliveryAt`. */
  delivery: smsDeliverySchema.optional(),
  deliveryAt: z.iso.datetime().optional(),
  /** Outbound only: the last failure (a refused or retried submit, an undelivered part). */
  lastError: z.string().optional(),
  /** Outbound replies: the id the desktop posted it with (to match its own optimistic row), and who wrote it. */
  clientMessageId: z.string().optional(),
  authorId: idSchema.optional(),
  /** Outbound only: written by the server (a survey, a confirmation), not by an agent; such messages belong to no conversation. */
  automatic: smsAutomaticSchema.optional(),
});
export type SmsMessageView = z.infer<typeof smsMessageViewSchema>;

/** `GET /api/interactions/:id/sms`. */
export const smsConversationSchema = z.object({
  interactionId: idSchema,
  /** The customer's number (normalised); replies go there. */
  number: z.string(),
  /** When the number sent an opt-out word (退订, STOP…): marketing leaves it out; replies to its own messages are still allowed. */
  optedOut: z.object({ word: z.string(), at: z.iso.datetime() }).optional(),
  /** A reply may take this many parts at most (PAYLOAD_TOO_LARGE beyond). */
  maxParts: z.number().int().min(1),
  /** The number's messages, oldest first, earlier conversations included; at most the latest `SMS_CONVERSATION_LIMIT`. */
  messages: z.array(smsMessageViewSchema),
  /** Older messages exist beyond those listed. */
  truncated: z.boolean(),
});
export type SmsConversation = z.infer<typeof smsConversationSchema>;

/** How many of a number's messages a conversation lists at most (the latest ones). */
export const SMS_CONVERSATION_LIMIT = 500;

/** A hard cap on a reply's characters; the real limit is `maxParts` parts (10 parts of GSM-7 are 1,530 characters). */
export const SMS_REPLY_MAX_CHARS = 5000;

/**
 * The agent's answer to the customer, `POST /api/interactions/:id/sms/reply`
 * (agents and team leads holding the interaction, while it is assigned).
 * Trimmed; empty is BAD_REQUEST, more than `maxParts` parts
 * PAYLOAD_TOO_LARGE. The same `clientMessageId` again returns the stored
 * message and sends nothing more (201 both times); with other text it is CONFLICT.
 */
export const smsReplyRequestSchema = z.strictObject({
  clientMessageId: clientIdSchema,
  text: z.string().trim().min(1).max(SMS_REPLY_MAX_CHARS),
});
export type SmsReplyRequest = z.infer<typeof smsReplyRequestSchema>;

/** `sms:status`: an outbound message's delivery changed (the full message is not resent). */
export const smsStatusEventSchema = z.object({
  messageId: idSchema,
  interactionId: idSchema,
  delivery: smsDeliverySchema,
  at: z.iso.datetime(),
  lastError: z.string().optional(),
});
export type SmsStatusEvent = z.infer<typeof smsStatusEventSchema>;
