import { describe, expect, it } from 'vitest';
import type { CustomerViewData, PromotionRow } from '../../adapters/db/customerReads.js';
import { DEFAULT_CUSTOMER_SETTINGS } from './customerSettings.js';
import { buildCustomerView, daysBetween } from './customerView.js';
import { bestPromotion, eligible } from './promotions.js';

const NOW = '2026-06-15T04:00:00.000Z';
const TODAY = '2026-06-15';

const promo = (code: string, priority: number, rules: PromotionRow['rules'], validFrom = '2026-01-01T00:00:00.000Z', validTo = '2026-12-31T00:00:00.000Z'): PromotionRow => ({
  code,
  nameZh: code,
  nameEn: code,
  descriptionZh: '',
  descriptionEn: '',
  priority,
  rules,
  validFrom,
  validTo,
});

const data = (over: Partial<CustomerViewData> = {}): CustomerViewData => ({
  customer: {
    id: '00000000-0000-4000-8000-000000000001',
    name: '陈志强',
    kind: 'individual',
    region: 'guangzhou',
    tier: 'vipGold',
    vipManagerUserId: null,
    vipManagerName: '何嘉欣',
    vipManagerPhone: '+8613800191001',
    churnScore: 70,
    churnLevel: 'high',
    createdAt: NOW,
    updatedAt: NOW,
    mergedInto: null,
    contactPoints: [],
  },
  subscriptions: [{ accountId: 'GD0000000001', msisdn: '+8613800138000', planCode: 'qqt-288', planNameZh: '全球通', planNameEn: 'GoTone', monthlyFeeFen: 28_800, status: 'active', contractEnd: '2026-06-25' }],
  contracts: [],
  rfm: null,
  timeline: [],
  complaints: 0,
  promotions: [],
  ...over,
});

describe('buildCustomerView', () => {
  it('warns of churn risk, a contract ending within the window and repeated complaints', () => {
    const view = buildCustomerView(data({ complaints: 2 }), DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW });
    expect(view.warnings).toEqual([
      { kind: 'churnRisk', level: 'high', score: 70 },
      { kind: 'contractEnding', what: '+8613800138000', endOn: '2026-06-25', daysLeft: 10 },
      { kind: 'repeatedComplaints', count: 2, windowDays: 30 },
    ]);
    expect(view.customer.vipManager).toEqual({ name: '何嘉欣', phone: '+8613800191001' });
    // Open work orders come from the work-order feature's hook; none without it.
    expect(view.workOrders).toEqual([]);
    expect(buildCustomerView(data(), DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW }, undefined, { workOrders: [{ number: 'WO-20260615-0001' }] }).workOrders).toEqual([{ number: 'WO-20260615-0001' }]);
  });

  it('does not warn below the thresholds, for a low churn level, an ended or far contract, or a cancelled line', () => {
    const quiet = data({
      customer: { ...data().customer, churnScore: 10, churnLevel: 'low' },
      subscriptions: [
        { ...data().subscriptions[0]!, contractEnd: '2026-07-16' },
        { ...data().subscriptions[0]!, msisdn: '+8613800138009', status: 'cancelled', contractEnd: '2026-06-20' },
        { ...data().subscriptions[0]!, msisdn: '+8613800138008', contractEnd: '2026-06-14' },
      ],
      complaints: 1,
    });
    expect(buildCustomerView(quiet, DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW }).warnings).toEqual([]);
    // The window is a setting.
    const wide = { ...DEFAULT_CUSTOMER_SETTINGS, warnings: { ...DEFAULT_CUSTOMER_SETTINGS.warnings, contractEndingDays: 31, complaintCount: 1 } };
    expect(buildCustomerView(quiet, wide, { today: TODAY, now: NOW }).warnings.map((w) => w.kind)).toEqual(['contractEnding', 'repeatedComplaints']);
  });

  it('marks enterprise contracts expiring within their own warning days', () => {
    const view = buildCustomerView(
      data({ contracts: [{ contractNo: 'C1', title: 't', services: ['专线'], startOn: '2024-01-01', endOn: '2026-07-25', warningDays: 45 }] }),
      DEFAULT_CUSTOMER_SETTINGS,
      { today: TODAY, now: NOW },
    );
    expect(view.contracts[0]).toMatchObject({ daysLeft: 40, expiring: true });
    expect(view.warnings.map((w) => w.kind)).toEqual(['churnRisk', 'contractEnding']);
  });

  it('orders the timeline as read and says when the interaction is about billing or a change of service', () => {
    const timeline = [
      { id: '00000000-0000-4000-8000-0000000000a2', channel: 'sms', state: 'queued', queueId: 'sms-general', createdAt: NOW, agentId: null, agentName: null, dispositionCode: null, wrapUpNote: null },
      { id: '00000000-0000-4000-8000-0000000000a1', channel: 'voice', state: 'closed', queueId: 'voice-general', createdAt: '2026-06-01T00:00:00.000Z', agentId: '00000000-0000-4000-8000-0000000000b1', agentName: 'Alice', dispositionCode: 'complaint', wrapUpNote: '投诉' },
    ];
    const view = buildCustomerView(data({ timeline }), DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW }, { queueId: 'voice-general', dispositionCode: 'planChange' });
    expect(view.timeline.map((t) => [t.channel, t.agent?.name, t.dispositionCode, t.summary])).toEqual([
      ['sms', undefined, undefined, undefined],
      ['voice', 'Alice', 'complaint', '投诉'],
    ]);
    expect(view.promotionMoment).toBe(true);
    expect(buildCustomerView(data(), DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW }, { queueId: 'voice-general' }).promotionMoment).toBe(false);
    expect(buildCustomerView(data(), DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW }, { queueId: 'voice-billing' }).promotionMoment).toBe(true);
    expect(buildCustomerView(data(), DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW }, { queueId: 'voice-general', flowKeys: ['plan-change'] }).promotionMoment).toBe(true);
    expect(buildCustomerView(data(), DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW }, { queueId: 'voice-general', flowKeys: ['broadband-fault'] }).promotionMoment).toBe(false);
  });
});

