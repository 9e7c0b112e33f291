import type { SmsAutomatic } from '@omnicc/shared';
import type { AutomaticSmsText } from '../../store/SmsStore.js';
import type { Db, Tx } from './db.js';
import { smsMessages } from './smsSchema.js';

/** Where an automatic message goes: the customer's number, from the service number they wrote to, on our gateway. */
export interface AutomaticAddress {
  number: string;
  serviceNumber: string;
  gateway: string;
}

/**
 * Writes a message of the server's own (a survey, a clarification, a
 * confirmation) to the outbox: an outbound row, pending and due at `at`,
 * without an interaction (it belongs to no conversation: no push, no
 * threading) and without an author. The caller's transaction makes it
 * exactly once with whatever caused it. Returns its id.
 */
export async function insertAutomatic(tx: Db | Tx, to: AutomaticAddress, automatic: SmsAutomatic, message: AutomaticSmsText, at: Date): Promise<string> {
  const [row] = await tx
    .insert(smsMessages)
    .values({
      direction: 'out',
      ...to,
      text: message.text,
      parts: message.parts,
      partStates: Array<string>(message.parts).fill(''),
      deliveryStatus: 'pending',
      deliveryStatusAt: at,
      nextAttemptAt: at,
      automatic,
      createdAt: at,
    })
    .returning({ id: smsMessages.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}
