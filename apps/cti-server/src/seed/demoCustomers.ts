import { createDataset, DEMO_SUBSCRIBERS, isoDate } from '@omnicc/bss-sim/data';
import type { PromotionRules } from '@omnicc/shared';
import type { Queryable } from '../features/customers/identity.js';
import { customerFromSubscriber, seededId, upsertSeedCustomers } from './customerRows.js';

/**
 * Demo customers (docs/customers.md "Demo data"): the BSS simulator's six
 * demo subscribers (+86 138 0013 8000 … 8005, docs/bss-sim.md) with their
 * lines, tiers, VIP managers and churn hints, as the BSS serves them on the
 * same day; an enterprise customer whose contract ends soon; promotions;
 * and a little history so the card's timeline and warnings show. Idempotent.
 */

const ENTERPRISE_ID = seededId('enterprise:zhujiang-logistics');

/** The demo promotions: rules on tier, plan, contract and RFM segment. */
export const DEMO_PROMOTIONS: { code: string; nameZh: string; nameEn: string; descriptionZh: string; descriptionEn: string; priority: number; rules: PromotionRules; validFrom: string; validTo: string }[] = [
  {
    code: 'vip-renewal-gift',
    nameZh: 'VIP 续约礼遇',
    nameEn: 'VIP renewal gift',
    descriptionZh: '合约到期前续约 24 个月,月费 8 折并赠送 20GB 国内流量',
    descriptionEn: 'Renew for 24 months before the contract ends: 20 % off the monthly fee and 20 GB of domestic data',
    priority: 90,
    rules: { kinds: ['individual'], tiers: ['vipPlatinum', 'vipGold', 'vipSilver'], contractEndingWithinDays: 60 },
    validFrom: '2024-01-01T00:00:00.000Z',
    validTo: '2030-12-31T16:00:00.000Z',
  },
  {
    code: 'enterprise-renewal',
    nameZh: '政企续约优惠',
    nameEn: 'Enterprise renewal offer',
    descriptionZh: '集团合同续签三年,专线带宽免费升级至 200M',
    descriptionEn: 'Renew the group contract for three years: the leased line goes to 200 Mbit/s at no cost',
    priority: 80,
    rules: { kinds: ['enterprise'], contractEndingWithinDays: 90 },
    validFrom: '2024-01-01T00:00:00.000Z',
    validTo: '2030-12-31T16:00:00.000Z',
  },
  {
    code: 'upgrade-5g-smart',
    nameZh: '升级 5G 智享套餐',
    nameEn: 'Upgrade to 5G Smart',
    descriptionZh: '升级 5G 智享 128 元套餐,前 6 个月每月立减 30 元',
    descriptionEn: 'Move to 5G Smart 128: 30 CNY off every month for the first 6 months',
    priority: 50,
    rules: { planCodes: ['szx-8', 'dgdd-19', 'flk-29', 'fx-58'], tiers: ['potential', 'ordinary', 'loyal'] },
    validFrom: '2024-01-01T00:00:00.000Z',
    validTo: '2030-12-31T16:00:00.000Z',
  },
  {
    code: 'loyal-family-bundle',
    nameZh: '忠诚客户家庭融合',
    nameEn: 'Loyal customer family bundle',
    descriptionZh: '加入家庭融合套餐,副卡免月费,宽带提速至 1000M',
    descriptionEn: 'Join the family bundle: extra SIMs free of the monthly fee, broadband up to 1000 Mbit/s',
    priority: 40,
    rules: { tiers: ['loyal'] },
    validFrom: '2024-01-01T00:00:00.000Z',
    validTo: '2030-12-31T16:00:00.000Z',
  },
  {
    code: 'contract-ending-retention',
    nameZh: '到期续约立减',
    nameEn: 'Renewal discount',
    descriptionZh: '合约到期前续约 12 个月,每月立减 20 元',
    descriptionEn: 'Renew for 12 months before the contract ends: 20 CNY off every month',
    priority: 30,
    rules: { contractEndingWithinDays: 30 },
    validFrom: '2024-01-01T00:00:00.000Z',
    validTo: '2030-12-31T16:00:00.000Z',
  },
  {
    code: 'spring-festival-2024',
    nameZh: '2024 春节流量包',
    nameEn: 'Spring Festival 2024 data pack',
    descriptionZh: '春节期间 30GB 流量包 5 元(已结束)',
    descriptionEn: '30 GB of data for 5 CNY over the Spring Festival (ended)',
    priority: 100,
    rules: {},
    validFrom: '2024-02-01T00:00:00.000Z',
    validTo: '2024-02-29T16:00:00.000Z',
  },
];

