import type { Tier } from './model.js';
import { drawPerson, REGIONS, type Person } from './people.js';
import type { Rng } from './prng.js';

/**
 * The few decisions that make a subscriber who they are. Bills, payments and
 * usage are derived from them (and from their own random streams); demo
 * subscribers are fixed traits (demo.ts) run through the same derivation.
 */
export interface Traits {
  person: Person;
  regionId: string;
  tier: Tier;
  planId: string;
  /** Months since joining; at least 6, so everyone has 6 past bills or more. */
  tenureMonths: number;
  contract?: { termMonths: number; daysLeft: number };
  /** Issued bills past their due date and unpaid (0: not in arrears). */
  overdueBills: number;
  /** Cancelled this many months ago (1-6), or undefined. */
  cancelledMonthsAgo?: number;
  /** Typical data use, % of the allowance. */
  usagePercent: number;
  /** Typical voice use, % of the allowance. */
  voicePercent: number;
  /** Change of data use per month, percentage points. */
  usageTrend: number;
  balanceFen: number;
  complaints90d: number;
  hasEmail: boolean;
  autoPay: boolean;
  ringback: boolean;
  videoPack: boolean;
  /** Chance per month of roaming charges, per mille. */
  roamingPerMille: number;
}

/** Share of each tier in the base (weights sum to 100). */
export const TIER_WEIGHTS: readonly (readonly [Tier, number])[] = [
  ['vipPlatinum', 0.5],
  ['vipGold', 1.5],
  ['vipSilver', 4],
  ['loyal', 18],
  ['potential', 16],
  ['ordinary', 60],
];

const PLANS_BY_TIER: Record<Tier, readonly (readonly [string, number])[]> = {
  vipPlatinum: [['qqt-588', 50], ['qqt-388', 35], ['qqt-288', 15]],
  vipGold: [['qqt-388', 25], ['qqt-288', 45], ['zx-198', 30]],
  vipSilver: [['zx-198', 30], ['jt-169', 30], ['zx-128', 25], ['sw-99', 15]],
  loyal: [['jt-169', 20], ['zx-128', 25], ['sw-99', 10], ['fx-58', 30], ['zb-38', 15]],
  potential: [['zx-128', 15], ['fx-58', 25], ['xy-39', 20], ['flk-29', 20], ['dgdd-19', 20]],
  ordinary: [['szx-8', 15], ['dgdd-19', 20], ['flk-29', 20], ['zb-38', 10], ['xy-39', 10], ['fx-58', 20], ['zx-128', 5]],
};

/** Chance of being in arrears by tier: VIPs are rarely, small prepaid lines more often. */
const ARREARS_CHANCE: Record<Tier, number> = { vipPlatinum: 0.01, vipGold: 0.02, vipSilver: 0.03, loyal: 0.02, potential: 0.06, ordinary: 0.08 };

const isVip = (tier: Tier): boolean => tier.startsWith('vip');

function drawTenure(rng: Rng, tier: Tier): number {
  if (isVip(tier)) return Math.round(rng.bell(24, 240));
  if (tier === 'loyal') return Math.round(rng.bell(60, 240));
  if (tier === 'potential') return rng.between(6, 36);
  return Math.round(rng.bell(6, 180));
}

function drawBalance(rng: Rng, tier: Tier): number {
  const band = rng.weighted<readonly [number, number]>([
    [[0, 20], 30],
    [[20, 200], 50],
    [[200, 1000], 15],
    [[1000, 3000], 5],
  ]);
  const scale = isVip(tier) ? 3 : 1;
  return rng.between(band[0] * 100, band[1] * 100) * scale;
}

function drawContract(rng: Rng, tier: Tier, tenureMonths: number): Traits['contract'] {
  if (!rng.chance(isVip(tier) ? 0.45 : 0.35)) return undefined;
  const termMonths = rng.weighted([[12, 30], [24, 50], [36, 20]] as const);
  const termDays = Math.floor((termMonths * 365) / 12);
  // A contract cannot have started before the subscriber joined.
  const minLeft = Math.max(1, termDays - tenureMonths * 30);
  return { termMonths, daysLeft: rng.between(minLeft, termDays) };
}

/** Draws a generated subscriber's traits from its own stream. */
export function drawTraits(rng: Rng): Traits {
  const person = drawPerson(rng);
  const regionId = rng.weighted(REGIONS).id;
  const tier = rng.weighted(TIER_WEIGHTS);
  const planId = rng.weighted(PLANS_BY_TIER[tier]);
  const tenureMonths = drawTenure(rng, tier);
  const cancelled = !isVip(tier) && tenureMonths >= 12 && rng.chance(0.02);
  const overdueBills = !cancelled && rng.chance(ARREARS_CHANCE[tier]) ? rng.weighted([[1, 55], [2, 25], [3, 12], [4, 8]] as const) : 0;
  const trendKind = rng.weighted([['flat', 85], ['declining', 10], ['growing', 5]] as const);
  const usageTrend = trendKind === 'flat' ? rng.between(-2, 2) : trendKind === 'declining' ? rng.between(-8, -4) : rng.between(3, 6);
  const usageRange: readonly [number, number] = isVip(tier) ? [40, 130] : tier === 'potential' ? [60, 140] : tier === 'loyal' ? [30, 100] : [20, 110];
  const contract = cancelled ? undefined : drawContract(rng, tier, tenureMonths);
  return {
    person,
    regionId,
    tier,
    planId,
    tenureMonths,
    ...(contract ? { contract } : {}),
    overdueBills,
    ...(cancelled ? { cancelledMonthsAgo: rng.between(1, 6) } : {}),
    usagePercent: Math.round(rng.bell(usageRange[0], usageRange[1])),
    voicePercent: Math.round(rng.bell(10, 110)),
    usageTrend,
    balanceFen: overdueBills > 0 || cancelled ? 0 : drawBalance(rng, tier),
    complaints90d: rng.weighted([[0, 90], [1, 7], [2, 2], [3, 1]] as const),
    hasEmail: rng.chance(0.3),
    autoPay: rng.chance(isVip(tier) ? 0.6 : 0.35),
    ringback: rng.chance(0.3),
    videoPack: rng.chance(0.1),
    roamingPerMille: isVip(tier) ? 120 : 15,
  };
}
