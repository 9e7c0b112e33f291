import { z } from 'zod';

/**
 * The JSON both sides of an HTTP SMS provider speak (our generic contract;
 * a provider with its own format gets a small mapping in front of it).
 * Provider-facing, so it lives here and not in packages/shared, which holds
 * the contracts of our own clients.
 */

/** What we POST to the provider's send URL. `ref` doubles as the idempotency key of a retried send. */
export interface WebhookSendRequest {
  ref: string;
  to: string;
  from?: string;
  text: string;
  receipt: boolean;
}

export const webhookSendResponseSchema = z.object({
  /** One id per part the provider made, as its receipts will name them. */
  messageIds: z.array(z.string().min(1).max(200)).min(1).max(255),
});

const isoDate = z.iso.datetime({ offset: true });

export const webhookCallbackSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('inbound'),
    /** The provider's id, for de-duplicating its retries. */
    id: z.string().min(1).max(200),
    from: z.string().min(1).max(32),
    to: z.string().min(1).max(32),
    text: z.string().max(10_000),
    receivedAt: isoDate,
    parts: z.number().int().min(1).max(255).optional(),
  }),
  z.object({
    type: z.literal('receipt'),
    messageId: z.string().min(1).max(200),
    /** SMPP-style word (DELIVRD, UNDELIV…) or ours (delivered, undeliverable…). */
    status: z.string().min(1).max(32),
    errorCode: z.string().max(32).optional(),
    doneAt: isoDate.optional(),
  }),
]);

export type WebhookCallback = z.infer<typeof webhookCallbackSchema>;
