import { reservedMsisdn } from './msisdn.js';
import type { Traits } from './traits.js';

/**
 * Well-known subscribers at the first indexes, for demos and e2e tests. They
 * have memorable numbers (+86 138 0013 800n, in the reserved block) and fixed
 * traits; their bills and usage still come from the seeded streams, so the
 * amounts depend on the seed and the "as of" day, the situations do not.
 * docs/bss-sim.md lists them.
 */
export interface DemoSubscriber {
  /** What the subscriber is for (en), printed at start-up. */
  role: string;
  traits: Traits;
}

const base = {
  voicePercent: 60,
  usageTrend: 0,
  complaints90d: 0,
  hasEmail: true,
  autoPay: false,
  ringback: false,
  videoPack: false,
  roamingPerMille: 0,
  overdueBills: 0,
  balanceFen: 0,
} as const;

/** The demo subscribers in index order. */
export const DEMO_SUBSCRIBERS: readonly DemoSubscriber[] = [
  {
    role: 'VIP gold in arrears (2 overdue bills, still active: VIP grace), contract ends in 10 days, 1 complaint: churn risk high',
    traits: { ...base, person: { name: '陈志强', gender: 'male' }, regionId: 'guangzhou', tier: 'vipGold', planId: 'qqt-288', tenureMonths: 96, contract: { termMonths: 24, daysLeft: 10 }, overdueBills: 2, usagePercent: 85, complaints90d: 1, ringback: true },
  },
  {
    role: 'VIP platinum with heavy use (data over allowance every month, roaming), paid up, large balance',
    traits: { ...base, person: { name: '林佳怡', gender: 'female' }, regionId: 'shenzhen', tier: 'vipPlatinum', planId: 'qqt-588', tenureMonths: 150, usagePercent: 130, voicePercent: 120, balanceFen: 268_000, autoPay: true, videoPack: true, roamingPerMille: 1000 },
  },
  {
    role: 'ordinary subscriber with 3 unpaid overdue bills, suspended for arrears, 2 complaints',
    traits: { ...base, person: { name: '黄伟', gender: 'male' }, regionId: 'foshan', tier: 'ordinary', planId: 'fx-58', tenureMonths: 30, overdueBills: 3, usagePercent: 70, complaints90d: 2, hasEmail: false },
  },
  {
    role: 'loyal subscriber, everything paid, family bundle: the quiet fast path',
    traits: { ...base, person: { name: '李娜', gender: 'female' }, regionId: 'dongguan', tier: 'loyal', planId: 'jt-169', tenureMonths: 132, usagePercent: 60, balanceFen: 12_850, autoPay: true },
  },
  {
    role: 'potential customer, contract ends in 25 days, data use declining',
    traits: { ...base, person: { name: '张敏', gender: 'female' }, regionId: 'huizhou', tier: 'potential', planId: 'zx-128', tenureMonths: 9, contract: { termMonths: 12, daysLeft: 25 }, usagePercent: 90, usageTrend: -7, balanceFen: 3_520 },
  },
  {
    role: 'ordinary subscriber who cancelled 3 months ago (bills end there, no current bill)',
    traits: { ...base, person: { name: '王建国', gender: 'male' }, regionId: 'guangzhou', tier: 'ordinary', planId: 'szx-8', tenureMonths: 60, cancelledMonthsAgo: 3, usagePercent: 20, hasEmail: false },
  },
];

/** Offset of demo 0's number in the reserved block: +86 138 0013 8000. */
const DEMO_OFFSET = 38_000;

/** Number of demo subscriber `index`. */
export function demoMsisdn(index: number): string {
  return reservedMsisdn(DEMO_OFFSET + index);
}

/** The demo index of a reserved-block offset, or undefined. */
export function demoIndexOfOffset(offset: number): number | undefined {
  const index = offset - DEMO_OFFSET;
  return index >= 0 && index < DEMO_SUBSCRIBERS.length ? index : undefined;
}
