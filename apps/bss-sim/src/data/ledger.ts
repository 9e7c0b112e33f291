import type { Bill, Subscriber } from './model.js';

/**
 * Figures read off a subscriber's bills and payments: arrears, what is owed,
 * the 12-month spend and payment counts the CTI's RFM job is fed with.
 * Pure, so they hold as well after a payment (payments.ts) as before.
 */

/** Arrears (欠费): overdue bills' unpaid part. */
export interface Arrears {
  amountFen: number;
  overdueBills: number;
  /** Days since the oldest overdue bill's due date (0 when none). */
  daysOverdue: number;
  /** Due date of the oldest overdue bill. */
  sinceDay?: number;
}

/** What is still to pay on a bill. */
export function outstandingFen(bill: Bill): number {
  return bill.status === 'open' ? 0 : bill.amountFen - bill.paidFen;
}

/** The subscriber's arrears on the "as of" day. */
export function arrearsOf(sub: Subscriber, asOfDay: number): Arrears {
  let amountFen = 0;
  let overdueBills = 0;
  let oldestDue: number | undefined;
  for (const bill of sub.bills) {
    if (bill.status !== 'overdue') continue;
    amountFen += outstandingFen(bill);
    overdueBills++;
    if (bill.dueOn !== undefined && (oldestDue === undefined || bill.dueOn < oldestDue)) oldestDue = bill.dueOn;
  }
  return oldestDue === undefined ? { amountFen, overdueBills, daysOverdue: 0 } : { amountFen, overdueBills, daysOverdue: asOfDay - oldestDue, sinceDay: oldestDue };
}

/** Issued but not yet overdue amount still to pay (the 'due' bill). */
export function dueFen(sub: Subscriber): number {
  let total = 0;
  for (const bill of sub.bills) if (bill.status === 'due') total += outstandingFen(bill);
  return total;
}

/** The open bill's charges so far this month. */
export function currentChargesFen(sub: Subscriber): number {
  return sub.bills.find((b) => b.status === 'open')?.amountFen ?? 0;
}

/** Spend over the last 12 issued bills (what RFM calls monetary value). */
export function spend12mFen(sub: Subscriber): number {
  let total = 0;
  for (const bill of sub.bills) if (bill.status !== 'open') total += bill.amountFen;
  return total;
}

/** Monthly spend of the issued bills, oldest first: the series an RFM job reads. */
export function monthlySpend(sub: Subscriber): { period: string; amountFen: number }[] {
  return sub.bills.filter((b) => b.status !== 'open').map((b) => ({ period: b.period, amountFen: b.amountFen })).reverse();
}
