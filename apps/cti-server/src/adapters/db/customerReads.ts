import type { ContactPointType, CustomerKind, PromotionRules, RfmSegment, SubscriptionStatus, Tier } from '@omnicc/shared';
import type { Queryable } from '../../features/customers/identity.js';

/**
 * Reads of the customer model, in plain SQL on the pool: the card's data is
 * one statement whose parts are scalar sub-selects on indexed columns (a
 * customer's contact points, subscriptions, contracts, RFM row, last 20
 * interactions, complaint count), so it costs one round trip.
 */

export interface CustomerRow {
  id: string;
  name: string;
  kind: CustomerKind;
  region: string | null;
  tier: Tier;
  vipManagerUserId: string | null;
  vipManagerName: string | null;
  vipManagerPhone: string | null;
  churnScore: number | null;
  churnLevel: 'low' | 'medium' | 'high' | null;
  createdAt: string;
  updatedAt: string;
  mergedInto: string | null;
  contactPoints: { id: string; type: ContactPointType; value: string; verified: boolean }[];
}

export interface SubscriptionRow {
  accountId: string;
  msisdn: string;
  planCode: string;
  planNameZh: string;
  planNameEn: string;
  monthlyFeeFen: number | null;
  status: SubscriptionStatus;
  contractEnd: string | null;
}

export interface ContractRow {
  contractNo: string;
  title: string;
  services: string[];
  startOn: string;
  endOn: string;
  warningDays: number;
}

export interface RfmRow {
  recencyDays: number;
  frequency: number;
  monetaryFen: number;
  rScore: number;
  fScore: number;
  mScore: number;
  segment: RfmSegment;
  computedAt: string;
}

export interface TimelineRow {
  id: string;
  channel: string;
  state: string;
  queueId: string;
  createdAt: string;
  agentId: string | null;
  agentName: string | null;
  dispositionCode: string | null;
  wrapUpNote: string | null;
}

export interface PromotionRow {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  priority: number;
  rules: PromotionRules;
  validFrom: string;
  validTo: string;
}

/** Everything the 360 view is computed from. */
export interface CustomerViewData {
  customer: CustomerRow;
  subscriptions: SubscriptionRow[];
  contracts: ContractRow[];
  rfm: RfmRow | null;
  timeline: TimelineRow[];
  complaints: number;
  promotions: PromotionRow[];
}

/** The customer's columns and contact points as JSON (camelCase keys). */
const CUSTOMER_JSON = `
  SELECT json_build_object(
    'id', c.id, 'name', c.name, 'kind', c.kind, 'region', c.region, 'tier', c.tier,
    'vipManagerUserId', c.vip_manager_user_id,
    'vipManagerName', COALESCE(c.vip_manager_name, u.display_name), 'vipManagerPhone', c.vip_manager_phone,
    'churnScore', c.churn_score, 'churnLevel', c.churn_level,
    'createdAt', c.created_at, 'updatedAt', c.updated_at, 'mergedInto', c.merged_into,
    'contactPoints', COALESCE((SELECT json_agg(json_build_object('id', p.id, 'type', p.type, 'value', p.value, 'verified', p.verified) ORDER BY p.type, p.created_at)
                                 FROM customer_contact_points p WHERE p.customer_id = c.id), '[]'::json)) AS c
    FROM customers c LEFT JOIN users u ON u.id = c.vip_manager_user_id`;

/** PostgreSQL's JSON timestamps ("…+00:00") as the API's ISO strings. */
const iso = (value: string): string => new Date(value).toISOString();