describe('promotions', () => {
  const facts = { tier: 'vipGold', kind: 'individual', planCodes: ['qqt-288'], contractDaysLeft: 10, rfmSegment: 'champion' };

  it('checks every rule', () => {
    expect(eligible({}, facts)).toBe(true);
    expect(eligible({ tiers: ['vipGold'], planCodes: ['qqt-288'], kinds: ['individual'], contractEndingWithinDays: 10, rfmSegments: ['champion'] }, facts)).toBe(true);
    expect(eligible({ tiers: ['loyal'] }, facts)).toBe(false);
    expect(eligible({ planCodes: ['szx-8'] }, facts)).toBe(false);
    expect(eligible({ kinds: ['enterprise'] }, facts)).toBe(false);
    expect(eligible({ contractEndingWithinDays: 9 }, facts)).toBe(false);
    expect(eligible({ contractEndingWithinDays: 30 }, { ...facts, contractDaysLeft: undefined })).toBe(false);
    expect(eligible({ noContract: true }, facts)).toBe(false);
    expect(eligible({ noContract: true }, { ...facts, contractDaysLeft: undefined })).toBe(true);
    expect(eligible({ rfmSegments: ['atRisk'] }, facts)).toBe(false);
    expect(eligible({ rfmSegments: ['champion'] }, { ...facts, rfmSegment: undefined })).toBe(false);
  });

  it('picks the highest priority eligible promotion valid now, then the lower code', () => {
    const list = [
      promo('expired', 100, {}, '2026-01-01T00:00:00.000Z', '2026-06-15T04:00:00.000Z'),
      promo('not-yet', 99, {}, '2026-06-15T04:00:00.001Z'),
      promo('not-eligible', 98, { tiers: ['ordinary'] }),
      promo('b-renewal', 50, { contractEndingWithinDays: 30 }),
      promo('a-renewal', 50, { tiers: ['vipGold'] }),
      promo('generic', 10, {}),
    ];
    expect(bestPromotion(list, facts, NOW)?.code).toBe('a-renewal');
    expect(bestPromotion(list, { ...facts, tier: 'ordinary' }, NOW)?.code).toBe('not-eligible');
    expect(bestPromotion(list.slice(0, 2), facts, NOW)).toBeUndefined();
    // The view carries it with both languages.
    expect(buildCustomerView(data({ promotions: list }), DEFAULT_CUSTOMER_SETTINGS, { today: TODAY, now: NOW }).promotion).toMatchObject({ code: 'a-renewal', priority: 50 });
  });

  it('counts days between local dates', () => {
    expect(daysBetween('2026-06-15', '2026-06-25')).toBe(10);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-06-15', '2026-06-14')).toBe(-1);
  });
});
