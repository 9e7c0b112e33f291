import { billItems, sumItems } from './bills.js';
import { addMonths, dayOf, daysInMonth, formatPeriod, isoInstant, monthsBetween, periodOfDay, type Period } from './calendar.js';
import type { Bill, Contract, Payment, PaymentChannel, Subscriber } from './model.js';
import { drawAccountManager, REGION_BY_ID } from './people.js';
import { requirePlan } from './plans.js';
import { Rng } from './prng.js';
import type { Traits } from './traits.js';
import { monthUsage, partOfMonth, type UsageContext } from './usage.js';

/**
 * Derives a subscriber's whole record on the "as of" day from its traits:
 * dates, the issued bills of the last 12 months and the open one, which of
 * them are paid, the payments that paid them, suspension and this month's use.
 */

/** Bills are issued on the 1st and due on this day of the following month. */
export const DUE_DAY = 20;
/** Days overdue after which a line is suspended (停机); VIPs get a longer grace (信用额度). */
export const SUSPEND_AFTER_DAYS = { vip: 90, other: 30 } as const;
const PAST_BILLS = 12;

/** Who and when: everything but the traits. */
export interface Identity {
  seed: number;
  index: number;
  asOfDay: number;
  msisdn: string;
  accountId: string;
}

const monthKey = (p: Period): number => p.year * 12 + p.month;

function contractOf(traits: Traits, asOfDay: number): Contract | undefined {
  if (!traits.contract) return undefined;
  const endOn = asOfDay + traits.contract.daysLeft;
  return { termMonths: traits.contract.termMonths, startOn: endOn - Math.floor((traits.contract.termMonths * 365) / 12), endOn };
}

/** Issued bills newest first, all unpaid for now (settle() decides). */
function issuedBills(ctx: UsageContext, current: Period, lastIssued: Period, joined: Period, contract: Contract | undefined): Bill[] {
  const bills: Bill[] = [];
  for (let i = 0; i < PAST_BILLS; i++) {
    const period = addMonths(lastIssued, -i);
    if (monthsBetween(joined, period) < 0) break;
    const key = monthKey(period);
    const start = dayOf(period, 1);
    const underContract = contract !== undefined && start >= contract.startOn && start < contract.endOn;
    const items = billItems(ctx, monthUsage(ctx, monthsBetween(period, current), key), { monthKey: key, underContract, complete: true });
    const next = addMonths(period, 1);
    bills.push({ period: formatPeriod(period), issuedOn: dayOf(next, 1), dueOn: dayOf(next, DUE_DAY), status: 'due', items, amountFen: sumItems(items), paidFen: 0 });
  }
  return bills;
}

const CHANNELS: readonly (readonly [PaymentChannel, number])[] = [['wechat', 40], ['alipay', 30], ['app', 15], ['businessHall', 10], ['topUpCard', 5]];

/** Marks bills overdue, due or paid, and writes the payments of the paid ones (newest first). */
function settle(bills: Bill[], traits: Traits, id: Identity, rng: Rng): Payment[] {
  const payments: Payment[] = [];
  let overdueLeft = traits.cancelledMonthsAgo === undefined ? traits.overdueBills : 0;
  for (const bill of bills) {
    const issuedOn = bill.issuedOn ?? id.asOfDay;
    const dueOn = bill.dueOn ?? id.asOfDay;
    const notYetDue = dueOn >= id.asOfDay;
    if (!notYetDue && overdueLeft > 0) {
      bill.status = 'overdue';
      overdueLeft--;
      continue;
    }
    if (notYetDue && (traits.overdueBills > 0 || (!traits.autoPay && rng.chance(0.4)))) continue; // stays 'due'
    bill.status = 'paid';
    bill.paidFen = bill.amountFen;
    const lastDay = Math.min(dueOn, id.asOfDay);
    const day = traits.autoPay ? Math.min(issuedOn + rng.between(0, 2), lastDay) : rng.between(issuedOn, lastDay);
    const minute = rng.between(8 * 60, 23 * 60);
    const channel: PaymentChannel = traits.autoPay ? 'bankAutoDebit' : rng.weighted(CHANNELS);
    payments.push({ id: `P${bill.period.replace('-', '')}-${id.index.toString(36)}`, at: isoInstant(day, minute), amountFen: bill.amountFen, channel });
  }
  return payments;
}