function fixCustomer(row: CustomerRow): CustomerRow {
  return { ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
}

/** Reads of customers for the view, search and identity. */
export function createCustomerReads(db: Queryable) {
  return {
    /** One customer with its contact points, merged or not. */
    async get(id: string): Promise<CustomerRow | undefined> {
      const { rows } = await db.query<{ c: CustomerRow }>(`${CUSTOMER_JSON} WHERE c.id = $1`, [id]);
      return rows[0] ? fixCustomer(rows[0].c) : undefined;
    },

    /**
     * The view's data in one statement. `complaintCodes` and `complaintSince`
     * count the repeated-complaints warning; `now` picks the promotions
     * valid at that instant.
     */
    async viewData(id: string, options: { complaintCodes: string[]; complaintSince: string; now: string }): Promise<CustomerViewData | undefined> {
      const { rows } = await db.query<Omit<CustomerViewData, 'customer'> & { customer: CustomerRow | null }>(
        `SELECT
          (SELECT x.c FROM (${CUSTOMER_JSON} WHERE c.id = $1) x(c)) AS customer,
          COALESCE((SELECT json_agg(json_build_object('accountId', s.account_id, 'msisdn', s.msisdn, 'planCode', s.plan_code, 'planNameZh', s.plan_name_zh,
                     'planNameEn', s.plan_name_en, 'monthlyFeeFen', s.monthly_fee_fen, 'status', s.status, 'contractEnd', s.contract_end)
                     ORDER BY (s.status = 'active') DESC, s.monthly_fee_fen DESC NULLS LAST, s.msisdn)
                      FROM customer_subscriptions s WHERE s.customer_id = $1), '[]'::json) AS subscriptions,
          COALESCE((SELECT json_agg(json_build_object('contractNo', k.contract_no, 'title', k.title, 'services', k.services, 'startOn', k.start_on,
                     'endOn', k.end_on, 'warningDays', k.warning_days) ORDER BY k.end_on)
                      FROM customer_contracts k WHERE k.customer_id = $1), '[]'::json) AS contracts,
          (SELECT json_build_object('recencyDays', r.recency_days, 'frequency', r.frequency, 'monetaryFen', r.monetary_fen, 'rScore', r.r_score,
                   'fScore', r.f_score, 'mScore', r.m_score, 'segment', r.segment, 'computedAt', r.computed_at)
             FROM customer_rfm r WHERE r.customer_id = $1) AS rfm,
          COALESCE((SELECT json_agg(t ORDER BY t."createdAt" DESC) FROM (
              SELECT i.id, i.channel, i.state, i.queue_id AS "queueId", i.created_at AS "createdAt", i.agent_id AS "agentId", u.display_name AS "agentName",
                     i.disposition_code AS "dispositionCode", left(i.wrap_up_note, 200) AS "wrapUpNote"
                FROM interactions i LEFT JOIN users u ON u.id = i.agent_id
               WHERE i.customer_id = $1 ORDER BY i.created_at DESC LIMIT 20) t), '[]'::json) AS timeline,
          (SELECT count(*)::int FROM interactions i WHERE i.customer_id = $1 AND i.disposition_code = ANY($2::text[]) AND i.created_at >= $3) AS complaints,
          COALESCE((SELECT json_agg(json_build_object('code', p.code, 'nameZh', p.name_zh, 'nameEn', p.name_en, 'descriptionZh', p.description_zh,
                     'descriptionEn', p.description_en, 'priority', p.priority, 'rules', p.rules, 'validFrom', p.valid_from, 'validTo', p.valid_to)
                     ORDER BY p.priority DESC, p.code)
                      FROM promotions p WHERE p.active AND p.valid_from <= $4 AND p.valid_to > $4), '[]'::json) AS promotions`,
        [id, options.complaintCodes, options.complaintSince, options.now],
      );
      const row = rows[0];
      if (!row?.customer) return undefined;
      return {
        customer: fixCustomer(row.customer),
        subscriptions: row.subscriptions,
        contracts: row.contracts,
        rfm: row.rfm ? { ...row.rfm, computedAt: iso(row.rfm.computedAt) } : null,
        timeline: row.timeline.map((t) => ({ ...t, createdAt: iso(t.createdAt) })),
        complaints: row.complaints,
        promotions: row.promotions.map((p) => ({ ...p, validFrom: iso(p.validFrom), validTo: iso(p.validTo) })),
      };
    },

    /** The link picker: customers whose contact point is exactly the (normalized) query, or whose name starts with it. Merged records are left out. */
    async search(options: { keys: { type: ContactPointType; value: string }[]; namePrefix: string; limit: number }): Promise<CustomerRow[]> {
      const like = `${options.namePrefix.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const { rows } = await db.query<{ c: CustomerRow }>(
        `${CUSTOMER_JSON}
          WHERE c.merged_into IS NULL
            AND (c.id IN (SELECT p.customer_id FROM unnest($1::text[], $2::text[]) AS k(type, value)
                            JOIN customer_contact_points p ON p.type = k.type AND p.value = k.value)
                 OR lower(c.name) LIKE $3)
          ORDER BY c.name, c.id LIMIT $4`,
        [options.keys.map((k) => k.type), options.keys.map((k) => k.value), like, options.limit],
      );
      return rows.map((r) => fixCustomer(r.c));
    },

    /** Contracts ending between today and each one's warning window (the expiry warning list), soonest first. */
    async expiringContracts(today: string, withinDays = 365): Promise<(ContractRow & { customerId: string; customerName: string })[]> {
      const { rows } = await db.query<ContractRow & { customerId: string; customerName: string }>(
        `SELECT k.contract_no AS "contractNo", k.title, k.services, to_char(k.start_on, 'YYYY-MM-DD') AS "startOn", to_char(k.end_on, 'YYYY-MM-DD') AS "endOn",
                k.warning_days AS "warningDays", c.id AS "customerId", c.name AS "customerName"
           FROM customer_contracts k JOIN customers c ON c.id = k.customer_id
          WHERE k.end_on >= $1::date AND k.end_on <= $1::date + $2::int AND k.end_on <= $1::date + k.warning_days
          ORDER BY k.end_on, k.contract_no`,
        [today, withinDays],
      );
      return rows;
    },
  };
}

export type CustomerReads = ReturnType<typeof createCustomerReads>;
