import { isoDate } from '../data/calendar.js';
import { churnRisk } from '../data/churn.js';
import { arrearsOf, currentChargesFen, dueFen, outstandingFen, spend12mFen } from '../data/ledger.js';
import type { Bill, Payment, Subscriber } from '../data/model.js';
import { formatFen } from '../data/money.js';
import type { Plan } from '../data/plans.js';
import type { AccountDto, ArrearsDto, BalanceDto, BillDto, PaymentDto, PlanDto, SubscriberDto, UsageDto } from './schemas.js';

/**
 * The model (fen, day numbers) as the API's JSON (decimal strings, ISO dates).
 * Nothing here decides anything: figures come from data/ledger.ts and churn.ts.
 */

const dateOrNull = (day: number | undefined): string | null => (day === undefined ? null : isoDate(day));

/** A plan as JSON. */
export function planDto(plan: Plan): PlanDto {
  return {
    id: plan.id,
    nameZh: plan.nameZh,
    nameEn: plan.nameEn,
    network: plan.network,
    monthlyFee: formatFen(plan.monthlyFeeFen),
    allowances: { dataMb: plan.dataMb, voiceMinutes: plan.voiceMinutes, sms: plan.sms },
    overage: { dataPerGb: formatFen(plan.extraDataPerGbFen), voicePerMinute: formatFen(plan.extraVoicePerMinuteFen), sms: formatFen(plan.smsFen) },
    broadbandMbps: plan.broadbandMbps,
  };
}

function arrearsDto(sub: Subscriber, asOfDay: number): ArrearsDto {
  const a = arrearsOf(sub, asOfDay);
  return { amount: formatFen(a.amountFen), overdueBills: a.overdueBills, daysOverdue: a.daysOverdue, since: dateOrNull(a.sinceDay) };
}

const regionDto = (sub: Subscriber) => ({ id: sub.region.id, nameZh: sub.region.nameZh, nameEn: sub.region.nameEn });

/** The subscriber summary. */
export function subscriberDto(sub: Subscriber, asOfDay: number): SubscriberDto {
  const yearAgo = isoDate(asOfDay - 365);
  return {
    msisdn: sub.msisdn,
    accountId: sub.accountId,
    name: sub.name,
    gender: sub.gender,
    email: sub.email ?? null,
    idNumberMasked: sub.idNumberMasked,
    region: regionDto(sub),
    tier: sub.tier,
    accountManager: sub.accountManager ?? null,
    status: sub.status,
    joinedOn: isoDate(sub.joinedOn),
    suspendedOn: dateOrNull(sub.suspendedOn),
    cancelledOn: dateOrNull(sub.cancelledOn),
    plan: { id: sub.plan.id, nameZh: sub.plan.nameZh, nameEn: sub.plan.nameEn, monthlyFee: formatFen(sub.plan.monthlyFeeFen) },
    contract: sub.contract
      ? { termMonths: sub.contract.termMonths, start: isoDate(sub.contract.startOn), end: isoDate(sub.contract.endOn), daysLeft: sub.contract.endOn - asOfDay }
      : null,
    balance: formatFen(sub.balanceFen),
    arrears: arrearsDto(sub, asOfDay),
    amountDue: formatFen(dueFen(sub)),
    currentCharges: formatFen(currentChargesFen(sub)),
    spend12m: formatFen(spend12mFen(sub)),
    payments12m: sub.payments.filter((p) => p.at.slice(0, 10) > yearAgo).length,
    lastPaymentAt: sub.payments[0]?.at ?? null,
    churnRisk: churnRisk(sub, asOfDay),
    complaints90d: sub.complaints90d,
    currency: 'CNY',
    asOf: isoDate(asOfDay),
  };
}

/** Balance and what is owed. */
export function balanceDto(sub: Subscriber, asOfDay: number): BalanceDto {
  return {
    msisdn: sub.msisdn,
    accountId: sub.accountId,
    status: sub.status,
    balance: formatFen(sub.balanceFen),
    arrears: arrearsDto(sub, asOfDay),
    amountDue: formatFen(dueFen(sub)),
    currentCharges: formatFen(currentChargesFen(sub)),
    currency: 'CNY',
    asOf: isoDate(asOfDay),
  };
}

/** One bill with its lines. */
export function billDto(bill: Bill): BillDto {
  return {
    period: bill.period,
    status: bill.status,
    issuedOn: dateOrNull(bill.issuedOn),
    dueOn: dateOrNull(bill.dueOn),
    amount: formatFen(bill.amountFen),
    paid: formatFen(bill.paidFen),
    outstanding: formatFen(outstandingFen(bill)),
    items: bill.items.map((item) => ({
      code: item.code,
      nameZh: item.nameZh,
      nameEn: item.nameEn,
      amount: formatFen(item.amountFen),
      ...(item.quantity ? { quantity: item.quantity } : {}),
    })),
  };
}

/** This month's use against the allowances. */
export function usageDto(sub: Subscriber): UsageDto {
  const { usage, plan } = sub;
  return {
    msisdn: sub.msisdn,
    period: usage.period,
    through: isoDate(usage.throughDay),
    data: { used: usage.dataMb, allowance: plan.dataMb, unit: 'MB' },
    voice: { used: usage.voiceMinutes, allowance: plan.voiceMinutes, unit: 'min' },
    sms: { used: usage.sms, allowance: plan.sms, unit: 'sms' },
  };
}

/** One payment. */
export function paymentDto(payment: Payment): PaymentDto {
  return { id: payment.id, at: payment.at, amount: formatFen(payment.amountFen), channel: payment.channel, reference: payment.reference ?? null };
}

/** The account of a subscriber (one line per account in the simulator). */
export function accountDto(sub: Subscriber, asOfDay: number): AccountDto {
  return {
    id: sub.accountId,
    holder: { name: sub.name, idNumberMasked: sub.idNumberMasked },
    region: regionDto(sub),
    tier: sub.tier,
    accountManager: sub.accountManager ?? null,
    balance: formatFen(sub.balanceFen),
    arrears: arrearsDto(sub, asOfDay),
    subscribers: [{ msisdn: sub.msisdn, status: sub.status, planId: sub.plan.id }],
    currency: 'CNY',
  };
}
