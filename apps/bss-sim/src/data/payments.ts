import { outstandingFen } from './ledger.js';
import type { Bill, Payment, Subscriber } from './model.js';

/**
 * Applies payments made through the API to a generated record. The generator
 * stays pure; what changed lives in a small overlay (api/overlay.ts) and is
 * replayed here on every read. A payment settles overdue bills oldest first,
 * then the issued bill not yet due, and the rest tops up the balance. A line
 * suspended for arrears is restored (复机) when no bill is overdue any more.
 */
export function applyPayments(sub: Subscriber, payments: readonly Payment[]): Subscriber {
  if (payments.length === 0) return sub;
  const bills: Bill[] = sub.bills.map((b) => ({ ...b }));
  // Oldest first: overdue, then due.
  const payable = bills.filter((b) => b.status === 'overdue').reverse().concat(bills.filter((b) => b.status === 'due').reverse());
  let balanceFen = sub.balanceFen;
  for (const payment of payments) {
    let left = payment.amountFen;
    for (const bill of payable) {
      if (left === 0) break;
      const owed = outstandingFen(bill);
      if (owed <= 0) continue;
      const part = Math.min(owed, left);
      bill.paidFen += part;
      left -= part;
      if (bill.paidFen === bill.amountFen) bill.status = 'paid';
    }
    balanceFen += left;
  }
  const stillOverdue = bills.some((b) => b.status === 'overdue');
  const restored = sub.status === 'suspended' && !stillOverdue;
  const { suspendedOn: _suspendedOn, ...rest } = sub;
  return {
    ...(restored ? rest : sub),
    status: restored ? 'active' : sub.status,
    balanceFen,
    bills,
    payments: [...payments].reverse().concat(sub.payments),
  };
}
