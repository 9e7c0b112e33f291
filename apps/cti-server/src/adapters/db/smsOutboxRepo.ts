import { and, asc, count, desc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { AppError, type SmsDelivery } from '@omnicc/shared';
import { deliveryOfParts, nextPartState, undeliveredError } from '../../features/sms/outboundDelivery.js';
import type { SmsOutboxRepository, SmsStatusChange } from '../../store/SmsStore.js';
import { fromIso, toIso, type Db } from './db.js';
import { isUuid, PG, translating } from './pgErrors.js';
import { toStoredSms } from './smsRows.js';
import { smsMessages } from './smsSchema.js';

/** The PostgreSQL channel a node NOTIFYs when it stored a reply the routing owner is to send. */
export const SMS_OUTBOX_CHANNEL = 'omnicc_sms_outbox';

/** What a status change carries: the row's delivery, and the agent holding its interaction (read in the same statement). */
const changed = {
  id: smsMessages.id,
  interactionId: smsMessages.interactionId,
  delivery: smsMessages.deliveryStatus,
  at: smsMessages.deliveryStatusAt,
  lastError: smsMessages.lastError,
  partStates: smsMessages.partStates,
  parts: smsMessages.parts,
  agentId: sql<string | null>`(SELECT agent_id FROM interactions WHERE interactions.id = ${smsMessages.interactionId})`,
};
interface ChangedRow {
  id: string;
  interactionId: string | null;
  delivery: SmsDelivery | null;
  at: Date | null;
  lastError: string | null;
  partStates: string[];
  parts: number;
  agentId: string | null;
}

function toChange(row: ChangedRow | undefined): SmsStatusChange | undefined {
  if (!row?.interactionId || !row.delivery || !row.at) return undefined;
  return {
    event: { messageId: row.id, interactionId: row.interactionId, delivery: row.delivery, at: toIso(row.at), ...(row.lastError ? { lastError: row.lastError } : {}) },
    ...(row.agentId ? { agentId: row.agentId } : {}),
  };
}

const pendingRow = (id: string) => and(eq(smsMessages.id, id), eq(smsMessages.deliveryStatus, 'pending'));

/** Outbound SMS on sms_messages: stored pending, submitted by the outbox, moved on by receipts (docs/sms.md, "Replies"). */
export function createSmsOutboxRepo(db: Db): SmsOutboxRepository {
  const byClientIdRow = async (interactionId: string, clientMessageId: string) =>
    (await db.select().from(smsMessages).where(and(eq(smsMessages.interactionId, interactionId), eq(smsMessages.clientMessageId, clientMessageId))))[0];

  /** Sets the delivery the parts add up to, when it differs (a receipt applied before the submit was recorded). */
  const settle = async (row: ChangedRow | undefined, at: Date): Promise<SmsStatusChange | undefined> => {
    if (!row || row.delivery !== 'submitted' || row.partStates.every((s) => s === '')) return toChange(row);
    const delivery = deliveryOfParts(row.partStates, row.parts);
    if (delivery === 'submitted') return toChange(row);
    const [again] = await db.update(smsMessages).set({ deliveryStatus: delivery, deliveryStatusAt: at }).where(eq(smsMessages.id, row.id)).returning(changed);
    return toChange(again);
  };

  return {
    add: (m) =>
      translating(
        async () => {
          const at = fromIso(m.at);
          const [row] = await db
            .insert(smsMessages)
            .values({
              interactionId: m.interactionId,
              direction: 'out',
              number: m.number,
              serviceNumber: m.serviceNumber,
              gateway: m.gateway,
              text: m.text,
              parts: m.parts,
              partStates: Array<string>(m.parts).fill(''),
              deliveryStatus: 'pending',
              deliveryStatusAt: at,
              nextAttemptAt: at,
              clientMessageId: m.clientMessageId,
              authorId: m.authorId,
              createdAt: at,
            })
            .onConflictDoNothing({ target: [smsMessages.interactionId, smsMessages.clientMessageId] })
            .returning();
          if (row) return { message: toStoredSms(row), created: true };
          // A retried POST: the reply stored the first time, if it is the same reply.
          const existing = await byClientIdRow(m.interactionId, m.clientMessageId);
          if (!existing || existing.text !== m.text) throw new AppError('CONFLICT', 'clientMessageId already used for another text');
          return { message: toStoredSms(existing), created: false };
        },
        { [PG.foreignKeyViolation]: ['NOT_FOUND', 'interaction or author is gone'] },
      ),

    async byClientId(interactionId, clientMessageId) {
      const row = await byClientIdRow(interactionId, clientMessageId);
      return row && toStoredSms(row);
    },

    async get(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await db.select().from(smsMessages).where(eq(smsMessages.id, id));
      return row && toStoredSms(row);
    },

    async notify() {
      await db.execute(sql`SELECT pg_notify(${SMS_OUTBOX_CHANNEL}, '')`);
    },

    async pendingCount() {
      // The outbox's partial index covers exactly the pending rows.
      const [row] = await db.select({ n: count() }).from(smsMessages).where(and(eq(smsMessages.deliveryStatus, 'pending'), isNotNull(smsMessages.nextAttemptAt)));
      return row?.n ?? 0;
    },

    async due(at, limit) {
      const rows = await db
        .select({ id: smsMessages.id, number: smsMessages.number, serviceNumber: smsMessages.serviceNumber, text: smsMessages.text, attempts: smsMessages.attempts, ids: smsMessages.gatewayMessageIds, concatRef: smsMessages.concatRef })
        .from(smsMessages)
        .where(and(eq(smsMessages.deliveryStatus, 'pending'), lte(smsMessages.nextAttemptAt, fromIso(at))))
        .orderBy(asc(smsMessages.nextAttemptAt))
        .limit(limit);
      return rows.map(({ ids, concatRef, ...job }) => ({ ...job, ...(ids.length > 0 ? { sent: { concatRef: concatRef ?? 0, messageIds: ids } } : {}) }));
    },

    async markSubmitted(id, gateway, sent, at) {
      const when = fromIso(at);
      const [row] = await db
        .update(smsMessages)
        .set({ gateway, gatewayMessageIds: sent.messageIds, concatRef: sent.concatRef, deliveryStatus: 'submitted', deliveryStatusAt: when, attempts: sql`${smsMessages.attempts} + 1`, nextAttemptAt: null, lastError: null })
        .where(pendingRow(id))
        .returning(changed);
      return settle(row, when);
    },

    async markAttemptFailed(id, failure, at) {
      const when = fromIso(at);
      const [row] = await db
        .update(smsMessages)
        .set({
          attempts: sql`${smsMessages.attempts} + 1`,
          lastError: failure.error.slice(0, 1000),
          ...(failure.sent ? { gateway: failure.gateway, gatewayMessageIds: failure.sent.messageIds, concatRef: failure.sent.concatRef } : {}),
          ...(failure.nextAttemptAt ? { nextAttemptAt: fromIso(failure.nextAttemptAt) } : { deliveryStatus: 'failed' as const, deliveryStatusAt: when, nextAttemptAt: null }),
        })
        .where(pendingRow(id))
        .returning(changed);
      return toChange(row);
    },

    async applyReceipt(gateway, receipt) {
      // Compare-and-set on what the row said, instead of a locking transaction: two round trips. A receipt
      // for another part of the message, or the submit being recorded, in between makes it look again.
      for (;;) {
        // Ids are unique per SMSC only for a while: the latest message with this id is the one it means.
        const [row] = await db
          .select({ id: smsMessages.id, ids: smsMessages.gatewayMessageIds, partStates: smsMessages.partStates, parts: smsMessages.parts, delivery: smsMessages.deliveryStatus, lastError: smsMessages.lastError })
          .from(smsMessages)
          .where(and(eq(smsMessages.direction, 'out'), eq(smsMessages.gateway, gateway), sql`${smsMessages.gatewayMessageIds} @> ARRAY[${receipt.messageId}]::text[]`))
          .orderBy(desc(smsMessages.createdAt))
          .limit(1);
        if (!row) return { kind: 'unmatched' };
        const index = row.ids.indexOf(receipt.messageId);
        const next = nextPartState(row.partStates[index] ?? '', receipt);
        if (!next) return { kind: 'unchanged' };
        const partStates = Array.from({ length: Math.max(row.parts, row.partStates.length) }, (_, i) => (i === index ? next : (row.partStates[i] ?? '')));
        // While the send is unfinished (pending) or gave up (failed), receipts only record their part; markSubmitted adds them up.
        const counts = row.delivery === 'submitted' || row.delivery === 'delivered' || row.delivery === 'undelivered';
        const delivery: SmsDelivery | null = counts ? deliveryOfParts(partStates, row.parts) : row.delivery;
        const lastError = delivery === 'undelivered' && row.delivery !== 'undelivered' ? undeliveredError(index + 1, row.parts, receipt) : row.lastError;
        const moved = delivery !== row.delivery;
        const [updated] = await db
          .update(smsMessages)
          .set({ partStates, ...(moved ? { deliveryStatus: delivery, deliveryStatusAt: receipt.receivedAt, lastError } : {}) })
          .where(and(eq(smsMessages.id, row.id), sql`${smsMessages.partStates} = ${sql.param(row.partStates)}::text[]`, sql`${smsMessages.deliveryStatus} IS NOT DISTINCT FROM ${row.delivery}`))
          .returning(changed);
        if (!updated) continue;
        const change = moved ? toChange(updated) : undefined;
        return { kind: 'applied', ...(change ? { change } : {}) };
      }
    },
  };
}
