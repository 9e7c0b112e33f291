import type { Logger } from 'pino';
import { iso, type Clock } from '../../clock.js';
import type { SmsOutboxJob, SmsOutboxRepository, SmsStatusChange } from '../../store/SmsStore.js';
import { CoalescingRunner } from '../email/coalescingRunner.js';
import { ReceiptMatcher } from './receiptMatcher.js';
import { backoffDelay } from './retryBackoff.js';
import { SmsGatewayError, type SmsErrorCode } from './smsErrors.js';
import type { DeliveryReceipt, SmsGateway, SmsSendProgress } from './smsGateway.js';
import { NO_SMS_METRICS, type SmsMetricsSink } from './smsMetrics.js';

export interface SmsOutboxDeps {
  store: SmsOutboxRepository;
  clock: Clock;
  log: Logger;
  /** First retry after this long, doubling with jitter up to RETRY_MAX_MS. */
  retryBaseMs: number;
  /** Attempts before a message is `failed` for good. */
  maxAttempts: number;
  /** Told of every change the agent sees (the `sms:status` push); its failure is logged, never undoes the change. */
  onChange?: (change: SmsStatusChange) => Promise<void> | void;
  /** [0, 1) for the retry jitter. */
  random?: () => number;
  metrics?: SmsMetricsSink;
}

/** How often due messages are looked for, besides the kicks (a local reply, a NOTIFY from another node). */
const SCAN_MS = 1000;
/**
 * Messages read per query, and worked on at once: three times the SMPP
 * window (10 submits in flight), so the window stays full while other
 * messages wait for their database write (bench/sms: 1.2-1.7x the rate of 10).
 */
const BATCH = 100;
const CONCURRENCY = 30;
const RETRY_MAX_MS = 5 * 60_000;

/** Failures that another attempt later may cure; the others (the SMSC refused this message) end it as `failed` at once. */
const RETRYABLE: ReadonlySet<SmsErrorCode> = new Set<SmsErrorCode>(['SMS_NOT_CONNECTED', 'SMS_THROTTLED', 'SMS_TIMEOUT', 'SMS_CLOSED', 'SMS_AUTH_REFUSED']);

/**
 * Submits what is stored `pending` over the routing owner's gateway, and
 * applies its delivery receipts. Durable before acknowledged: the agent's
 * POST returns once the message is stored; this sends it, retrying
 * throttling and outages with backoff (a send that failed part-way goes on
 * from the next part, not from the first), and ends it `failed` with the
 * reason when the SMSC refuses it or the attempts run out. Nothing is
 * dropped silently. A message stored on another node is found by the next
 * scan, or at once through its NOTIFY.
 */
export class SmsOutbox {
  private gateway: SmsGateway | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly passes = new CoalescingRunner(() => this.pass(), () => this.gateway !== undefined);
  private readonly matcher: ReceiptMatcher;
  private readonly metrics: SmsMetricsSink;

  constructor(private readonly deps: SmsOutboxDeps) {
    this.metrics = deps.metrics ?? NO_SMS_METRICS;
    this.matcher = new ReceiptMatcher({ ttlMs: 5 * 60_000, maxEarly: 10_000, now: () => deps.clock.now() });
  }

  /** True while this node sends (it holds the gateway). */
  get running(): boolean {
    return this.gateway !== undefined;
  }

  /** Sends over `gateway` and takes its receipts, until halt. */
  start(gateway: SmsGateway): void {
    if (this.gateway) return;
    this.gateway = gateway;
    this.unsubscribe = gateway.on('receipt', (receipt) => {
      this.metrics.receipt(receipt.status);
      return this.receipt(gateway.name, receipt);
    });
    this.timer = setInterval(() => void this.kick(), SCAN_MS);
    void this.kick();
  }

  /** Takes no new work. Sends under way end when the gateway closes (SMS_CLOSED: due again at once, for the next owner). */
  halt(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.gateway = undefined;
  }

  /** Resolves once no pass is under way. */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  /** Sends what is due now (or once more after the pass under way); nothing where the outbox does not run. */
  kick(): Promise<void> {
    return this.gateway ? this.passes.run() : Promise.resolve();
  }

  /**
   * The gateway's `receipt` listener: applies a part's receipt to its
   * message. Throws when the store fails, so the gateway refuses the
   * receipt and the SMSC sends it again.
   */
  async receipt(gateway: string, receipt: DeliveryReceipt): Promise<void> {
    await this.matcher.pendingWrite(receipt.messageId);
    let outcome = await this.deps.store.applyReceipt(gateway, receipt);
    if (outcome.kind === 'unmatched') {
      const miss = this.matcher.afterMiss(receipt);
      if (miss.kind === 'kept') return;
      await miss.written;
      outcome = await this.deps.store.applyReceipt(gateway, receipt);
    }
    if (outcome.kind === 'unmatched') this.deps.log.info({ gateway, messageId: receipt.messageId }, 'sms: receipt for a message id we did not store');
    if (outcome.kind === 'applied' && outcome.change) await this.tell(outcome.change);
  }

