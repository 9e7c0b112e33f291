import { and, asc, count, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { AppError } from '@omnicc/shared';
import type { EmailOutboxRepository, StoredEmail } from '../../store/MailStore.js';
import { fromIso, type Db } from './db.js';
import { withAttachments } from './emailMessagesRepo.js';
import { emailMessages, mailboxes } from './emailSchema.js';
import { isUuid, PG, translating } from './pgErrors.js';

/** Outbound mail on email_messages: stored pending, then sent or failed (docs/email.md, "Replies"). */
export function createEmailOutboxRepo(db: Db): EmailOutboxRepository {
  const get = async (id: string): Promise<StoredEmail | undefined> => {
    if (!isUuid(id)) return undefined;
    const [one] = await withAttachments(db, await db.select().from(emailMessages).where(eq(emailMessages.id, id)));
    return one;
  };
  return {
    get,

    add: (m) =>
      translating(
        async () => {
          const at = fromIso(m.at);
          const [row] = await db
            .insert(emailMessages)
            .values({
              mailboxId: m.mailboxId,
              threadId: m.threadId,
              interactionId: m.interactionId ?? null,
              direction: 'out',
              messageId: m.messageId,
              inReplyTo: m.inReplyTo ?? null,
              references: m.references,
              subject: m.subject,
              fromAddress: m.from.address,
              fromName: m.from.name,
              to: m.to,
              cc: m.cc,
              sentAt: at,
              receivedAt: at,
              headers: [],
              text: m.text,
              contentHash: '',
              rawSize: m.raw.length,
              automatic: m.automatic ?? null,
              delivery: 'pending',
              nextAttemptAt: at,
              raw: m.raw,
              clientMessageId: m.clientMessageId ?? null,
              authorId: m.authorId ?? null,
            })
            .onConflictDoNothing({ target: [emailMessages.interactionId, emailMessages.clientMessageId] })
            .returning({ id: emailMessages.id });
          if (row) return { message: (await get(row.id)) as StoredEmail, created: true };
          // A retried POST: the reply that was stored the first time.
          const [existing] = await db
            .select({ id: emailMessages.id })
            .from(emailMessages)
            .where(and(eq(emailMessages.interactionId, m.interactionId ?? ''), eq(emailMessages.clientMessageId, m.clientMessageId ?? '')));
          if (!existing) throw new AppError('CONFLICT', 'reply stored meanwhile under another id');
          return { message: (await get(existing.id)) as StoredEmail, created: false };
        },
        { [PG.foreignKeyViolation]: ['NOT_FOUND', 'mailbox, thread or interaction is gone'], [PG.uniqueViolation]: ['CONFLICT', 'Message-ID already used'] },
      ),

    async due(at, limit) {
      const rows = await db
        .select({ id: emailMessages.id, mailboxId: emailMessages.mailboxId, raw: emailMessages.raw, to: emailMessages.to, cc: emailMessages.cc, attempts: emailMessages.attempts, from: mailboxes.address })
        .from(emailMessages)
        .innerJoin(mailboxes, eq(mailboxes.id, emailMessages.mailboxId))
        .where(and(eq(emailMessages.delivery, 'pending'), lte(emailMessages.nextAttemptAt, fromIso(at))))
        .orderBy(asc(emailMessages.nextAttemptAt))
        .limit(limit);
      return rows.map((r) => ({ id: r.id, mailboxId: r.mailboxId, raw: r.raw ?? Buffer.alloc(0), envelope: { from: r.from, to: [...r.to, ...r.cc].map((a) => a.address) }, attempts: r.attempts }));
    },

    async markSent(id) {
      await db.update(emailMessages).set({ delivery: 'sent', nextAttemptAt: null, lastError: null, attempts: sql`${emailMessages.attempts} + 1` }).where(and(eq(emailMessages.id, id), eq(emailMessages.delivery, 'pending')));
    },

    async markAttemptFailed(id, error, nextAttemptAt) {
      await db
        .update(emailMessages)
        .set({ attempts: sql`${emailMessages.attempts} + 1`, lastError: error.slice(0, 1000), ...(nextAttemptAt ? { nextAttemptAt: fromIso(nextAttemptAt) } : { delivery: 'failed' as const, nextAttemptAt: null }) })
        .where(and(eq(emailMessages.id, id), eq(emailMessages.delivery, 'pending')));
    },

    async counts() {
      const rows = await db
        .select({ delivery: emailMessages.delivery, n: count() })
        .from(emailMessages)
        .where(inArray(emailMessages.delivery, ['pending', 'failed']))
        .groupBy(emailMessages.delivery);
      const of = (d: string) => rows.find((r) => r.delivery === d)?.n ?? 0;
      return { pending: of('pending'), failed: of('failed') };
    },

    async autoAcksSince(mailboxId, address, since) {
      const [row] = await db
        .select({ n: count() })
        .from(emailMessages)
        .where(and(eq(emailMessages.mailboxId, mailboxId), eq(emailMessages.direction, 'out'), eq(emailMessages.automatic, 'autoAck'), gte(emailMessages.receivedAt, fromIso(since)), sql`${emailMessages.to} @> ${JSON.stringify([{ address }])}::jsonb`));
      return row?.n ?? 0;
    },
  };
}
