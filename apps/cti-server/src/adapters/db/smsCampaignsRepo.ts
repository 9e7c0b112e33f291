import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { SmsCampaign, SmsCampaignRecipient, SmsRecipientState } from '@omnicc/shared';
import type { ClaimedRecipient, SmsCampaignStore } from '../../store/SmsCampaignStore.js';
import { fromIso, toIso, type Db } from './db.js';
import { isUuid } from './pgErrors.js';
import { users } from './schema.js';
import { smsCampaignRecipients as recipients, smsCampaigns as campaigns } from './smsCampaignSchema.js';
import { smsOptOuts } from './smsSchema.js';

/** Recipients written per INSERT (9 parameters a row stay under PostgreSQL's 65,535). */
const INSERT_CHUNK = 5000;

type CampaignRow = typeof campaigns.$inferSelect & { creatorName: string | null };

const optedOut = sql<boolean>`EXISTS (SELECT 1 FROM ${smsOptOuts} WHERE ${smsOptOuts.number} = ${recipients.number})`;

/** Recipients by state and by reason, for many campaigns in one grouped read. */
async function tallies(db: Db, ids: readonly string[]): Promise<Map<string, Pick<SmsCampaign, 'counts' | 'reasons'>>> {
  const out = new Map<string, Pick<SmsCampaign, 'counts' | 'reasons'>>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ campaignId: recipients.campaignId, state: recipients.state, reason: recipients.reason, n: count() })
    .from(recipients)
    .where(inArray(recipients.campaignId, [...ids]))
    .groupBy(recipients.campaignId, recipients.state, recipients.reason);
  for (const id of ids) out.set(id, { counts: { pending: 0, sending: 0, submitted: 0, delivered: 0, undelivered: 0, failed: 0, skipped: 0 }, reasons: {} });
  for (const r of rows) {
    const t = out.get(r.campaignId);
    if (!t) continue;
    t.counts[r.state] = (t.counts[r.state] ?? 0) + r.n;
    if (r.reason) t.reasons[r.reason] = (t.reasons[r.reason] ?? 0) + r.n;
  }
  return out;
}

function toCampaign(row: CampaignRow, t: Pick<SmsCampaign, 'counts' | 'reasons'>): SmsCampaign {
  return {
    id: row.id,
    name: row.name,
    body: row.body,
    ...(row.cannedResponseId ? { cannedResponseId: row.cannedResponseId } : {}),
    language: row.language,
    ratePerSecond: row.ratePerSecond,
    state: row.state,
    ...(row.segment ? { segment: row.segment } : {}),
    ...(row.createdBy && row.creatorName ? { createdBy: { id: row.createdBy, displayName: row.creatorName } } : {}),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    ...(row.startedAt ? { startedAt: toIso(row.startedAt) } : {}),
    ...(row.finishedAt ? { finishedAt: toIso(row.finishedAt) } : {}),
    total: row.total,
    counts: t.counts,
    reasons: t.reasons,
  };
}

const toClaimed = (r: { id: string; seq: number; number: string; name: string | null; variables: Record<string, string> | null }): ClaimedRecipient => ({
  id: r.id,
  seq: r.seq,
  number: r.number,
  ...(r.name ? { name: r.name } : {}),
  ...(r.variables ? { variables: r.variables } : {}),
});

