import type { Logger } from 'pino';
import { iso, type Clock } from '../../clock.js';
import type { ClaimedRecipient, RecipientOutcome, RunningCampaign, SmsCampaignStore } from '../../store/SmsCampaignStore.js';
import { SmsGatewayError } from '../sms/smsErrors.js';
import type { DeliveryReceipt, SmsGateway } from '../sms/smsGateway.js';
import { renderForRecipient } from './campaignRecipients.js';
import { TokenBucket } from './tokenBucket.js';

export interface CampaignRunnerDeps {
  store: SmsCampaignStore;
  clock: Clock;
  log: Logger;
  /** Source address of what campaigns send. */
  serviceNumber: string;
  /** {{date}} is today here. */
  timeZone: string;
  /**
   * Submits in flight at once for all campaigns. Below the SMPP window (10), so
   * agents' replies always find a free slot and never queue behind a campaign.
   */
  inFlight?: number;
}

/** How often buckets are served, and how often the running campaigns are read again (a pause takes effect within this plus a batch). */
const TICK_MS = 50;
const REFRESH_MS = 250;
/** A bucket saves up at most this much of a second: a batch is a fraction of a second of sending. */
const BURST_SECONDS = 0.25;
/** Throttling halves the pace (down to 1/64) and each second without it gives back a quarter more. */
const MIN_PACE = 1 / 64;
const PACE_RECOVERY = 1.25;
/** Receipts kept until their ids are written, at most (oldest dropped). */
const MAX_EARLY = 10_000;
/** Receipts being applied at once above which no new batch is claimed. */
const MAX_RECEIPTS_APPLYING = 500;

interface Lane {
  campaign: RunningCampaign;
  bucket: TokenBucket;
  busy: boolean;
}

/**
 * Sends running group-send campaigns (docs/sms.md, "Group send") over the
 * routing owner's gateway, beside the reply outbox. Each campaign has a
 * token bucket at its rate; every tick the campaigns are served in turn,
 * each claiming a batch worth its tokens (a claim writes `sending` before
 * submit_sm goes out), all sharing `inFlight` submit slots. The part ids
 * are written after; a recipient left `sending` by a crash is never sent
 * again (settleInterrupted at start). ESME_RTHROTTLED slows every bucket.
 */
export class CampaignRunner {
  private gateway: SmsGateway | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly lanes = new Map<string, Lane>();
  private readonly batches = new Set<Promise<void>>();
  private order = 0;
  private refreshedAt = -Infinity;
  private refreshing = false;
  private pace = 1;
  private throttledAt = -Infinity;
  private recoveredAt = 0;
  private slotsFree: number;
  private readonly slotWaiters: (() => void)[] = [];
  private settled: Promise<void> = Promise.resolve();
  private receiptsApplying = 0;
  private readonly early = new Map<string, { gateway: string; receipt: DeliveryReceipt }>();

  constructor(private readonly deps: CampaignRunnerDeps) {
    this.slotsFree = deps.inFlight ?? 8;
  }

  get running(): boolean {
    return this.gateway !== undefined;
  }

