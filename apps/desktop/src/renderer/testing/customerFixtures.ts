import type { CustomerSummary, CustomerView, InteractionCustomer } from '@omnicc/shared';
import type { BillingAccount } from '../network/customers.js';
import { uuid } from './fixtures.js';

/** A customer summary; `n` makes the ids distinct. */
export function makeCustomerSummary(n: number, overrides: Partial<CustomerSummary> = {}): CustomerSummary {
  return {
    id: uuid(900 + n),
    name: `王芳 ${n}`,
    kind: 'individual',
    region: '北京',
    tier: 'vipGold',
    vipManager: { name: '李经理', phone: '+8613900139000' },
    contactPoints: [{ id: uuid(950 + n), type: 'phone', value: '+8613800138000', verified: true }],
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-05T08:00:00.000Z',
    ...overrides,
  };
}

/** A VIP gold customer with churn, contract and complaint warnings, a promotion, a subscription, a work order and a past chat. */
export function makeVipView(overrides: Partial<CustomerView> = {}): CustomerView {
  return {
    customer: makeCustomerSummary(1),
    subscriptions: [{ accountId: 'A-1', msisdn: '+8613800138000', planCode: 'P128', planName: { en: '5G 128 plan', 'zh-CN': '5G 畅享 128 元套餐' }, monthlyFeeFen: 12800, status: 'active', contractEnd: '2026-12-20' }],
    contracts: [],
    rfm: { recencyDays: 3, frequency: 12, monetaryFen: 300000, scores: { r: 5, f: 4, m: 5 }, segment: 'champion', computedAt: '2026-11-01T00:00:00.000Z' },
    churn: { score: 81, level: 'high' },
    warnings: [
      { kind: 'churnRisk', level: 'high', score: 81 },
      { kind: 'contractEnding', what: '5G 畅享 128 元套餐', endOn: '2026-12-20', daysLeft: 25 },
      { kind: 'repeatedComplaints', count: 3, windowDays: 30 },
    ],
    timeline: [
      { interactionId: uuid(801), channel: 'voice', at: '2026-11-20T06:30:00.000Z', queueId: 'voice-general', agent: { id: uuid(802), name: 'Agent Two' }, dispositionCode: 'resolved', summary: '询问话费', state: 'closed' },
    ],
    workOrders: [
      {
        id: uuid(811), number: 'WO-20261120-0001', type: 'faultReport', state: 'processing', priority: 'normal', acceptDueAt: '2026-11-20T08:30:00.000Z', resolveDueAt: '2026-11-21T06:30:00.000Z',
        sla: 'ok', warned: false, escalated: false, version: 2, createdAt: '2026-11-20T06:30:00.000Z', updatedAt: '2026-11-20T07:00:00.000Z', summary: '宽带断线',
      },
    ],
    promotion: { code: 'RETAIN-5G', name: { en: '5G loyalty upgrade', 'zh-CN': '5G 忠诚升级礼' }, description: { en: 'Upgrade at half price for 12 months', 'zh-CN': '升级套餐 12 个月半价' }, priority: 10, validTo: '2026-12-31T15:59:59.000Z' },
    promotionMoment: false,
    billing: null,
    ...overrides,
  };
}

/** The reply for an interaction nobody has. */
export const unknownReply = (name = 'Visitor 7', phone = '+8613700137000'): InteractionCustomer => ({ unknown: { name, phone }, promotionMoment: false });

/** Billing with arrears. */
export const owingAccount = (arrears = 86.5): BillingAccount => ({ balance: -86.5, arrears, planName: '5G 畅享 128 元套餐', contractEndsOn: '2026-12-20', overdueBills: 1, amountDue: 214.5, status: 'active' });