  private async pass(): Promise<void> {
    try {
      for (;;) {
        const gateway = this.gateway;
        // Closed under us only when it refused our credentials: messages wait, attempts unspent, for a new gateway (a takeover).
        if (!gateway || gateway.state === 'closed') return;
        const jobs = await this.deps.store.due(iso(this.deps.clock.now()), BATCH);
        const recorded = await inParallel(jobs, CONCURRENCY, (job) => this.attempt(gateway, job));
        // A write that failed leaves its message due: the next scan tries again, rather than this loop at once.
        if (jobs.length < BATCH || !recorded.every(Boolean)) return;
      }
    } catch (err) {
      this.deps.log.warn({ err }, 'sms: outbox pass failed');
    }
  }

  /** One submit of one message; true when its outcome was recorded. */
  private async attempt(gateway: SmsGateway, job: SmsOutboxJob): Promise<boolean> {
    const { store, clock, log } = this.deps;
    let progress: SmsSendProgress;
    try {
      const result = await gateway.send(job.number, job.text, { ref: job.id, from: job.serviceNumber, ...(job.sent ? { resume: job.sent } : {}) });
      progress = { concatRef: result.concatRef ?? 0, messageIds: result.messageIds };
    } catch (err) {
      return this.failed(gateway, job, err);
    }
    this.metrics.submit('accepted');
    try {
      await this.record(gateway.name, progress.messageIds, () => store.markSubmitted(job.id, gateway.name, progress, iso(clock.now())));
      return true;
    } catch (err) {
      // Accepted by the SMSC, but not recorded: it stays pending and goes again (at least once, never lost).
      log.error({ err, messageId: job.id }, 'sms: submitted but not recorded; it will be sent again');
      return false;
    }
  }

  private async failed(gateway: SmsGateway, job: SmsOutboxJob, err: unknown): Promise<boolean> {
    const { store, clock, log, retryBaseMs, maxAttempts } = this.deps;
    const code = err instanceof SmsGatewayError ? err.smsCode : undefined;
    const sent = err instanceof SmsGatewayError ? err.sent : undefined;
    const attempts = job.attempts + 1;
    // The gateway closed under it (this node gave routing up): not the message's fault, due at once for the next owner.
    const closed = code === 'SMS_CLOSED';
    const giveUp = (code !== undefined && !RETRYABLE.has(code)) || (attempts >= maxAttempts && !closed);
    const delay = closed ? 0 : backoffDelay(attempts - 1, { minMs: retryBaseMs, maxMs: RETRY_MAX_MS, ...(this.deps.random ? { random: this.deps.random } : {}) });
    log.warn({ err, messageId: job.id, attempts, giveUp, delay }, 'sms: submit failed');
    this.metrics.submit(giveUp ? 'failed' : 'retrying');
    const now = clock.now();
    const failure = { error: describeFailure(err), nextAttemptAt: giveUp ? null : iso(now + delay), gateway: gateway.name, ...(sent ? { sent } : {}) };
    try {
      await this.record(gateway.name, sent?.messageIds ?? [], () => store.markAttemptFailed(job.id, failure, iso(now)));
      // A retry due before the next scan is not left waiting for it.
      if (!giveUp && delay < SCAN_MS) setTimeout(() => void this.kick(), delay).unref();
      return true;
    } catch (writeErr) {
      log.error({ err: writeErr, messageId: job.id }, 'sms: a failed submit could not be recorded');
      return false;
    }
  }

  /** Stores accepted part ids through the matcher, tells the change, then applies receipts that came before the ids were stored. */
  private async record(gateway: string, ids: readonly string[], write: () => Promise<SmsStatusChange | undefined>): Promise<void> {
    const { result, early } = await this.matcher.storing(ids, write);
    if (result) await this.tell(result);
    for (const receipt of early) await this.receipt(gateway, receipt).catch((err: unknown) => this.deps.log.warn({ err, messageId: receipt.messageId }, 'sms: an early receipt could not be applied'));
  }

  private async tell(change: SmsStatusChange): Promise<void> {
    try {
      await this.deps.onChange?.(change);
    } catch (err) {
      this.deps.log.warn({ err, messageId: change.event.messageId }, 'sms: status push failed');
    }
  }
}

/** What the agent reads: the error, with the gateway's own status word when the message does not say it already. */
function describeFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const word = err instanceof SmsGatewayError ? err.gatewayStatus : undefined;
  return word && !message.includes(word) ? `${message}: ${word}` : message;
}

/** Runs `work` on every item, at most `limit` at once; the results in item order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
