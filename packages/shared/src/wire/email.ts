import { z } from 'zod';
import { idSchema } from '../model/ids.js';

/**
 * REST contract of an email interaction for the desktop:
 * `GET /api/interactions/:id/email` (the conversation) and
 * `POST /api/interactions/:id/email/reply` (the agent's answer).
 */

export const emailAddressSchema = z.object({ name: z.string(), address: z.string() });

export const emailAttachmentViewSchema = z.object({
  /** Download: `GET /api/interactions/:interactionId/email/attachments/:id`. */
  id: idSchema,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  /** Why its bytes were not kept (`overLimit`, `truncated`); absent when it can be downloaded. */
  refused: z.string().optional(),
});

export type EmailAttachmentView = z.infer<typeof emailAttachmentViewSchema>;

export const OUTBOUND_DELIVERY_STATES = ['pending', 'sent', 'failed'] as const;

/** One mail of the conversation, as an agent may see it. */
export const emailMessageViewSchema = z.object({
  id: idSchema,
  direction: z.enum(['in', 'out']),
  interactionId: idSchema.optional(),
  subject: z.string(),
  from: emailAddressSchema.optional(),
  to: z.array(emailAddressSchema),
  cc: z.array(emailAddressSchema),
  /** When it arrived (in) or was written (out). */
  at: z.iso.datetime(),
  text: z.string().optional(),
  /** Sanitized on the server (never the HTML as received). The desk shows `bodyUrl` instead, which has its own CSP. */
  html: z.string().optional(),
  /**
   * The HTML body as a document of its own, for a sandboxed iframe
   * (`GET /api/email/bodies/:id?ticket=…`; add `&images=1` once the agent
   * allows remote images, `&quotes=1` to unfold quoted mail, `&lang=`).
   * Only in the conversation (`GET …/email`), signed for the reader until
   * `bodyUrlsExpireAt`; never in pushes.
   */
  bodyUrl: z.string().optional(),
  /** Remote images held back until the agent allows them. */
  remoteImages: z.number().int().min(0),
  /** The HTML quotes earlier mail (folded in the body document until `quotes=1`). */
  quoted: z.boolean(),
  /** Why the mail is automatic (auto-reply, bounce, list, loop; `autoAck` for ours). */
  automatic: z.string().optional(),
  notes: z.array(z.string()),
  attachments: z.array(emailAttachmentViewSchema),
  /** Outbound only: where sending stands, and the last failure. */
  delivery: z.enum(OUTBOUND_DELIVERY_STATES).optional(),
  lastError: z.string().optional(),
});
export type EmailMessageView = z.infer<typeof emailMessageViewSchema>;

export const emailConversationSchema = z.object({
  interactionId: idSchema,
  /** `T-<n>`: quoted as `[#T-<n>]` in subjects. */
  ticketRef: z.string(),
  mailbox: z.object({ id: idSchema, address: z.string(), displayName: z.string() }),
  /** The whole thread, oldest first (earlier interactions of it included). */
  messages: z.array(emailMessageViewSchema),
  /** When the messages' `bodyUrl`s stop working: ask for the conversation again before. */
  bodyUrlsExpireAt: z.iso.datetime(),
});
export type EmailConversation = z.infer<typeof emailConversationSchema>;

export const EMAIL_REPLY_MODES = ['reply', 'replyAll', 'forward'] as const;

/**
 * The agent's answer to the customer's latest mail: `reply` (to the sender),
 * `replyAll` (the others in copy), or `forward` (to `to`, with the
 * original's attachments). `clientMessageId` makes a retried POST return
 * the stored mail instead of sending twice.
 */
export const emailReplyRequestSchema = z
  .strictObject({
    clientMessageId: z.string().min(1).max(64),
    text: z.string().trim().min(1).max(100_000),
    mode: z.enum(EMAIL_REPLY_MODES).default('reply'),
    /** Forward only: where to. */
    to: z.array(z.email().max(254)).min(1).max(20).optional(),
  })
  .refine((r) => (r.mode === 'forward') === (r.to !== undefined), { message: 'to is required for a forward, and only for a forward', path: ['to'] });
export type EmailReplyRequest = z.infer<typeof emailReplyRequestSchema>;
