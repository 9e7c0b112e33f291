import { z } from 'zod';
import type { Queryable } from './identity.js';

/**
 * The customer features' settings (docs/customers.md "Settings"), stored per
 * key in `customer_settings` and changed by admins through
 * PUT /api/admin/customer-settings. Read through a short cache: the card asks
 * on every offer, and a change shows within CACHE_MS.
 */

/** RFM thresholds: a value at or past `r[i]`/`f[i]`/`m[i]` scores i+2 (4 cut points make scores 1-5). */
export const rfmThresholdsSchema = z
  .object({
    /** Days since the last payment or interaction; fewer is better: ≤ r[3] scores 5 … > r[0] scores 1. */
    recencyDays: z.array(z.number().int().min(0)).length(4),
    /** Payments and interactions in 12 months. */
    frequency: z.array(z.number().int().min(0)).length(4),
    /** 12-month spend in fen. */
    monetaryFen: z.array(z.number().int().min(0)).length(4),
  })
  .strict();
export type RfmThresholds = z.infer<typeof rfmThresholdsSchema>;

export const warningSettingsSchema = z
  .object({
    /** A contract (line or enterprise) ending within this many days warns. */
    contractEndingDays: z.number().int().min(1).max(365),
    /** This many interactions with a complaint disposition … */
    complaintCount: z.number().int().min(1).max(100),
    /** … in this many days warn of repeated complaints. */
    complaintWindowDays: z.number().int().min(1).max(365),
    complaintDispositions: z.array(z.string().min(1).max(32)).min(1).max(20),
    /** An interaction with one of these dispositions or queues is about billing or a change of service: the card pops the promotion again. */
    promotionDispositions: z.array(z.string().min(1).max(32)).max(20),
    promotionQueues: z.array(z.string().min(1).max(32)).max(50),
  })
  .strict();
export type WarningSettings = z.infer<typeof warningSettingsSchema>;

export const customerSettingsSchema = z.object({ rfm: rfmThresholdsSchema, warnings: warningSettingsSchema }).strict();
export type CustomerSettingsValue = z.infer<typeof customerSettingsSchema>;

/** Defaults: RFM cut points fitted to the BSS simulator's base (spend 8-588 CNY a month). */
export const DEFAULT_CUSTOMER_SETTINGS: CustomerSettingsValue = {
  rfm: { recencyDays: [180, 90, 30, 7], frequency: [2, 6, 12, 24], monetaryFen: [30_000, 80_000, 200_000, 500_000] },
  warnings: {
    contractEndingDays: 30,
    complaintCount: 2,
    complaintWindowDays: 30,
    complaintDispositions: ['complaint'],
    promotionDispositions: ['billingQuery', 'planChange'],
    promotionQueues: ['voice-billing', 'chat-billing'],
  },
};

const CACHE_MS = 5_000;

/** Settings read through a cache, written whole (each key replaced). */
export class CustomerSettings {
  private cached: { at: number; value: CustomerSettingsValue } | undefined;

  constructor(private readonly db: Queryable) {}

  async get(): Promise<CustomerSettingsValue> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.value;
    const { rows } = await this.db.query<{ key: string; value: unknown }>(`SELECT key, value FROM customer_settings WHERE key IN ('rfm', 'warnings')`);
    const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    // A stored value that no longer parses (an older shape) falls back to the default rather than breaking the card.
    const rfm = rfmThresholdsSchema.safeParse(stored.rfm);
    const warnings = warningSettingsSchema.safeParse(stored.warnings);
    const value = { rfm: rfm.success ? rfm.data : DEFAULT_CUSTOMER_SETTINGS.rfm, warnings: warnings.success ? warnings.data : DEFAULT_CUSTOMER_SETTINGS.warnings };
    this.cached = { at: now, value };
    return value;
  }

  /** Replaces both keys (an admin's PUT); the cache is dropped at once on this node. */
  async put(value: CustomerSettingsValue, actorId: string | undefined, at: string): Promise<CustomerSettingsValue> {
    await this.db.query(
      `INSERT INTO customer_settings (key, value, updated_at, updated_by)
       SELECT k, v, $3, $4 FROM unnest($1::text[], $2::jsonb[]) AS x(k, v)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [['rfm', 'warnings'], [JSON.stringify(value.rfm), JSON.stringify(value.warnings)], at, actorId ?? null],
    );
    this.cached = undefined;
    return value;
  }
}