/** The day the line was suspended for arrears, or undefined when it is not. */
function suspensionDay(bills: readonly Bill[], traits: Traits, asOfDay: number): number | undefined {
  const oldest = bills.filter((b) => b.status === 'overdue').at(-1);
  if (!oldest?.dueOn) return undefined;
  const grace = traits.tier.startsWith('vip') ? SUSPEND_AFTER_DAYS.vip : SUSPEND_AFTER_DAYS.other;
  return asOfDay - oldest.dueOn > grace ? oldest.dueOn + grace + 1 : undefined;
}

/** Builds the full record of one subscriber. */
export function buildSubscriber(id: Identity, traits: Traits): Subscriber {
  const plan = requirePlan(traits.planId);
  const region = REGION_BY_ID.get(traits.regionId);
  if (!region) throw new Error(`unknown region ${traits.regionId}`);
  const ctx: UsageContext = { seed: id.seed, index: id.index, traits, plan };
  const profile = Rng.stream(id.seed, id.index, 'profile');
  const current = periodOfDay(id.asOfDay);
  const monthStart = dayOf(current, 1);
  const joined = addMonths(current, -traits.tenureMonths);
  const joinedOn = dayOf(joined, profile.between(1, 28));
  const cancelledPeriod = traits.cancelledMonthsAgo === undefined ? undefined : addMonths(current, -traits.cancelledMonthsAgo);
  const contract = cancelledPeriod ? undefined : contractOf(traits, id.asOfDay);

  const bills = issuedBills(ctx, current, cancelledPeriod ?? addMonths(current, -1), joined, contract);
  const payments = settle(bills, traits, id, Rng.stream(id.seed, id.index, 'payments'));
  const suspendedOn = suspensionDay(bills, traits, id.asOfDay);
  const cancelledOn = cancelledPeriod ? dayOf(cancelledPeriod, profile.between(1, daysInMonth(cancelledPeriod))) : undefined;

  // This month: nothing after cancellation, and use stops on the day of suspension.
  const usedDays = cancelledPeriod ? 0 : Math.max(0, Math.min(id.asOfDay, suspendedOn ?? id.asOfDay) - monthStart + 1);
  const used = partOfMonth(monthUsage(ctx, 0, monthKey(current)), usedDays, daysInMonth(current));
  if (!cancelledPeriod) {
    const underContract = contract !== undefined && monthStart >= contract.startOn && monthStart < contract.endOn;
    const items = billItems(ctx, used, { monthKey: monthKey(current), underContract, complete: false });
    bills.unshift({ period: formatPeriod(current), status: 'open', items, amountFen: sumItems(items), paidFen: 0 });
  }

  const digits = id.msisdn.slice(3);
  const idTail = String(profile.between(0, 999)).padStart(3, '0') + (profile.chance(0.09) ? 'X' : String(profile.int(10)));
  return {
    index: id.index,
    msisdn: id.msisdn,
    accountId: id.accountId,
    name: traits.person.name,
    gender: traits.person.gender,
    ...(traits.hasEmail ? { email: `${digits}@139.com` } : {}),
    idNumberMasked: `${region.idPrefix}********${idTail}`,
    region,
    tier: traits.tier,
    ...(traits.tier.startsWith('vip') ? { accountManager: drawAccountManager(profile, region) } : {}),
    plan,
    status: cancelledPeriod ? 'cancelled' : suspendedOn !== undefined ? 'suspended' : 'active',
    joinedOn,
    ...(cancelledOn !== undefined ? { cancelledOn } : {}),
    ...(suspendedOn !== undefined ? { suspendedOn } : {}),
    ...(contract ? { contract } : {}),
    balanceFen: traits.balanceFen,
    bills,
    payments,
    usage: { period: formatPeriod(current), throughDay: id.asOfDay, ...used },
    complaints90d: traits.complaints90d,
    usageTrend: traits.usageTrend,
  };
}