/** Seeds the demo customers on `asOf` (YYYY-MM-DD, China; default today there), the day the BSS simulator describes. */
export async function seedDemoCustomers(db: Queryable, options: { asOf?: string; now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const dataset = createDataset(options.asOf ? { asOf: options.asOf } : {});
  const rows = DEMO_SUBSCRIBERS.map((_, i) => customerFromSubscriber(dataset, i));
  await upsertSeedCustomers(db, rows, at);

  const today = dataset.asOfDay;
  await db.query(
    `INSERT INTO customers (id, name, kind, region, tier, vip_manager_name, vip_manager_phone, created_at, updated_at)
     VALUES ($1, '广州珠江物流有限公司', 'enterprise', 'guangzhou', 'vipGold', '何嘉欣', '+8613800191001', $2, $2)
     ON CONFLICT (id) DO UPDATE SET updated_at = EXCLUDED.updated_at`,
    [ENTERPRISE_ID, at],
  );
  await db.query(
    `INSERT INTO customer_contact_points (customer_id, type, value, verified, created_at)
     VALUES ($1, 'phone', '+862087654321', true, $2), ($1, 'email', 'it@zhujiang-logistics.example.cn', true, $2)
     ON CONFLICT (type, value) DO NOTHING`,
    [ENTERPRISE_ID, at],
  );
  // The contract ends 20 days after the seed day: it is on the expiry warning list and the card warns.
  await db.query(
    `INSERT INTO customer_contracts (customer_id, contract_no, title, services, start_on, end_on, warning_days, created_at)
     VALUES ($1, 'GZ-ENT-2024-0117', '集团综合信息服务合同 Group ICT services', $2, $3, $4, 45, $5)
     ON CONFLICT (contract_no) DO UPDATE SET start_on = EXCLUDED.start_on, end_on = EXCLUDED.end_on`,
    [ENTERPRISE_ID, JSON.stringify(['互联网专线 100M', '集团短信', '400 热线', '云视讯']), isoDate(today - 1075), isoDate(today + 20), at],
  );

  for (const p of DEMO_PROMOTIONS) {
    await db.query(
      `INSERT INTO promotions (code, name_zh, name_en, description_zh, description_en, priority, rules, valid_from, valid_to, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, description_zh = EXCLUDED.description_zh,
         description_en = EXCLUDED.description_en, priority = EXCLUDED.priority, rules = EXCLUDED.rules, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to`,
      [p.code, p.nameZh, p.nameEn, p.descriptionZh, p.descriptionEn, p.priority, JSON.stringify(p.rules), p.validFrom, p.validTo, at],
    );
  }

  // History: demo 0 (VIP gold) complained by phone 12 days ago and asked about a bill by chat; demo 2 complained twice (repeated complaints).
  const history: [index: number, key: string, channel: string, queue: string, daysAgo: number, disposition: string, note: string][] = [
    [0, 'h0a', 'voice', 'voice-general', 12, 'complaint', '投诉上月账单漫游费过高 Complained about roaming charges on last bill'],
    [0, 'h0b', 'chat', 'chat-vip', 40, 'billingQuery', '查询话费明细 Asked for the bill details'],
    [2, 'h2a', 'voice', 'voice-general', 5, 'complaint', '停机后无法接听电话 Cannot take calls since the suspension'],
    [2, 'h2b', 'sms', 'sms-general', 18, 'complaint', '短信投诉网络信号差 Complained about poor signal by SMS'],
  ];
  for (const [index, key, channel, queue, daysAgo, disposition, note] of history) {
    const row = rows[index];
    if (!row) continue;
    const created = new Date(Date.parse(`${isoDate(today - daysAgo)}T02:00:00.000Z`));
    await db.query(
      `INSERT INTO interactions (id, channel, state, queue_id, customer_name, customer_phone, created_at, assigned_at, ended_at, disposition_code, wrap_up_note, customer_id)
       VALUES ($1, $2, 'closed', $3, $4, $5, $6, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
      [seededId(`history:${key}`), channel, queue, row.name, row.msisdn, created.toISOString(), new Date(created.getTime() + 6 * 60_000).toISOString(), disposition, note, row.id],
    );
  }
}