/** The admin side of group send: make, read, move between states, preview, page recipients. */
export function createSmsCampaignsAdminRepo(db: Db): Pick<SmsCampaignStore, 'create' | 'get' | 'list' | 'transition' | 'previewRows' | 'recipients'> {
  const rowsOf = (where: ReturnType<typeof eq> | undefined) =>
    db
      .select({ campaign: campaigns, creatorName: users.displayName })
      .from(campaigns)
      .leftJoin(users, eq(users.id, campaigns.createdBy))
      .where(where)
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id));
  const viewOf = async (rows: { campaign: typeof campaigns.$inferSelect; creatorName: string | null }[]): Promise<SmsCampaign[]> => {
    const t = await tallies(db, rows.map((r) => r.campaign.id));
    return rows.map((r) => toCampaign({ ...r.campaign, creatorName: r.creatorName }, t.get(r.campaign.id)!));
  };
  const get = async (id: string): Promise<SmsCampaign | undefined> => {
    if (!isUuid(id)) return undefined;
    return (await viewOf(await rowsOf(eq(campaigns.id, id))))[0];
  };

  return {
    get,
    async create(c) {
      const at = fromIso(c.at);
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(campaigns)
          .values({ name: c.name, body: c.body, cannedResponseId: c.cannedResponseId ?? null, language: c.language, ratePerSecond: c.ratePerSecond, state: 'draft', segment: c.segment ?? null, createdBy: c.createdBy, createdAt: at, updatedAt: at, total: c.recipients.length })
          .returning({ id: campaigns.id });
        const campaignId = row!.id;
        for (let i = 0; i < c.recipients.length; i += INSERT_CHUNK) {
          const chunk = c.recipients.slice(i, i + INSERT_CHUNK);
          await tx.insert(recipients).values(
            chunk.map((r, j) => ({ campaignId, seq: i + j + 1, number: r.number, name: r.name ?? null, variables: r.variables ?? null, state: r.state, reason: r.reason ?? null, updatedAt: at })),
          );
        }
        return campaignId;
      });
      return (await get(id))!;
    },
    async list(page) {
      const [rows, [total]] = await Promise.all([rowsOf(undefined).limit(page.limit).offset(page.offset), db.select({ n: count() }).from(campaigns)]);
      return { items: await viewOf(rows), total: total?.n ?? 0 };
    },
    async transition(id, from, to, at) {
      if (!isUuid(id)) return undefined;
      const when = fromIso(at);
      const moved = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(campaigns)
          .set({
            state: to,
            updatedAt: when,
            ...(to === 'running' ? { startedAt: sql`COALESCE(${campaigns.startedAt}, ${when})` } : {}),
            ...(to === 'cancelled' || to === 'done' ? { finishedAt: when } : {}),
          })
          .where(and(eq(campaigns.id, id), inArray(campaigns.state, [...from])))
          .returning({ id: campaigns.id });
        if (row && to === 'cancelled') {
          await tx.update(recipients).set({ state: 'skipped', reason: 'cancelled', updatedAt: when }).where(and(eq(recipients.campaignId, id), eq(recipients.state, 'pending')));
        }
        return row !== undefined;
      });
      if (moved) return { ok: true, campaign: (await get(id))! };
      const [now] = await db.select({ state: campaigns.state }).from(campaigns).where(eq(campaigns.id, id));
      return now ? { ok: false, state: now.state } : undefined;
    },
    async previewRows(id, limit) {
      const pendingOf = and(eq(recipients.campaignId, id), eq(recipients.state, 'pending'));
      const [rows, [sums]] = await Promise.all([
        db
          .select({ id: recipients.id, seq: recipients.seq, number: recipients.number, name: recipients.name, variables: recipients.variables })
          .from(recipients)
          .where(and(pendingOf, sql`NOT ${optedOut}`))
          .orderBy(asc(recipients.seq))
          .limit(limit),
        db
          .select({
            pending: sql<number>`count(*) FILTER (WHERE ${recipients.state} = 'pending')::int`,
            optedOut: sql<number>`count(*) FILTER (WHERE ${recipients.state} = 'pending' AND ${optedOut})::int`,
            invalidNumber: sql<number>`count(*) FILTER (WHERE ${recipients.reason} = 'invalidNumber')::int`,
            duplicate: sql<number>`count(*) FILTER (WHERE ${recipients.reason} = 'duplicate')::int`,
          })
          .from(recipients)
          .where(eq(recipients.campaignId, id)),
      ]);
      return { rows: rows.map(toClaimed), pending: sums?.pending ?? 0, optedOut: sums?.optedOut ?? 0, invalidNumber: sums?.invalidNumber ?? 0, duplicate: sums?.duplicate ?? 0 };
    },
    async recipients(id, page) {
      const where = and(eq(recipients.campaignId, id), page.state ? eq(recipients.state, page.state) : undefined);
      const [rows, [total]] = await Promise.all([
        db.select().from(recipients).where(where).orderBy(asc(recipients.seq)).limit(page.limit).offset(page.offset),
        db.select({ n: count() }).from(recipients).where(where),
      ]);
      const items = rows.map(
        (r): SmsCampaignRecipient => ({
          seq: r.seq,
          number: r.number,
          ...(r.name ? { name: r.name } : {}),
          state: r.state satisfies SmsRecipientState,
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.parts !== null ? { parts: r.parts } : {}),
          messageIds: r.messageIds,
          ...(r.lastError ? { lastError: r.lastError } : {}),
          updatedAt: toIso(r.updatedAt),
        }),
      );
      return { items, total: total?.n ?? 0 };
    },
  };
}


