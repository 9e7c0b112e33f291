import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CANNED_CHANNELS, CANNED_LANGUAGES, LIMITS, type CannedChannel, type CannedLanguage } from '@omnicc/shared';
import { users } from './schema.js';

/**
 * Canned responses (常用语, docs/canned-responses.md). Kept apart from
 * schema.ts like the channels' tables; drizzle.config.ts reads this file too.
 */

const quoted = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** One response: a code id, the channels it serves (a set), its language, folder, title and body with `{{variables}}`. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: text('id').primaryKey(),
    /** Distinct, in CANNED_CHANNELS order (the repository writes them so). */
    channels: text('channels').array().notNull().$type<CannedChannel[]>(),
    language: text('language').notNull().$type<CannedLanguage>(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull().defaultNow(),
    // SET NULL: deleting a user keeps the wording they wrote.
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('canned_responses_channels_check', sql`cardinality(${t.channels}) > 0 AND ${t.channels} <@ ARRAY[${quoted(CANNED_CHANNELS)}]::text[]`),
    check('canned_responses_language_check', sql`${t.language} IN (${quoted(CANNED_LANGUAGES)})`),
    // A backstop of the API's limit (which counts UTF-16 units, so never fewer than char_length's code points).
    check('canned_responses_body_check', sql`char_length(${t.body}) BETWEEN 1 AND ${sql.raw(String(LIMITS.cannedBodyChars))}`),
  ],
);

/** Every table of this file (the migration test checks the migrations create them). */
export const cannedResponseTables = { cannedResponses };
