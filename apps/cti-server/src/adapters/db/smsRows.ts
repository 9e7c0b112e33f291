import type { StoredSms } from '../../store/SmsStore.js';
import { toIso } from './db.js';
import type { smsMessages } from './smsSchema.js';

export type SmsMessageRow = typeof smsMessages.$inferSelect;

/** A stored row as the desktop sees it: the delivery fields only on outbound rows, nothing internal (ids per part, hashes). */
export function toStoredSms(row: SmsMessageRow): StoredSms {
  return {
    id: row.id,
    ...(row.interactionId ? { interactionId: row.interactionId } : {}),
    direction: row.direction,
    number: row.number,
    text: row.text,
    parts: row.parts,
    missingParts: row.missingParts,
    at: toIso(row.createdAt),
    ...(row.deliveryStatus ? { delivery: row.deliveryStatus } : {}),
    ...(row.deliveryStatusAt ? { deliveryAt: toIso(row.deliveryStatusAt) } : {}),
    ...(row.lastError ? { lastError: row.lastError } : {}),
    ...(row.clientMessageId ? { clientMessageId: row.clientMessageId } : {}),
    ...(row.authorId ? { authorId: row.authorId } : {}),
    ...(row.automatic ? { automatic: row.automatic } : {}),
  };
}
