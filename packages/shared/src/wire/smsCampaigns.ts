import { z } from 'zod';
import { LIMITS } from '../limits.js';

/**
 * SMS group send (短信群发): REST contract of /api/admin/sms-campaigns
 * (docs/sms.md, "Group send"). A campaign is a template and a list of
 * recipients, sent by the routing owner at the campaign's rate.
 */

/** draft (made, editable by nobody yet, not sending), running, paused, done (every recipient ended), cancelled. */
export const SMS_CAMPAIGN_STATES = ['draft', 'running', 'paused', 'done', 'cancelled'] as const;
export type SmsCampaignState = (typeof SMS_CAMPAIGN_STATES)[number];

/**
 * pending (to send), sending (claimed, submit_sm going out), submitted (every part accepted), delivered,
 * undelivered (a part's receipt said otherwise), failed (refused, or unknown after a restart), skipped (never sent: see the reason).
 */
export const SMS_RECIPIENT_STATES = ['pending', 'sending', 'submitted', 'delivered', 'undelivered', 'failed', 'skipped'] as const;
export type SmsRecipientState = (typeof SMS_RECIPIENT_STATES)[number];

/** Why a recipient was skipped or failed without a gateway error of its own. */
export const SMS_RECIPIENT_REASONS = ['optedOut', 'duplicate', 'invalidNumber', 'missingVariables', 'cancelled', 'unknownAfterRestart', 'rejected', 'partlySent', 'unknownOutcome'] as const;
export type SmsRecipientReason = (typeof SMS_RECIPIENT_REASONS)[number];

/** Recipients one campaign may have (more is PAYLOAD_TOO_LARGE). */
export const SMS_CAMPAIGN_MAX_RECIPIENTS = 100_000;
/** The create body may be this large (100,000 recipients with names and variables); other admin bodies keep LIMITS.restBodyBytes. */
export const SMS_CAMPAIGN_BODY_BYTES = 32 * 1024 * 1024;

export const smsCampaignRecipientInputSchema = z.strictObject({
  /** Any written form (+86…, 0086…, 138…): normalised to E.164; one that is not a number is kept, skipped as invalidNumber. */
  number: z.string().trim().min(1).max(40),
  /** {{customer.name}} for this recipient. */
  name: z.string().trim().max(100).optional(),
  /** Values of other template variables for this recipient (names of the canned template language). */
  variables: z.record(z.string().max(40), z.string().max(500)).optional(),
});
export type SmsCampaignRecipientInput = z.infer<typeof smsCampaignRecipientInputSchema>;

/**
 * Who the campaign is meant for in customer terms (tiers, regions, plans). Stored
 * as given, not applied: selecting recipients by segment waits for issue 8's customer model.
 */
export const smsCampaignSegmentSchema = z.strictObject({
  tiers: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  regions: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  plans: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
});
export type SmsCampaignSegment = z.infer<typeof smsCampaignSegmentSchema>;

/** POST /api/admin/sms-campaigns: exactly one of cannedResponseId (an enabled-or-not response with the sms channel) and body. */
export const smsCampaignCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  cannedResponseId: z.string().min(1).max(32).optional(),
  body: z.string().min(1).max(LIMITS.cannedBodyChars).optional(),
  /** The template's language; taken from the canned response when one is named. */
  language: z.enum(['zh-CN', 'en']).optional(),
  ratePerSecond: z.number().int().min(1).max(10_000),
  recipients: z.array(smsCampaignRecipientInputSchema),
  segment: smsCampaignSegmentSchema.optional(),
});
export type SmsCampaignCreate = z.infer<typeof smsCampaignCreateSchema>;

export const smsCampaignIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

export const smsCampaignCountsSchema = z.record(z.enum(SMS_RECIPIENT_STATES), z.number().int());
/** Skipped and failed recipients by reason (optedOut, duplicate, invalidNumber, unknownAfterRestart, …). */
export const smsCampaignReasonsSchema = z.record(z.string(), z.number().int());

export const smsCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  body: z.string(),
  cannedResponseId: z.string().optional(),
  language: z.enum(['zh-CN', 'en']),
  ratePerSecond: z.number().int(),
  state: z.enum(SMS_CAMPAIGN_STATES),
  segment: smsCampaignSegmentSchema.optional(),
  createdBy: z.object({ id: z.string(), displayName: z.string() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  total: z.number().int(),
  counts: smsCampaignCountsSchema,
  reasons: smsCampaignReasonsSchema,
});
export type SmsCampaign = z.infer<typeof smsCampaignSchema>;

export const smsCampaignListSchema = z.object({ items: z.array(smsCampaignSchema), total: z.number().int() });
export const smsCampaignListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const smsCampaignPreviewQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(10) });
export const smsCampaignPreviewSchema = z.object({
  /** The first recipients that would be sent to, rendered, with their cost. */
  items: z.array(
    z.object({
      seq: z.number().int(),
      number: z.string(),
      name: z.string().optional(),
      text: z.string(),
      parts: z.number().int(),
      encoding: z.enum(['gsm7', 'ucs2']),
      missing: z.array(z.string()),
    }),
  ),
  total: z.number().int(),
  /** Recipients that would be sent to now: pending, minus opted-out numbers. */
  sendable: z.number().int(),
  skipped: z.object({ optedOut: z.number().int(), invalidNumber: z.number().int(), duplicate: z.number().int() }),
  /** sendable / ratePerSecond, rounded up. */
  estimatedSeconds: z.number().int(),
});
export type SmsCampaignPreview = z.infer<typeof smsCampaignPreviewSchema>;

export const smsCampaignRecipientsQuerySchema = z.strictObject({
  state: z.enum(SMS_RECIPIENT_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const smsCampaignRecipientSchema = z.object({
  seq: z.number().int(),
  number: z.string(),
  name: z.string().optional(),
  state: z.enum(SMS_RECIPIENT_STATES),
  reason: z.string().optional(),
  parts: z.number().int().optional(),
  messageIds: z.array(z.string()),
  lastError: z.string().optional(),
  updatedAt: z.string(),
});
export type SmsCampaignRecipient = z.infer<typeof smsCampaignRecipientSchema>;
export const smsCampaignRecipientPageSchema = z.object({ items: z.array(smsCampaignRecipientSchema), total: z.number().int() });
