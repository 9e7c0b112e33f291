/**
 * Where a sent part stands, in our words. Gateways report in theirs (SMPP
 * `stat:` words and `message_state` numbers, CMPP `Stat` words); these maps
 * are the one place that translates them.
 */
export type DeliveryStatus = 'accepted' | 'enroute' | 'delivered' | 'expired' | 'deleted' | 'undeliverable' | 'rejected' | 'unknown';

const FINAL: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'expired', 'deleted', 'undeliverable', 'rejected']);

/** No further receipt follows a final status. `unknown` is not final: the SMSC may still learn more. */
export function isFinalStatus(status: DeliveryStatus): boolean {
  return FINAL.has(status);
}

/** SMPP 3.4 appendix B receipt words; CMPP uses the same ones for its common cases. */
const STATUS_WORDS: Record<string, DeliveryStatus> = {
  DELIVRD: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'deleted',
  UNDELIV: 'undeliverable',
  ACCEPTD: 'accepted',
  UNKNOWN: 'unknown',
  REJECTD: 'rejected',
  ENROUTE: 'enroute',
  // Spellings some gateways use instead.
  DELIVERED: 'delivered',
  UNDELIVERABLE: 'undeliverable',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  FAILED: 'undeliverable',
};

/**
 * The status for a gateway's status word. An unknown word is `undeliverable`:
 * CMPP gateways report failures as codes such as `MK:0005` or `MA:0054`,
 * and a receipt is only sent for a word that is not "delivered" when the
 * message failed.
 */
export function deliveryStatusFromWord(word: string): DeliveryStatus {
  return STATUS_WORDS[word.trim().toUpperCase()] ?? 'undeliverable';
}

/** SMPP 3.4 §5.2.28 `message_state` values. */
const MESSAGE_STATES: readonly DeliveryStatus[] = ['enroute', 'enroute', 'delivered', 'expired', 'deleted', 'undeliverable', 'accepted', 'unknown', 'rejected'];

/** The status for an SMPP `message_state` TLV value (0 = scheduled counts as en route). */
export function deliveryStatusFromMessageState(state: number): DeliveryStatus {
  return MESSAGE_STATES[state] ?? 'unknown';
}
