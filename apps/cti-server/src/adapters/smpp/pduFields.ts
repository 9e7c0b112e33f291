import type { PDU } from 'smpp';

/** A PDU's string field, or '' when absent or not a string. */
export function stringField(pdu: PDU, name: string): string {
  const value = pdu[name];
  return typeof value === 'string' ? value : '';
}

/** A PDU's numeric field (integers and TLVs), or undefined when absent. */
export function numberField(pdu: PDU, name: string): number | undefined {
  const value = pdu[name];
  return typeof value === 'number' ? value : undefined;
}

export interface MessageBody {
  text: string;
  /** The user data header's information elements, each `[iei, length, ...data]`. */
  elements: Buffer[];
}

/**
 * The text of `short_message` or the `message_payload` TLV. The smpp package
 * has already split off the header (when esm_class says there is one) and
 * decoded the text by data_coding; a coding it cannot read (binary, 0x04)
 * stays bytes, which we show as Latin-1 rather than drop.
 */
export function messageBody(pdu: PDU): MessageBody {
  const raw = pdu.message_payload ?? pdu.short_message;
  if (typeof raw === 'string') return { text: raw, elements: [] };
  if (Buffer.isBuffer(raw)) return { text: raw.toString('latin1'), elements: [] };
  if (typeof raw !== 'object' || raw === null) return { text: '', elements: [] };
  const { message, udh } = raw as { message?: unknown; udh?: unknown };
  const text = typeof message === 'string' ? message : Buffer.isBuffer(message) ? message.toString('latin1') : '';
  const elements = Array.isArray(udh) ? udh.filter((e): e is Buffer => Buffer.isBuffer(e)) : [];
  return { text, elements };
}
