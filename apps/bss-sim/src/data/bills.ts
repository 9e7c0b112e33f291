import type { BillItem } from './model.js';
import { roundToJiao } from './money.js';
import { Rng } from './prng.js';
import type { MonthUsage, UsageContext } from './usage.js';

/**
 * The lines of one month's bill: the plan fee, what went beyond the
 * allowances, roaming, value-added services and the contract discount.
 * Amounts are fen; the bill's total is always the sum of its lines.
 */

/** What else decides a month's lines besides its usage. */
export interface BillMonth {
  /** Year * 12 + month: names the month's random stream. */
  monthKey: number;
  /** The subscriber was under contract that month. */
  underContract: boolean;
  /** Roaming is drawn only for whole months (the open bill shows none until issued). */
  complete: boolean;
}

const MB_PER_GB = 1024;

/** The lines of a month's bill, in the order a printed bill has them. */
export function billItems(ctx: UsageContext, used: MonthUsage, month: BillMonth): BillItem[] {
  const { plan, traits } = ctx;
  const rng = Rng.stream(ctx.seed, ctx.index, 'bill', month.monthKey);
  const items: BillItem[] = [{ code: 'planFee', nameZh: '套餐月费', nameEn: 'Plan monthly fee', amountFen: plan.monthlyFeeFen }];

  const extraMb = used.dataMb - plan.dataMb;
  if (extraMb > 0) {
    // Charged per started GB, as the operator's tariff says.
    const gb = Math.ceil(extraMb / MB_PER_GB);
    items.push({ code: 'extraData', nameZh: '套餐外流量费', nameEn: 'Data beyond allowance', amountFen: gb * plan.extraDataPerGbFen, quantity: { value: extraMb, unit: 'MB' } });
  }
  const extraMinutes = used.voiceMinutes - plan.voiceMinutes;
  if (extraMinutes > 0) {
    items.push({ code: 'extraVoice', nameZh: '套餐外语音通话费', nameEn: 'Calls beyond allowance', amountFen: extraMinutes * plan.extraVoicePerMinuteFen, quantity: { value: extraMinutes, unit: 'min' } });
  }
  const extraSms = used.sms - plan.sms;
  if (extraSms > 0) {
    items.push({ code: 'sms', nameZh: '短信费', nameEn: 'SMS', amountFen: extraSms * plan.smsFen, quantity: { value: extraSms, unit: 'sms' } });
  }
  if (month.complete && rng.next() * 1000 < traits.roamingPerMille) {
    items.push({ code: 'roaming', nameZh: '国际及港澳台漫游费', nameEn: 'International roaming', amountFen: roundToJiao(Math.round(rng.bell(30, 400) * 100)) });
  }
  if (traits.ringback) items.push({ code: 'valueAdded', nameZh: '彩铃功能费', nameEn: 'Ringback tone', amountFen: 500 });
  if (traits.videoPack) items.push({ code: 'valueAdded', nameZh: '视频会员', nameEn: 'Video membership', amountFen: 1500 });
  if (month.underContract) {
    // Contract plans return a fifth of the fee each month (合约优惠).
    items.push({ code: 'discount', nameZh: '合约优惠', nameEn: 'Contract discount', amountFen: -roundToJiao(plan.monthlyFeeFen / 5) });
  }
  return items;
}

/** A bill's total: the sum of its lines. */
export function sumItems(items: readonly BillItem[]): number {
  let total = 0;
  for (const item of items) total += item.amountFen;
  return total;
}
