import type pg from 'pg';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import type { CustomerSettings } from './customerSettings.js';
import { scoreRfm } from './rfm.js';
import type { RfmSource } from './rfmSource.js';

/** What one run did. */
export interface RfmRunResult {
  customers: number;
  batches: number;
  ms: number;
}

const DAY_MS = 86_400_000;

/**
 * The RFM job (docs/customers.md "RFM"): walks unmerged customers in id
 * order, batch by batch; for each batch one query reads the lines and the
 * 12-month interaction counts, the source gives spend and payments, and one
 * upsert writes the scores. Running it again recomputes the same rows
 * (idempotent); runs never overlap on a node, and it runs on the routing
 * owner only (start/stop follow the lease), on a schedule and on demand.
 */
export class RfmJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RfmRunResult> | undefined;

  constructor(private readonly deps: { pool: pg.Pool; source: () => RfmSource; settings: CustomerSettings; clock: Clock; log: Logger; batchSize?: number }) {}

  /** Runs now, or joins the run under way. */
  run(): Promise<RfmRunResult> {
    this.running ??= this.runAll().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Runs every `everyMs` (default daily) while this node owns routing. */
  start(everyMs = DAY_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run().catch((err: unknown) => this.deps.log.warn({ err }, 'rfm job failed')), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async runAll(): Promise<RfmRunResult> {
    const started = Date.now();
    const thresholds = (await this.deps.settings.get()).rfm;
    const source = this.deps.source();
    const now = this.deps.clock.now();
    const at = new Date(now).toISOString();
    const since = new Date(now - 365 * DAY_MS).toISOString();
    const size = this.deps.batchSize ?? 1000;
    let after = '00000000-0000-0000-0000-000000000000';
    let customers = 0;
    let batches = 0;
    for (;;) {
      const { rows } = await this.deps.pool.query<{ id: string; msisdns: string[]; interactions: number; last_interaction: string | null }>(
        `SELECT c.id,
                COALESCE((SELECT array_agg(s.msisdn) FROM customer_subscriptions s WHERE s.customer_id = c.id), '{}') AS msisdns,
                (SELECT count(*)::int FROM interactions i WHERE i.customer_id = c.id AND i.created_at >= $3) AS interactions,
                (SELECT max(i.created_at) FROM interactions i WHERE i.customer_id = c.id) AS last_interaction
           FROM customers c
          WHERE c.id > $1 AND c.merged_into IS NULL
          ORDER BY c.id LIMIT $2`,
        [after, size, since],
      );
      if (rows.length === 0) break;
      const billing = source.billing(rows.flatMap((r) => r.msisdns));
      const scores = rows.map((r) => {
        let spend = 0;
        let payments = 0;
        let last = r.last_interaction ? Date.parse(r.last_interaction) : undefined;
        for (const m of r.msisdns) {
          const b = billing.get(m);
          if (!b) continue;
          spend += b.spendFen;
          payments += b.payments;
          if (b.lastPaymentAt) last = Math.max(last ?? 0, Date.parse(b.lastPaymentAt));
        }
        const recencyDays = last === undefined ? undefined : Math.max(0, Math.floor((now - last) / DAY_MS));
        return { id: r.id, ...scoreRfm({ recencyDays, frequency: payments + r.interactions, monetaryFen: spend }, thresholds) };
      });
      await this.deps.pool.query(
        `INSERT INTO customer_rfm (customer_id, recency_days, frequency, monetary_fen, r_score, f_score, m_score, segment, computed_at)
         SELECT u.*, $9::timestamptz FROM unnest($1::uuid[], $2::int[], $3::int[], $4::bigint[], $5::smallint[], $6::smallint[], $7::smallint[], $8::text[]) AS u
         ON CONFLICT (customer_id) DO UPDATE SET recency_days = EXCLUDED.recency_days, frequency = EXCLUDED.frequency, monetary_fen = EXCLUDED.monetary_fen,
           r_score = EXCLUDED.r_score, f_score = EXCLUDED.f_score, m_score = EXCLUDED.m_score, segment = EXCLUDED.segment, computed_at = EXCLUDED.computed_at`,
        [scores.map((s) => s.id), scores.map((s) => s.recencyDays), scores.map((s) => s.frequency), scores.map((s) => s.monetaryFen), scores.map((s) => s.r), scores.map((s) => s.f), scores.map((s) => s.m), scores.map((s) => s.segment), at],
      );
      customers += rows.length;
      batches++;
      after = rows[rows.length - 1]?.id ?? after;
      // Let routing's own queries through between batches.
      await new Promise((r) => setImmediate(r));
    }
    const result = { customers, batches, ms: Date.now() - started };
    this.deps.log.info(result, 'rfm job done');
    return result;
  }
}
