import smpp, { type PDU } from 'smpp';
import { describe, expect, it } from 'vitest';
import { readDeliverSm } from './deliverSm.js';

const at = new Date('2026-11-24T08:00:00Z');

/** A deliver_sm as it comes off the wire: encoded and parsed again by the smpp package. */
function wire(fields: Record<string, unknown>): PDU {
  return new smpp.PDU(new smpp.PDU('deliver_sm', fields).toBuffer());
}

describe('reading deliver_sm', () => {
  it('reads a handset message with its addresses', () => {
    expect(readDeliverSm(wire({ source_addr: '8613800138000', source_addr_ton: 1, destination_addr: '10086', data_coding: 8, short_message: '查询话费' }), at)).toStrictEqual({
      kind: 'part',
      part: { from: '+8613800138000', to: '10086', text: '查询话费', receivedAt: at },
    });
  });

  it('reads the concatenation header, 8-bit and 16-bit', () => {
    const eight = readDeliverSm(wire({ source_addr: '1', destination_addr: '2', data_coding: 0, short_message: { udh: Buffer.from([5, 0, 3, 9, 2, 2]), message: 'world' } }), at);
    expect(eight).toMatchObject({ kind: 'part', part: { text: 'world', concat: { ref: 9, total: 2, seq: 2 } } });
    const sixteen = readDeliverSm(wire({ source_addr: '1', destination_addr: '2', data_coding: 8, short_message: { udh: Buffer.from([6, 8, 4, 1, 2, 3, 1]), message: '你好' } }), at);
    expect(sixteen).toMatchObject({ kind: 'part', part: { text: '你好', concat: { ref: 0x0102, total: 3, seq: 1 } } });
  });

  it('reads the SAR TLVs when an SMSC segments that way', () => {
    const part = readDeliverSm(wire({ source_addr: '1', destination_addr: '2', data_coding: 0, short_message: 'abc', sar_msg_ref_num: 513, sar_total_segments: 2, sar_segment_seqnum: 1 }), at);
    expect(part).toMatchObject({ kind: 'part', part: { concat: { ref: 513, total: 2, seq: 1 } } });
  });

  it('reads a receipt by esm_class, preferring the TLVs over the text', () => {
    const text = 'id:ABC sub:001 dlvrd:000 submit date:2611240800 done date:2611240801 stat:UNDELIV err:034 text:hi';
    expect(readDeliverSm(wire({ esm_class: 0x04, data_coding: 0, short_message: text }), at)).toMatchObject({ kind: 'receipt', receipt: { messageId: 'ABC', status: 'undeliverable', final: true, errorCode: '034' } });
    expect(readDeliverSm(wire({ esm_class: 0x04, short_message: text, receipted_message_id: 'XYZ', message_state: 2 }), at)).toMatchObject({ kind: 'receipt', receipt: { messageId: 'XYZ', status: 'delivered' } });
    expect(readDeliverSm(wire({ esm_class: 0x04, short_message: 'id:1 stat:ENROUTE' }), at)).toMatchObject({ kind: 'receipt', receipt: { status: 'enroute', final: false } });
  });

  it('calls a receipt without id or state unreadable', () => {
    expect(readDeliverSm(wire({ esm_class: 0x04, short_message: 'garbage' }), at)).toMatchObject({ kind: 'unreadable' });
  });
});
