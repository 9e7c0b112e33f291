import { beforeAll, describe, expect, it } from 'vitest';
import { sumItems } from './bills.js';
import { churnRisk } from './churn.js';
import { createDataset, subscriberAt } from './dataset.js';
import { DEMO_SUBSCRIBERS } from './demo.js';
import { arrearsOf } from './ledger.js';
import type { Tier } from './model.js';

const AS_OF = '2025-06-15';

describe('determinism', () => {
  it('gives the same record for the same seed, day and index, and another for another seed', () => {
    const a = createDataset({ seed: 42, asOf: AS_OF });
    const b = createDataset({ seed: 42, asOf: AS_OF });
    const c = createDataset({ seed: 43, asOf: AS_OF });
    for (const index of [0, 7, 4_242, 99_999]) expect(JSON.stringify(a.subscriberAt(index))).toBe(JSON.stringify(b.subscriberAt(index)));
    expect(JSON.stringify(a.subscriberAt(4_242))).not.toBe(JSON.stringify(c.subscriberAt(4_242)));
  });

  it('pins a few values of the default seed, so that a change of the generator is seen', () => {
    const sub = subscriberAt(1000, { asOf: AS_OF });
    expect({ msisdn: sub.msisdn, name: sub.name, plan: sub.plan.id, tier: sub.tier, first: sub.bills[1]?.amountFen }).toMatchSnapshot();
  });

  it('refuses bad options and indexes', () => {
    expect(() => createDataset({ subscribers: 3 })).toThrow(RangeError);
    expect(() => createDataset({ asOf: '2025-02-30' })).toThrow(RangeError);
    expect(() => createDataset({ seed: -1 })).toThrow(RangeError);
    expect(() => createDataset({ subscribers: 10, asOf: AS_OF }).subscriberAt(10)).toThrow(RangeError);
  });

  it('serves a million subscribers without storing them', () => {
    const big = createDataset({ subscribers: 1_000_000, asOf: AS_OF });
    const msisdn = big.msisdnAt(999_999);
    expect(big.indexOfMsisdn(msisdn)).toBe(999_999);
    expect(big.subscriberAt(999_999).msisdn).toBe(msisdn);
  });
});

describe('the demo subscribers', () => {
  const dataset = createDataset({ asOf: AS_OF });
  const at = (i: number) => dataset.subscriberAt(i);

  it('are the situations the docs promise', () => {
    expect(DEMO_SUBSCRIBERS).toHaveLength(6);
    const gold = at(0);
    expect([gold.msisdn, gold.tier, gold.status]).toEqual(['+8613800138000', 'vipGold', 'active']);
    expect(arrearsOf(gold, dataset.asOfDay).overdueBills).toBe(2);
    expect((gold.contract?.endOn ?? 0) - dataset.asOfDay).toBe(10);
    expect(churnRisk(gold, dataset.asOfDay).level).toBe('high');

    const platinum = at(1);
    expect(platinum.tier).toBe('vipPlatinum');
    expect(platinum.bills.filter((b) => b.items.some((i) => i.code === 'extraData')).length).toBeGreaterThan(6);
    expect(arrearsOf(platinum, dataset.asOfDay).amountFen).toBe(0);

    const unpaid = at(2);
    expect([unpaid.tier, unpaid.status]).toEqual(['ordinary', 'suspended']);
    expect(arrearsOf(unpaid, dataset.asOfDay).overdueBills).toBe(3);

    expect(at(3).bills.every((b) => b.status === 'paid' || b.status === 'open')).toBe(true);
    expect((at(4).contract?.endOn ?? 0) - dataset.asOfDay).toBe(25);
    expect(at(5).status).toBe('cancelled');
    expect(at(5).bills.some((b) => b.status === 'open')).toBe(false);
  });
});

describe('distributions over 100,000 subscribers', () => {
  const dataset = createDataset({ subscribers: 100_000, asOf: AS_OF });
  const stats = { arrears: 0, suspended: 0, cancelled: 0, contractEnding30: 0, latin: 0, vipInArrears: 0, highChurn: 0 };
  const tiers = new Map<Tier, number>();
  const problems: string[] = [];

  beforeAll(() => {
    for (let index = 0; index < dataset.size; index++) {
      const sub = dataset.subscriberAt(index);
      tiers.set(sub.tier, (tiers.get(sub.tier) ?? 0) + 1);
      const arrears = arrearsOf(sub, dataset.asOfDay);
      if (arrears.overdueBills > 0) stats.arrears++;
      if (arrears.overdueBills > 0 && sub.tier.startsWith('vip')) stats.vipInArrears++;
      if (sub.status === 'suspended') stats.suspended++;
      if (sub.status === 'cancelled') stats.cancelled++;
      if (sub.contract && sub.contract.endOn - dataset.asOfDay <= 30) stats.contractEnding30++;
      if (/^[A-Za-z]/.test(sub.name)) stats.latin++;
      if (churnRisk(sub, dataset.asOfDay).level === 'high') stats.highChurn++;
      const issued = sub.bills.filter((b) => b.status !== 'open');
      if (issued.length < 6 || issued.length > 12) problems.push(`${index}: ${issued.length} past bills`);
      for (const bill of sub.bills) {
        if (bill.amountFen !== sumItems(bill.items)) problems.push(`${index} ${bill.period}: total is not the sum of the items`);
        if (bill.paidFen < 0 || bill.paidFen > bill.amountFen) problems.push(`${index} ${bill.period}: paid ${bill.paidFen} of ${bill.amountFen}`);
      }
      if (sub.balanceFen < 0 || (arrears.overdueBills > 0 && sub.balanceFen !== 0)) problems.push(`${index}: balance ${sub.balanceFen} with arrears`);
      if (sub.status === 'suspended' && arrears.overdueBills === 0) problems.push(`${index}: suspended without arrears`);
    }
  }, 60_000);

  const share = (n: number) => n / dataset.size;

  it('keeps every record consistent: bills sum their items, 6-12 past bills, no balance beside arrears', () => {
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('puts a realistic share in arrears (about 6 %), about half of them suspended, VIPs rarely', () => {
    expect(share(stats.arrears)).toBeGreaterThan(0.04);
    expect(share(stats.arrears)).toBeLessThan(0.09);
    expect(stats.suspended).toBeGreaterThan(stats.arrears * 0.2);
    expect(stats.suspended).toBeLessThan(stats.arrears * 0.8);
    expect(stats.vipInArrears / ((tiers.get('vipGold') ?? 0) + (tiers.get('vipPlatinum') ?? 0) + (tiers.get('vipSilver') ?? 0))).toBeLessThan(0.05);
  });

  it('has the tier mix of the weights, a few cancelled lines, contracts ending soon, mostly Chinese names', () => {
    expect(share(tiers.get('ordinary') ?? 0)).toBeGreaterThan(0.57);
    expect(share(tiers.get('ordinary') ?? 0)).toBeLessThan(0.63);
    expect(share(tiers.get('vipPlatinum') ?? 0)).toBeGreaterThan(0.003);
    expect(share(tiers.get('vipPlatinum') ?? 0)).toBeLessThan(0.008);
    expect(share(stats.cancelled)).toBeGreaterThan(0.01);
    expect(share(stats.cancelled)).toBeLessThan(0.03);
    expect(share(stats.contractEnding30)).toBeGreaterThan(0.005);
    expect(share(stats.contractEnding30)).toBeLessThan(0.05);
    expect(share(stats.latin)).toBeLessThan(0.02);
    expect(share(stats.highChurn)).toBeLessThan(0.15);
  });
});