  /** Sends over `gateway` until halt; first settles what a previous owner left `sending`. */
  start(gateway: SmsGateway): void {
    if (this.gateway) return;
    this.gateway = gateway;
    this.unsubscribe = gateway.on('receipt', (receipt) => this.receipt(gateway.name, receipt));
    this.settled = this.deps.store.settleInterrupted(iso(this.deps.clock.now())).then(
      (n) => {
        if (n > 0) this.deps.log.warn({ recipients: n }, 'sms campaigns: recipients left sending by the previous owner are failed, not sent again');
      },
      (err: unknown) => this.deps.log.error({ err }, 'sms campaigns: could not settle interrupted sends'),
    );
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  /** Claims nothing more; resolves once the batches under way have recorded their outcomes (submits not yet started go back to pending). */
  async halt(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.gateway = undefined;
    this.lanes.clear();
    await Promise.allSettled([...this.batches]);
  }

  /** Resolves once no batch is under way (tests). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.batches]);
  }

  /**
   * A receipt for a campaign message. One that overtook the write of its id
   * (the SMSC answers within milliseconds; ids are written per batch) is kept
   * until its batch is recorded, without holding up the bind's other traffic.
   */
  async receipt(gateway: string, receipt: DeliveryReceipt): Promise<void> {
    this.receiptsApplying++;
    let outcome: Awaited<ReturnType<SmsCampaignStore['applyReceipt']>>;
    try {
      outcome = await this.deps.store.applyReceipt(gateway, receipt);
    } finally {
      this.receiptsApplying--;
    }
    // Unmatched with no batch under way is normal: the reply outbox's messages share the bind and its receipts.
    if (outcome !== 'unmatched' || this.batches.size === 0) return;
    if (this.early.size >= MAX_EARLY) this.early.delete(this.early.keys().next().value!);
    this.early.set(receipt.messageId, { gateway, receipt });
    // Its write may have committed (and looked for early receipts) while this lookup ran: look once more, now that it is kept.
    if ((await this.deps.store.applyReceipt(gateway, receipt)) !== 'unmatched') this.early.delete(receipt.messageId);
  }

  /** Applies the receipts that came before these ids were written. */
  private async lateReceipts(outcomes: readonly RecipientOutcome[]): Promise<void> {
    for (const o of outcomes) {
      if (o.kind !== 'submitted') continue;
      for (const id of o.sent.messageIds) {
        const early = this.early.get(id);
        if (!early) continue;
        this.early.delete(id);
        await this.deps.store.applyReceipt(early.gateway, early.receipt).catch((err: unknown) => this.deps.log.warn({ err, messageId: id }, 'sms campaigns: an early receipt could not be applied'));
      }
    }
  }

  private async tick(): Promise<void> {
    const gateway = this.gateway;
    if (!gateway) return;
    await this.settled;
    const now = this.deps.clock.now();
    if (now - this.refreshedAt >= REFRESH_MS && !this.refreshing) await this.refresh(now);
    if (gateway.state !== 'connected' || this.gateway !== gateway) return;
    // Back-pressure: receipts come at the sending rate; sending faster than the database applies them would queue them in memory.
    if (this.receiptsApplying > MAX_RECEIPTS_APPLYING) return;
    this.recover(now);
    const lanes = [...this.lanes.values()];
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[(this.order + i) % lanes.length]!;
      if (lane.busy) continue;
      const n = lane.bucket.take(Math.max(1, Math.ceil(lane.campaign.ratePerSecond * BURST_SECONDS)), now);
      if (n > 0) this.launch(gateway, lane, n);
    }
    this.order++;
  }

  private async refresh(now: number): Promise<void> {
    this.refreshing = true;
    try {
      const running = await this.deps.store.running();
      const ids = new Set(running.map((c) => c.id));
      for (const id of this.lanes.keys()) if (!ids.has(id)) this.lanes.delete(id);
      for (const campaign of running) {
        const lane = this.lanes.get(campaign.id);
        if (!lane) this.lanes.set(campaign.id, { campaign, bucket: new TokenBucket(campaign.ratePerSecond * this.pace, Math.max(1, campaign.ratePerSecond * BURST_SECONDS), now), busy: false });
        else lane.campaign = campaign;
      }
      this.refreshedAt = now;
    } catch (err) {
      this.deps.log.warn({ err }, 'sms campaigns: could not read the running campaigns');
    } finally {
      this.refreshing = false;
    }
  }

  private launch(gateway: SmsGateway, lane: Lane, tokens: number): void {
    lane.busy = true;
    const batch = this.batch(gateway, lane, tokens)
      .catch((err: unknown) => this.deps.log.warn({ err, campaignId: lane.campaign.id }, 'sms campaigns: a batch failed'))
      .finally(() => {
        lane.busy = false;
        this.batches.delete(batch);
      });
    this.batches.add(batch);
  }

