import { describe, expect, it } from 'vitest';
import { createDataset } from './dataset.js';
import { arrearsOf, dueFen } from './ledger.js';
import type { Payment } from './model.js';
import { formatFen, parseYuan } from './money.js';
import { applyPayments } from './payments.js';

const dataset = createDataset({ asOf: '2025-06-15' });
const pay = (amountFen: number, n = 1): Payment => ({ id: `T${n}`, at: '2025-06-15T10:00:00+08:00', amountFen, channel: 'agentDesk' });

describe('applyPayments', () => {
  it('settles overdue bills oldest first, then the due bill, then tops up the balance', () => {
    const sub = dataset.subscriberAt(2); // suspended, 3 overdue bills
    const arrears = arrearsOf(sub, dataset.asOfDay);
    const oldest = sub.bills.filter((b) => b.status === 'overdue').at(-1)!;

    const partly = applyPayments(sub, [pay(oldest.amountFen + 100)]);
    expect(partly.bills.find((b) => b.period === oldest.period)?.status).toBe('paid');
    expect(arrearsOf(partly, dataset.asOfDay).amountFen).toBe(arrears.amountFen - oldest.amountFen - 100);
    expect(partly.status).toBe('suspended');
    expect(partly.balanceFen).toBe(0);

    const all = applyPayments(sub, [pay(arrears.amountFen + dueFen(sub) + 5_000)]);
    expect(arrearsOf(all, dataset.asOfDay).amountFen).toBe(0);
    expect(dueFen(all)).toBe(0);
    expect(all.status).toBe('active');
    expect(all.suspendedOn).toBeUndefined();
    expect(all.balanceFen).toBe(5_000);
    expect(all.payments[0]?.id).toBe('T1');
  });

  it('leaves the generated record untouched', () => {
    const sub = dataset.subscriberAt(0);
    const before = JSON.stringify(sub);
    applyPayments(sub, [pay(100_000)]);
    expect(JSON.stringify(sub)).toBe(before);
    expect(applyPayments(sub, [])).toBe(sub);
  });

  it('adds to the balance when nothing is owed', () => {
    const sub = dataset.subscriberAt(3);
    expect(applyPayments(sub, [pay(1_000, 1), pay(2_345, 2)]).balanceFen).toBe(sub.balanceFen + 3_345);
  });
});

describe('money', () => {
  it('formats fen with two decimals and parses yuan exactly', () => {
    expect([formatFen(0), formatFen(5), formatFen(12_845), formatFen(-5_760)]).toEqual(['0.00', '0.05', '128.45', '-57.60']);
    expect([parseYuan('50'), parseYuan('50.5'), parseYuan('50.05'), parseYuan(0.1), parseYuan(19.99)]).toEqual([5_000, 5_050, 5_005, 10, 1_999]);
    for (const bad of ['-1', '1.234', '1e3', '', 'abc', '1,000', Number.NaN, 1e12]) expect(parseYuan(bad)).toBeUndefined();
  });
});
