import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { SMS_CAMPAIGN_STATES, SMS_RECIPIENT_STATES, type SmsCampaignSegment, type SmsCampaignState, type SmsRecipientState } from '@omnicc/shared';
import { users } from './schema.js';

/**
 * Tables of SMS group send (短信群发, docs/sms.md "Group send"). Kept apart
 * like smsSchema.ts; drizzle.config.ts reads this file too.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** One campaign: its template (copied when made, so editing the canned response later does not change what goes out), rate and state. */
export const smsCampaigns = pgTable(
  'sms_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    /** The canned response the body was copied from, if any (no foreign key: the response may be deleted, the campaign keeps its text). */
    cannedResponseId: text('canned_response_id'),
    language: text('language', { enum: ['zh-CN', 'en'] }).notNull(),
    ratePerSecond: integer('rate_per_second').notNull(),
    state: text('state').$type<SmsCampaignState>().notNull(),
    /** The customer segment asked for, stored for issue 8's customer model; not applied yet. */
    segment: jsonb('segment').$type<SmsCampaignSegment>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    total: integer('total').notNull(),
  },
  (t) => [
    check('sms_campaigns_state_check', sql.raw(`"state" IN (${quoted(SMS_CAMPAIGN_STATES)})`)),
    check('sms_campaigns_rate_check', sql`${t.ratePerSecond} BETWEEN 1 AND 10000`),
    // The runner's look for work: running campaigns only.
    index('sms_campaigns_running_idx').on(t.createdAt).where(sql`${t.state} = 'running'`),
  ],
);

/**
 * One recipient of a campaign, in list order (`seq`). `sending` is written
 * before submit_sm goes out and the part ids after it: a row found
 * `sending` without ids after a restart is not sent again (docs/sms.md,
 * "No duplicates across a crash").
 */
export const smsCampaignRecipients = pgTable(
  'sms_campaign_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => smsCampaigns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** E.164 when it is a number; as given when invalid (skipped). */
    number: text('number').notNull(),
    name: text('name'),
    variables: jsonb('variables').$type<Record<string, string>>(),
    state: text('state').$type<SmsRecipientState>().notNull(),
    reason: text('reason'),
    /** The gateway the parts went through, their ids (receipts name these) and each part's latest receipt state ('' while none). */
    gateway: text('gateway'),
    messageIds: text('message_ids').array().notNull().default(sql`'{}'::text[]`),
    partStates: text('part_states').array().notNull().default(sql`'{}'::text[]`),
    parts: smallint('parts'),
    lastError: text('last_error'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('sms_campaign_recipients_state_check', sql.raw(`"state" IN (${quoted(SMS_RECIPIENT_STATES)})`)),
    unique('sms_campaign_recipients_seq_key').on(t.campaignId, t.seq),
    // Claims (pending in seq order), counts by state, pages by state.
    index('sms_campaign_recipients_state_idx').on(t.campaignId, t.state, t.seq),
    // Receipts by part id; no fastupdate for the same reason as sms_messages' (docs/sms.md).
    index('sms_campaign_recipients_ids_idx').using('gin', t.messageIds).with({ fastupdate: 'off' }),
  ],
);

export const smsCampaignTables = { smsCampaigns, smsCampaignRecipients };
