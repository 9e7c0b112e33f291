import type { SmsDelivery } from '@omnicc/shared';
import { isFinalStatus, type DeliveryStatus } from './deliveryStatus.js';
import type { DeliveryReceipt } from './smsGateway.js';

/**
 * How the receipts of a sent message's parts add up (pure; the store calls
 * it inside the row's lock). A part's state is the latest receipt's
 * `DeliveryStatus`, or '' while none came.
 */

/** A part's state after `receipt`, or undefined when the receipt changes nothing: a redelivery, or news older than a final state. */
export function nextPartState(current: string, receipt: Pick<DeliveryReceipt, 'status'>): DeliveryStatus | undefined {
  if (current === receipt.status) return undefined;
  // A final word stands: an `enroute` that overtook `delivered` on the way must not undo it.
  if (current !== '' && isFinalStatus(current as DeliveryStatus)) return undefined;
  return receipt.status;
}

/**
 * The message's delivery once every part was accepted: `delivered` when
 * every part is, `undelivered` as soon as one part ended otherwise (the
 * customer did not get the whole text), else `submitted`.
 */
export function deliveryOfParts(states: readonly string[], parts: number): Extract<SmsDelivery, 'submitted' | 'delivered' | 'undelivered'> {
  if (states.some((s) => s !== '' && s !== 'delivered' && isFinalStatus(s as DeliveryStatus))) return 'undelivered';
  if (states.length >= parts && states.slice(0, parts).every((s) => s === 'delivered')) return 'delivered';
  return 'submitted';
}

/** What the agent reads for a part that did not arrive: which part, the gateway's word, and its error code. */
export function undeliveredError(part: number, parts: number, receipt: Pick<DeliveryReceipt, 'gatewayStatus' | 'errorCode'>): string {
  const which = parts > 1 ? `part ${part} of ${parts} ` : '';
  return `${which}not delivered: ${receipt.gatewayStatus}${receipt.errorCode ? ` (error ${receipt.errorCode})` : ''}`;
}
