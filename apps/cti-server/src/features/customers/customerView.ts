import type { CustomerSummary, CustomerView, CustomerWarning, Interaction } from '@omnicc/shared';
import type { CustomerRow, CustomerViewData } from '../../adapters/db/customerReads.js';
import type { CustomerSettingsValue, WarningSettings } from './customerSettings.js';
import { bestPromotion } from './promotions.js';

/**
 * The customer 360 view (客户视图) from the rows the view query read: pure,
 * so warnings, the promotion choice and the timeline are tested without a
 * database. docs/customers.md "The view" is its contract.
 */

const DAY_MS = 86_400_000;

/** Whole days from `today` to `day` (both YYYY-MM-DD). */
export function daysBetween(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** A customer row as the API shows it. */
export function customerSummary(c: CustomerRow): CustomerSummary {
  const manager = c.vipManagerName ?? undefined;
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    ...(c.region ? { region: c.region } : {}),
    tier: c.tier,
    ...(manager
      ? { vipManager: { name: manager, ...(c.vipManagerUserId ? { userId: c.vipManagerUserId } : {}), ...(c.vipManagerPhone ? { phone: c.vipManagerPhone } : {}) } }
      : {}),
    contactPoints: c.contactPoints,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** What says an interaction is about billing or a change of service: its queue, its disposition (at wrap-up), its service flows (after the accept). */
export type MomentFacts = Pick<Interaction, 'queueId' | 'dispositionCode'> & { flowKeys?: readonly string[] };

/** Whether the interaction is about billing or a change of service: the card then pops the promotion again. */
export function isPromotionMoment(interaction: MomentFacts | undefined, w: WarningSettings): boolean {
  if (!interaction) return false;
  if (interaction.dispositionCode !== undefined && w.promotionDispositions.includes(interaction.dispositionCode)) return true;
  if (interaction.flowKeys?.some((k) => w.promotionFlows.includes(k))) return true;
  return w.promotionQueues.includes(interaction.queueId);
}

/** Builds the view; `today` is the local date (YYYY-MM-DD) contracts count from, `now` the instant promotions must be valid at. */
export function buildCustomerView(
  data: CustomerViewData,
  settings: CustomerSettingsValue,
  clock: { today: string; now: string },
  interaction?: MomentFacts,
  extra: { workOrders?: readonly unknown[] } = {},
): CustomerView {
  const { customer } = data;
  const w = settings.warnings;
  const warnings: CustomerWarning[] = [];
  if (customer.churnScore !== null && (customer.churnLevel === 'medium' || customer.churnLevel === 'high')) {
    warnings.push({ kind: 'churnRisk', level: customer.churnLevel, score: customer.churnScore });
  }
  const contracts = data.contracts.map((k) => {
    const daysLeft = daysBetween(clock.today, k.endOn);
    return { ...k, daysLeft, expiring: daysLeft >= 0 && daysLeft <= Math.max(k.warningDays, w.contractEndingDays) };
  });
  const ending: { what: string; endOn: string; daysLeft: number }[] = [];
  for (const s of data.subscriptions) {
    if (s.status === 'cancelled' || !s.contractEnd) continue;
    ending.push({ what: s.msisdn, endOn: s.contractEnd, daysLeft: daysBetween(clock.today, s.contractEnd) });
  }
  for (const k of contracts) ending.push({ what: k.contractNo, endOn: k.endOn, daysLeft: k.daysLeft });
  for (const e of ending.filter((x) => x.daysLeft >= 0 && x.daysLeft <= w.contractEndingDays).sort((a, b) => a.daysLeft - b.daysLeft)) {
    warnings.push({ kind: 'contractEnding', ...e });
  }
  if (data.complaints >= w.complaintCount) warnings.push({ kind: 'repeatedComplaints', count: data.complaints, windowDays: w.complaintWindowDays });

  const running = ending.filter((e) => e.daysLeft >= 0).map((e) => e.daysLeft);
  const promotion = bestPromotion(
    data.promotions,
    {
      tier: customer.tier,
      kind: customer.kind,
      planCodes: data.subscriptions.filter((s) => s.status !== 'cancelled').map((s) => s.planCode),
      contractDaysLeft: running.length ? Math.min(...running) : undefined,
      rfmSegment: data.rfm?.segment,
    },
    clock.now,
  );
  return {
    customer: customerSummary(customer),
    subscriptions: data.subscriptions.map((s) => ({
      accountId: s.accountId,
      msisdn: s.msisdn,
      planCode: s.planCode,
      planName: { en: s.planNameEn, 'zh-CN': s.planNameZh },
      ...(s.monthlyFeeFen !== null ? { monthlyFeeFen: s.monthlyFeeFen } : {}),
      status: s.status,
      ...(s.contractEnd ? { contractEnd: s.contractEnd } : {}),
    })),
    contracts,
    ...(data.rfm
      ? { rfm: { recencyDays: data.rfm.recencyDays, frequency: data.rfm.frequency, monetaryFen: data.rfm.monetaryFen, scores: { r: data.rfm.rScore, f: data.rfm.fScore, m: data.rfm.mScore }, segment: data.rfm.segment, computedAt: data.rfm.computedAt } }
      : {}),
    ...(customer.churnScore !== null && customer.churnLevel ? { churn: { score: customer.churnScore, level: customer.churnLevel } } : {}),
    warnings,
    timeline: data.timeline.map((t) => ({
      interactionId: t.id,
      channel: t.channel as CustomerView['timeline'][number]['channel'],
      at: t.createdAt,
      queueId: t.queueId,
      state: t.state,
      ...(t.agentId ? { agent: { id: t.agentId, name: t.agentName ?? t.agentId } } : {}),
      ...(t.dispositionCode ? { dispositionCode: t.dispositionCode } : {}),
      ...(t.wrapUpNote ? { summary: t.wrapUpNote } : {}),
    })),
    workOrders: [...(extra.workOrders ?? [])],
    ...(promotion
      ? { promotion: { code: promotion.code, name: { en: promotion.nameEn, 'zh-CN': promotion.nameZh }, description: { en: promotion.descriptionEn, 'zh-CN': promotion.descriptionZh }, priority: promotion.priority, validTo: promotion.validTo } }
      : {}),
    promotionMoment: isPromotionMoment(interaction, w),
    billing: null,
  };
}
