import { createHash } from 'node:crypto';
import { churnRisk, isoDate, type Dataset } from '@omnicc/bss-sim/data';
import type { ContactPointType, CustomerKind, SubscriptionStatus, Tier } from '@omnicc/shared';
import type { Queryable } from '../features/customers/identity.js';

/**
 * Customer rows from the BSS simulator's subscribers (the same generator the
 * BSS serves, @omnicc/bss-sim/data), for the demo seed and the bulk seed
 * script. Ids are derived from the MSISDN, so seeding again updates the
 * same rows instead of adding new ones.
 */

/** A stable UUID for a seeded record's key. */
export function seededId(key: string): string {
  const h = createHash('sha256').update(`omnicc-customer:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** One customer with its line and contact points, as the tables take them. */
export interface SeedCustomer {
  id: string;
  name: string;
  kind: CustomerKind;
  region: string;
  tier: Tier;
  vipManagerName: string | null;
  vipManagerPhone: string | null;
  churnScore: number;
  churnLevel: 'low' | 'medium' | 'high';
  accountId: string;
  msisdn: string;
  planCode: string;
  planNameZh: string;
  planNameEn: string;
  monthlyFeeFen: number;
  status: SubscriptionStatus;
  contractEnd: string | null;
  contactPoints: { type: ContactPointType; value: string; verified: boolean }[];
}

/** Subscriber `index` of the dataset as a customer. */
export function customerFromSubscriber(dataset: Dataset, index: number): SeedCustomer {
  const sub = dataset.subscriberAt(index);
  const churn = churnRisk(sub, dataset.asOfDay);
  return {
    id: seededId(sub.msisdn),
    name: sub.name,
    kind: 'individual',
    region: sub.region.id,
    tier: sub.tier,
    vipManagerName: sub.accountManager?.name ?? null,
    vipManagerPhone: sub.accountManager?.phone ?? null,
    churnScore: Math.min(100, Math.max(0, churn.score)),
    churnLevel: churn.level,
    accountId: sub.accountId,
    msisdn: sub.msisdn,
    planCode: sub.plan.id,
    planNameZh: sub.plan.nameZh,
    planNameEn: sub.plan.nameEn,
    monthlyFeeFen: sub.plan.monthlyFeeFen,
    status: sub.status,
    contractEnd: sub.contract ? isoDate(sub.contract.endOn) : null,
    contactPoints: [{ type: 'phone', value: sub.msisdn, verified: true }, ...(sub.email ? [{ type: 'email' as const, value: sub.email.toLowerCase(), verified: false }] : [])],
  };
}

/**
 * Upserts customers, their lines and contact points with three multi-row
 * statements (arrays unnested server-side): idempotent, and fast enough for
 * millions (scripts/seedCustomers.ts). A contact point another customer
 * already holds is left with it.
 */
export async function upsertSeedCustomers(db: Queryable, rows: readonly SeedCustomer[], at: string): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof SeedCustomer>(k: K) => rows.map((r) => r[k]);
  await db.query(
    `INSERT INTO customers (id, name, kind, region, tier, vip_manager_name, vip_manager_phone, churn_score, churn_level, created_at, updated_at)
     SELECT u.*, $10::timestamptz, $10::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::smallint[], $9::text[]) AS u
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, region = EXCLUDED.region, tier = EXCLUDED.tier,
       vip_manager_name = EXCLUDED.vip_manager_name, vip_manager_phone = EXCLUDED.vip_manager_phone, churn_score = EXCLUDED.churn_score,
       churn_level = EXCLUDED.churn_level, updated_at = EXCLUDED.updated_at`,
    [col('id'), col('name'), col('kind'), col('region'), col('tier'), col('vipManagerName'), col('vipManagerPhone'), col('churnScore'), col('churnLevel'), at],
  );
  await db.query(
    `INSERT INTO customer_subscriptions (id, customer_id, account_id, msisdn, plan_code, plan_name_zh, plan_name_en, monthly_fee_fen, status, contract_end, created_at)
     SELECT u.*, $11::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::date[]) AS u
     ON CONFLICT (msisdn) DO UPDATE SET customer_id = EXCLUDED.customer_id, account_id = EXCLUDED.account_id, plan_code = EXCLUDED.plan_code,
       plan_name_zh = EXCLUDED.plan_name_zh, plan_name_en = EXCLUDED.plan_name_en, monthly_fee_fen = EXCLUDED.monthly_fee_fen,
       status = EXCLUDED.status, contract_end = EXCLUDED.contract_end`,
    [rows.map((r) => seededId(`line:${r.msisdn}`)), col('id'), col('accountId'), col('msisdn'), col('planCode'), col('planNameZh'), col('planNameEn'), col('monthlyFeeFen'), col('status'), col('contractEnd'), at],
  );
  const points = rows.flatMap((r) => r.contactPoints.map((p) => ({ ...p, customerId: r.id })));
  await db.query(
    `INSERT INTO customer_contact_points (customer_id, type, value, verified, created_at)
     SELECT u.*, $5::timestamptz FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[]) AS u
     ON CONFLICT (type, value) DO NOTHING`,
    [points.map((p) => p.customerId), points.map((p) => p.type), points.map((p) => p.value), points.map((p) => p.verified), at],
  );
}
