import { isoInstant } from '../data/calendar.js';
import type { Dataset } from '../data/dataset.js';
import type { Payment, PaymentChannel, Subscriber } from '../data/model.js';
import { applyPayments } from '../data/payments.js';
import { ApiError } from './errors.js';

/**
 * What the API changed: payments per subscriber index, in memory, replayed
 * over the generated record on every read (data/payments.ts). Bounded, so a
 * runaway test cannot grow it without end; cleared by DELETE /admin/payments.
 */
export class PaymentOverlay {
  private readonly byIndex = new Map<number, Payment[]>();
  private count = 0;
  private serial = 0;

  constructor(
    private readonly dataset: Dataset,
    private readonly limits = { total: 100_000, perSubscriber: 1_000 },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The subscriber as the API shows it: generated, then paid into. */
  read(index: number): Subscriber {
    return applyPayments(this.dataset.subscriberAt(index), this.byIndex.get(index) ?? []);
  }

  /**
   * Records a payment. A reference already used for this subscriber returns
   * that payment again (`created: false`), so a client may retry safely.
   */
  pay(index: number, amountFen: number, channel: PaymentChannel, reference: string | undefined): { payment: Payment; created: boolean } {
    const list = this.byIndex.get(index) ?? [];
    const earlier = reference === undefined ? undefined : list.find((p) => p.reference === reference);
    if (earlier) return { payment: earlier, created: false };
    if (this.count >= this.limits.total || list.length >= this.limits.perSubscriber) {
      throw new ApiError('PAYMENTS_FULL', 'the simulator holds no more payments: DELETE /admin/payments clears them');
    }
    const payment: Payment = {
      id: `API${String(++this.serial).padStart(8, '0')}`,
      at: this.paidAt(),
      amountFen,
      channel,
      ...(reference === undefined ? {} : { reference }),
    };
    list.push(payment);
    this.byIndex.set(index, list);
    this.count++;
    return { payment, created: true };
  }

  /**
   * The as-of day at the current time of day in China: the data describes
   * that day, so a payment made now is made "on" it (the real date when the
   * simulator runs with today's data, as it does by default).
   */
  private paidAt(): string {
    const minuteOfDay = Math.floor(((this.now().getTime() + 8 * 3_600_000) % 86_400_000) / 60_000);
    return isoInstant(this.dataset.asOfDay, minuteOfDay);
  }

  /** Forgets every payment made through the API. */
  clear(): number {
    const cleared = this.count;
    this.byIndex.clear();
    this.count = 0;
    return cleared;
  }

  /** Payments held. */
  get size(): number {
    return this.count;
  }
}