  private async batch(gateway: SmsGateway, lane: Lane, tokens: number): Promise<void> {
    const { store, clock } = this.deps;
    const { campaign } = lane;
    const { sending, optedOut } = await store.claim(campaign.id, tokens, iso(clock.now()));
    lane.bucket.refund(tokens - sending.length);
    if (sending.length === 0 && optedOut === 0) {
      if (await store.finishIfDone(campaign.id, iso(clock.now()))) {
        this.lanes.delete(campaign.id);
        this.deps.log.info({ campaignId: campaign.id }, 'sms campaigns: done');
      }
      return;
    }
    // Each outcome is written as soon as its submit is answered: the window in which a crash leaves a row
    // `sending` is one submit, and receipts (milliseconds behind) rarely find their ids unwritten.
    await Promise.all(
      sending.map(async (r) => {
        const outcome = await this.send(gateway, campaign, r);
        await store.record([outcome], iso(clock.now()));
        await this.lateReceipts([outcome]);
      }),
    );
  }

  private async send(gateway: SmsGateway, campaign: RunningCampaign, r: ClaimedRecipient): Promise<RecipientOutcome> {
    const { text, missing } = renderForRecipient(campaign.body, r, campaign.language, this.deps.clock.now(), this.deps.timeZone);
    if (missing.length > 0) return { id: r.id, kind: 'skipped', reason: 'missingVariables' };
    await this.slot();
    try {
      // Halted while waiting for a slot: it never went out, so it may go later.
      if (this.gateway !== gateway) return { id: r.id, kind: 'retry', error: 'runner stopped before the submit' };
      const result = await gateway.send(r.number, text, { ref: r.id, from: this.deps.serviceNumber });
      return { id: r.id, kind: 'submitted', gateway: gateway.name, sent: { concatRef: result.concatRef ?? 0, messageIds: result.messageIds }, parts: result.messageIds.length };
    } catch (err) {
      return this.failure(gateway, r, err);
    } finally {
      this.release();
    }
  }

  /** What a failed submit means for the recipient: only a submit that surely never went out is tried again. */
  private failure(gateway: SmsGateway, r: ClaimedRecipient, err: unknown): RecipientOutcome {
    const error = err instanceof Error ? err.message : String(err);
    if (!(err instanceof SmsGatewayError)) return { id: r.id, kind: 'failed', reason: 'unknownOutcome', error };
    const sent = err.sent && err.sent.messageIds.length > 0 ? err.sent : undefined;
    // Parts went out: sending again would repeat them; the rest is not sent.
    if (sent) return { id: r.id, kind: 'failed', reason: 'partlySent', error, gateway: gateway.name, sent };
    switch (err.smsCode) {
      case 'SMS_THROTTLED':
        this.slowDown();
        return { id: r.id, kind: 'retry', error };
      case 'SMS_NOT_CONNECTED':
      case 'SMS_AUTH_REFUSED':
        return { id: r.id, kind: 'retry', error };
      case 'SMS_REJECTED':
      case 'SMS_INVALID_MESSAGE':
        return { id: r.id, kind: 'failed', reason: 'rejected', error: err.gatewayStatus ? `${error}: ${err.gatewayStatus}` : error };
      default:
        // A timeout or a closed link: the SMSC may have taken it. Sending twice is worse than once too few.
        return { id: r.id, kind: 'failed', reason: 'unknownOutcome', error };
    }
  }

  private slowDown(): void {
    const now = this.deps.clock.now();
    // One halving per burst of refusals (they come back together from the window).
    if (now - this.throttledAt < 200) return;
    this.throttledAt = now;
    this.recoveredAt = now;
    this.setPace(Math.max(MIN_PACE, this.pace / 2), now);
    this.deps.log.warn({ pace: this.pace }, 'sms campaigns: the SMSC throttles; slowing down');
  }

  private recover(now: number): void {
    if (this.pace >= 1 || now - this.recoveredAt < 1000) return;
    this.recoveredAt = now;
    this.setPace(Math.min(1, this.pace * PACE_RECOVERY), now);
  }

  private setPace(pace: number, now: number): void {
    this.pace = pace;
    for (const lane of this.lanes.values()) lane.bucket.setRate(lane.campaign.ratePerSecond * pace, now);
  }

  private async slot(): Promise<void> {
    if (this.slotsFree > 0) {
      this.slotsFree--;
      return;
    }
    await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  private release(): void {
    const next = this.slotWaiters.shift();
    if (next) next();
    else this.slotsFree++;
  }
}
