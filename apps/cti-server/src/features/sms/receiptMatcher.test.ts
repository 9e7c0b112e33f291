import { describe, expect, it } from 'vitest';
import { ReceiptMatcher } from './receiptMatcher.js';
import type { DeliveryReceipt } from './smsGateway.js';

const receipt = (messageId: string): DeliveryReceipt => ({ messageId, status: 'delivered', final: true, gatewayStatus: 'DELIVRD', receivedAt: new Date(0) });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ReceiptMatcher', () => {
  it('keeps a receipt that came before its id was stored, and hands it back with the write', async () => {
    const m = new ReceiptMatcher({ ttlMs: 1000, maxEarly: 10, now: () => 0 });
    expect(m.afterMiss(receipt('A1'))).toEqual({ kind: 'kept' });
    const { result, early } = await m.storing(['A1', 'A2'], () => Promise.resolve('written'));
    expect(result).toBe('written');
    expect(early.map((r) => r.messageId)).toEqual(['A1']);
    expect(m.earlyCount).toBe(0);
  });

  it('tells a receipt that missed a write under way (or just done) to look again after it', async () => {
    const m = new ReceiptMatcher({ ttlMs: 1000, maxEarly: 10, now: () => 0 });
    const write = deferred();
    const storing = m.storing(['B1'], () => write.promise);
    expect(m.pendingWrite('B1')).toBeDefined();
    const miss = m.afterMiss(receipt('B1'));
    expect(miss.kind).toBe('retry');
    write.resolve();
    expect((await storing).early).toEqual([]);
    // Its lookup may have started before the commit and ended after it: still told to look again.
    expect(m.afterMiss(receipt('B1')).kind).toBe('retry');
  });

  it('forgets ids and early receipts after the ttl, and keeps at most maxEarly', async () => {
    let now = 0;
    const m = new ReceiptMatcher({ ttlMs: 1000, maxEarly: 2, now: () => now });
    await m.storing(['C1'], () => Promise.resolve());
    m.afterMiss(receipt('X1'));
    m.afterMiss(receipt('X2'));
    m.afterMiss(receipt('X3'));
    expect(m.earlyCount).toBe(2);
    now = 5000;
    expect(m.afterMiss(receipt('C1'))).toEqual({ kind: 'kept' });
    expect(m.earlyCount).toBe(1);
  });
});
