import type { Plan } from './plans.js';
import { Rng } from './prng.js';
import type { Traits } from './traits.js';

/** What a subscriber uses in one month, drawn from the stream of that month. */
export interface MonthUsage {
  dataMb: number;
  voiceMinutes: number;
  sms: number;
}

/** Who is using: the subscriber's seed, index, traits and plan. */
export interface UsageContext {
  seed: number;
  index: number;
  traits: Traits;
  plan: Plan;
}

/**
 * A whole month's use `monthsAgo` months before the current one: the typical
 * share of the allowance, moved by the trend and by ±15 % of noise per month.
 * The same month always gives the same figures, whichever bill asks.
 */
export function monthUsage(ctx: UsageContext, monthsAgo: number, monthKey: number): MonthUsage {
  const rng = Rng.stream(ctx.seed, ctx.index, 'usage', monthKey);
  const { traits, plan } = ctx;
  const dataPercent = Math.max(0, traits.usagePercent - traits.usageTrend * monthsAgo) * rng.bell(0.85, 1.15);
  const voicePercent = traits.voicePercent * rng.bell(0.8, 1.2);
  // Plans without an SMS allowance still see a few messages (verification codes are free, greetings are not).
  const sms = plan.sms > 0 ? Math.round(plan.sms * rng.bell(0.1, 1.2)) : rng.between(0, 30);
  // A plan's data allowance can be tiny (8-yuan keep-number plan): at least 50 MB of use keeps overage visible there.
  const dataMb = Math.round((Math.max(plan.dataMb, 50) * dataPercent) / 100);
  return { dataMb, voiceMinutes: Math.round((plan.voiceMinutes * voicePercent) / 100), sms };
}

/** A month's use scaled to the part of it that has passed (current month, or a month cut short). */
export function partOfMonth(usage: MonthUsage, daysUsed: number, daysInMonth: number): MonthUsage {
  const part = Math.max(0, Math.min(1, daysUsed / daysInMonth));
  return {
    dataMb: Math.round(usage.dataMb * part),
    voiceMinutes: Math.round(usage.voiceMinutes * part),
    sms: Math.round(usage.sms * part),
  };
}
