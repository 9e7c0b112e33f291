import { describe, expect, it } from 'vitest';
import { concatFromElements, concatHeader } from './concatenation.js';
import { MultipartAssembler, type ReceivedPart } from './multipartAssembler.js';

const at = new Date('2026-11-24T08:00:00Z');
const part = (seq: number, text: string, over: Partial<ReceivedPart> = {}): ReceivedPart => ({
  from: '8613800138000',
  to: '10086',
  text,
  receivedAt: at,
  concat: { ref: 7, total: 3, seq },
  ...over,
});

describe('concatenation headers', () => {
  it('write the 8-bit reference form and read it back, and read the 16-bit one', () => {
    const header = concatHeader(300, 3, 2);
    expect([...header]).toStrictEqual([0x05, 0x00, 0x03, 300 & 0xff, 3, 2]);
    expect(concatFromElements([header.subarray(1)])).toStrictEqual({ ref: 44, total: 3, seq: 2 });
    expect(concatFromElements([Buffer.from([0x08, 0x04, 0x12, 0x34, 2, 1])])).toStrictEqual({ ref: 0x1234, total: 2, seq: 1 });
  });

  it('ignore other elements and impossible part numbers', () => {
    expect(concatFromElements([Buffer.from([0x24, 0x01, 0x00])])).toBeUndefined();
    expect(concatFromElements([Buffer.from([0x00, 0x03, 1, 2, 3])])).toBeUndefined();
    expect(concatFromElements([Buffer.from([0x00, 0x03, 1, 0, 0])])).toBeUndefined();
  });
});

describe('joining inbound parts', () => {
  it('joins parts that come out of order, once the last one is in', () => {
    const a = new MultipartAssembler({ timeoutMs: 1000, maxPending: 10 });
    expect(a.add(part(3, 'C'), 0)).toStrictEqual([]);
    expect(a.add(part(1, 'A'), 1)).toStrictEqual([]);
    expect(a.add(part(2, 'B'), 2)).toStrictEqual([{ from: '8613800138000', to: '10086', text: 'ABC', receivedAt: at, parts: 3, missingParts: [] }]);
    expect(a.size).toBe(0);
  });

  it('passes a whole message straight through', () => {
    const a = new MultipartAssembler({ timeoutMs: 1000, maxPending: 10 });
    const { concat: _none, ...single } = part(1, 'hi');
    expect(a.add(single, 0)).toMatchObject([{ text: 'hi', parts: 1, missingParts: [] }]);
  });

  it('keeps two senders with the same reference apart', () => {
    const a = new MultipartAssembler({ timeoutMs: 1000, maxPending: 10 });
    a.add(part(1, 'x1', { from: '1' }), 0);
    a.add(part(1, 'y1', { from: '2' }), 0);
    a.add(part(2, 'x2', { from: '1' }), 0);
    expect(a.add(part(3, 'x3', { from: '1' }), 0)).toMatchObject([{ from: '1', text: 'x1x2x3' }]);
    expect(a.size).toBe(1);
  });

  it('gives up after the timeout and hands on what came, naming the missing parts', () => {
    const a = new MultipartAssembler({ timeoutMs: 1000, maxPending: 10 });
    a.add(part(1, 'A'), 0);
    a.add(part(3, 'C'), 500);
    expect(a.nextExpiryMs()).toBe(1000);
    expect(a.expire(999)).toStrictEqual([]);
    expect(a.expire(1000)).toMatchObject([{ text: 'AC', parts: 3, missingParts: [2] }]);
    expect(a.nextExpiryMs()).toBeUndefined();
  });

  it('holds at most maxPending groups, pushing the oldest out incomplete', () => {
    const a = new MultipartAssembler({ timeoutMs: 1000, maxPending: 2 });
    a.add(part(1, 'a', { from: '1' }), 0);
    a.add(part(1, 'b', { from: '2' }), 0);
    expect(a.add(part(1, 'c', { from: '3' }), 0)).toMatchObject([{ from: '1', text: 'a', missingParts: [2, 3] }]);
    expect(a.size).toBe(2);
  });

  it('reopens a completed message without the part that completed it, so its redelivery completes it again', () => {
    const a = new MultipartAssembler({ timeoutMs: 1000, maxPending: 10 });
    a.add(part(1, 'A'), 0);
    a.add(part(2, 'B'), 0);
    const [message] = a.add(part(3, 'C'), 0);
    a.reopen(message!, 3, 500);
    expect(a.size).toBe(1);
    expect(a.expire(1000)).toStrictEqual([]); // waits afresh from the reopening
    expect(a.add(part(3, 'C'), 1200)).toMatchObject([{ text: 'ABC', missingParts: [] }]);
  });
});
