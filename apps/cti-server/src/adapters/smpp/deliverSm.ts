import type { PDU } from 'smpp';
import { concatFromElements, type ConcatInfo } from '../../features/sms/concatenation.js';
import { deliveryStatusFromMessageState, deliveryStatusFromWord, isFinalStatus } from '../../features/sms/deliveryStatus.js';
import type { DeliveryReceipt } from '../../features/sms/smsGateway.js';
import type { ReceivedPart } from '../../features/sms/multipartAssembler.js';
import { parseReceiptText } from './deliveryReceiptText.js';
import { messageBody, numberField, stringField } from './pduFields.js';
import { readAddress } from './smppAddress.js';

/** esm_class bits 2-5: the message type; 0x04 is "SMSC delivery receipt". */
const ESM_TYPE_MASK = 0x3c;
const ESM_DELIVERY_RECEIPT = 0x04;

export type DeliverSmContent = { kind: 'receipt'; receipt: DeliveryReceipt } | { kind: 'part'; part: ReceivedPart } | { kind: 'unreadable'; reason: string };

/**
 * What a deliver_sm carries: a delivery receipt (esm_class type 0x04, or a
 * receipted_message_id TLV) or a message (part) from a handset. Receipts
 * prefer the SMPP 3.4 TLVs (receipted_message_id, message_state), which
 * are exact, over the receipt text, which is only conventional.
 */
export function readDeliverSm(pdu: PDU, receivedAt: Date): DeliverSmContent {
  const esmClass = numberField(pdu, 'esm_class') ?? 0;
  const tlvId = stringField(pdu, 'receipted_message_id');
  const body = messageBody(pdu);
  if ((esmClass & ESM_TYPE_MASK) === ESM_DELIVERY_RECEIPT || tlvId) {
    const text = parseReceiptText(body.text);
    const messageId = tlvId || text.id;
    const state = numberField(pdu, 'message_state');
    if (!messageId || (state === undefined && !text.stat)) return { kind: 'unreadable', reason: `receipt without id or state: ${body.text.slice(0, 80)}` };
    const status = state !== undefined ? deliveryStatusFromMessageState(state) : deliveryStatusFromWord(text.stat ?? '');
    const receipt: DeliveryReceipt = { messageId, status, final: isFinalStatus(status), gatewayStatus: text.stat ?? `message_state ${state}`, receivedAt };
    if (text.err !== undefined) receipt.errorCode = text.err;
    if (text.doneDate) receipt.doneAt = text.doneDate;
    return { kind: 'receipt', receipt };
  }
  const part: ReceivedPart = {
    from: readAddress(stringField(pdu, 'source_addr'), numberField(pdu, 'source_addr_ton')),
    to: readAddress(stringField(pdu, 'destination_addr'), numberField(pdu, 'dest_addr_ton')),
    text: body.text,
    receivedAt,
  };
  const concat = concatFromElements(body.elements) ?? sarConcat(pdu);
  if (concat) part.concat = concat;
  return { kind: 'part', part };
}

/** SMPP's own segmentation TLVs (sar_*), which some SMSCs use instead of a header. */
function sarConcat(pdu: PDU): ConcatInfo | undefined {
  const ref = numberField(pdu, 'sar_msg_ref_num');
  const total = numberField(pdu, 'sar_total_segments');
  const seq = numberField(pdu, 'sar_segment_seqnum');
  if (ref === undefined || total === undefined || seq === undefined || total < 1 || seq < 1 || seq > total) return undefined;
  return { ref, total, seq };
}
