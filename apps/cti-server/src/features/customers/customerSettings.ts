import { rfmThresholdsSchema, warningSettingsSchema, type CustomerSettingsValue } from '@omnicc/shared';
import type { Queryable } from './identity.js';

export type { CustomerSettingsValue, RfmThresholds, WarningSettings } from '@omnicc/shared';

/**
 * The customer features' settings (docs/customers.md "Settings"), stored per
 * key in `customer_settings` and changed by admins through
 * PUT /api/admin/customer-settings. Read through a short cache: the card asks
 * on every offer, and a change shows within CACHE_MS.
 */

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
    promotionFlows: ['plan-change'],
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
    const value = await this.read();
    this.cached = { at: now, value };
    return value;
  }

  /** The stored settings, past the cache. */
  async read(): Promise<CustomerSettingsValue> {
    const { rows } = await this.db.query<{ key: string; value: unknown }>(`SELECT key, value FROM customer_settings WHERE key IN ('rfm', 'warnings')`);
    const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    // A stored value that no longer parses (an older shape) falls back to the default rather than breaking the card.
    const rfm = rfmThresholdsSchema.safeParse(stored.rfm);
    const warnings = warningSettingsSchema.safeParse(stored.warnings);
    return { rfm: rfm.success ? rfm.data : DEFAULT_CUSTOMER_SETTINGS.rfm, warnings: warnings.success ? warnings.data : DEFAULT_CUSTOMER_SETTINGS.warnings };
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
