import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { deliveryOfParts, nextPartState, undeliveredError } from '../../features/sms/outboundDelivery.js';
import type { ClaimedRecipient, SmsCampaignStore } from '../../store/SmsCampaignStore.js';
import { fromIso, type Db } from './db.js';
import { smsCampaignRecipients as recipients, smsCampaigns as campaigns } from './smsCampaignSchema.js';

interface ClaimRow extends Record<string, unknown> {
  id: string;
  seq: number;
  number: string;
  name: string | null;
  variables: Record<string, string> | null;
  state: string;
}

/** The runner's side of group send: claim, record, finish, settle after a restart, receipts. */
export function createSmsCampaignRunRepo(db: Db): Pick<SmsCampaignStore, 'running' | 'claim' | 'record' | 'finishIfDone' | 'settleInterrupted' | 'applyReceipt'> {
  return {
    async running() {
      return db
        .select({ id: campaigns.id, body: campaigns.body, language: campaigns.language, ratePerSecond: campaigns.ratePerSecond })
        .from(campaigns)
        .where(eq(campaigns.state, 'running'))
        .orderBy(asc(campaigns.createdAt));
    },

    async claim(campaignId, limit, at) {
      // One statement: only while the campaign runs (a pause stops the next claim), in list order, opted-out numbers
      // (sms_opt_outs now, so an opt-out mid-campaign counts from here on) skipped instead of sent.
      const { rows } = await db.execute<ClaimRow>(sql`
        WITH next AS (
          SELECT r.id, EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.number = r.number) AS opted
          FROM sms_campaign_recipients r
          WHERE r.campaign_id = ${campaignId} AND r.state = 'pending'
            AND EXISTS (SELECT 1 FROM sms_campaigns c WHERE c.id = ${campaignId} AND c.state = 'running')
          ORDER BY r.seq
          LIMIT ${limit}
          FOR UPDATE OF r SKIP LOCKED
        )
        UPDATE sms_campaign_recipients r
        SET state = CASE WHEN next.opted THEN 'skipped' ELSE 'sending' END,
            reason = CASE WHEN next.opted THEN 'optedOut' END,
            updated_at = ${fromIso(at)}
        FROM next WHERE r.id = next.id
        RETURNING r.id, r.seq, r.number, r.name, r.variables, r.state`);
      const sending: ClaimedRecipient[] = [];
      let optedOut = 0;
      for (const r of rows.sort((a, b) => a.seq - b.seq)) {
        if (r.state !== 'sending') optedOut++;
        else sending.push({ id: r.id, seq: r.seq, number: r.number, ...(r.name ? { name: r.name } : {}), ...(r.variables ? { variables: r.variables } : {}) });
      }
      return { sending, optedOut };
    },

    async record(outcomes, at) {
      if (outcomes.length === 0) return;
      const rows = outcomes.map((o) => {
        switch (o.kind) {
          case 'submitted':
            return { id: o.id, state: 'submitted', reason: null, error: null, gateway: o.gateway, ids: o.sent.messageIds, parts: o.parts };
          case 'retry':
            return { id: o.id, state: 'pending', reason: null, error: o.error, gateway: null, ids: null, parts: null };
          case 'failed':
            return { id: o.id, state: 'failed', reason: o.reason ?? null, error: o.error, gateway: o.gateway ?? null, ids: o.sent?.messageIds ?? null, parts: null };
          case 'skipped':
            return { id: o.id, state: 'skipped', reason: o.reason, error: null, gateway: null, ids: null, parts: null };
        }
      });
      // Only rows still `sending`: a row settled meanwhile (a takeover's settleInterrupted) keeps its verdict.
      await db.execute(sql`
        UPDATE sms_campaign_recipients r
        SET state = u.state, reason = u.reason, last_error = left(u.error, 1000),
            gateway = COALESCE(u.gateway, r.gateway),
            message_ids = COALESCE(ARRAY(SELECT jsonb_array_elements_text(u.ids)), r.message_ids),
            part_states = CASE WHEN u.parts IS NULL THEN r.part_states ELSE array_fill(''::text, ARRAY[u.parts]) END,
            parts = COALESCE(u.parts, r.parts),
            updated_at = ${fromIso(at)}
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS u(id uuid, state text, reason text, error text, gateway text, ids jsonb, parts int)
        WHERE r.id = u.id AND r.state = 'sending'`);
    },

    async finishIfDone(campaignId, at) {
      const when = fromIso(at);
      const rows = await db
        .update(campaigns)
        .set({ state: 'done', finishedAt: when, updatedAt: when })
        .where(
          and(
            eq(campaigns.id, campaignId),
            eq(campaigns.state, 'running'),
            sql`NOT EXISTS (SELECT 1 FROM sms_campaign_recipients r WHERE r.campaign_id = ${campaignId} AND r.state IN ('pending', 'sending'))`,
          ),
        )
        .returning({ id: campaigns.id });
      return rows.length > 0;
    },

    async settleInterrupted(at) {
      // SMPP cannot say whether a submit lost with its process was taken: never sent again (docs/sms.md, "No duplicates").
      const rows = await db
        .update(recipients)
        .set({ state: 'failed', reason: 'unknownAfterRestart', lastError: 'unknown after restart: the submit may or may not have reached the SMSC', updatedAt: fromIso(at) })
        .where(eq(recipients.state, 'sending'))
        .returning({ id: recipients.id });
      return rows.length;
    },

    async applyReceipt(gateway, receipt) {
      // Compare-and-set on the part states, as the reply outbox does (smsOutboxRepo.applyReceipt).
      for (;;) {
        const [row] = await db
          .select({ id: recipients.id, ids: recipients.messageIds, partStates: recipients.partStates, parts: recipients.parts, state: recipients.state, lastError: recipients.lastError })
          .from(recipients)
          .where(and(eq(recipients.gateway, gateway), sql`${recipients.messageIds} @> ARRAY[${receipt.messageId}]::text[]`))
          .orderBy(desc(recipients.updatedAt))
          .limit(1);
        if (!row) return 'unmatched';
        const index = row.ids.indexOf(receipt.messageId);
        const next = nextPartState(row.partStates[index] ?? '', receipt);
        if (!next) return 'unchanged';
        const parts = row.parts ?? row.ids.length;
        const partStates = Array.from({ length: Math.max(parts, row.partStates.length) }, (_, i) => (i === index ? next : (row.partStates[i] ?? '')));
        const counts = row.state === 'submitted' || row.state === 'delivered' || row.state === 'undelivered';
        const state = counts ? deliveryOfParts(partStates, parts) : row.state;
        const lastError = state === 'undelivered' && row.state !== 'undelivered' ? undeliveredError(index + 1, parts, receipt) : row.lastError;
        const updated = await db
          .update(recipients)
          .set({ partStates, state, lastError, updatedAt: receipt.receivedAt })
          .where(and(eq(recipients.id, row.id), sql`${recipients.partStates} = ${sql.param(row.partStates)}::text[]`, eq(recipients.state, row.state)))
          .returning({ id: recipients.id });
        if (updated.length > 0) return 'applied';
      }
    },
  };
}
