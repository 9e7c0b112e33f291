import { and, eq, gt, inArray, lte, ne, notInArray, sql } from 'drizzle-orm';
import type { NewSmsSurvey, SmsSurveyRepository, SmsSurveySkip, SmsSurveyStart } from '../../store/SmsStore.js';
import { fromIso, type Db, type Tx } from './db.js';
import { eventValues } from './interactionRows.js';
import { interactionEvents, interactions } from './schema.js';
import { insertAutomatic } from './smsAutomaticRows.js';
import { smsOptOuts, smsSurveys } from './smsSchema.js';
import { OPEN_SURVEY } from './smsSurveySteps.js';

/** Surveys written after an interaction closed, and their expiry (docs/sms.md, "Satisfaction survey"). */
export function createSmsSurveysRepo(db: Db): SmsSurveyRepository {
  return {
    start: (survey) => db.transaction((tx) => startOne(tx, survey)),

    async expire(at) {
      const when = fromIso(at);
      const rows = await db
        .update(smsSurveys)
        .set({ status: 'expired', endedAt: sql`${smsSurveys.expiresAt}` })
        .where(and(inArray(smsSurveys.status, [...OPEN_SURVEY]), lte(smsSurveys.expiresAt, when)))
        .returning({ id: smsSurveys.id });
      return rows.length;
    },
  };
}

async function startOne(tx: Tx, s: NewSmsSurvey): Promise<SmsSurveyStart> {
  // The ingest's lock: a message of this number either comes before the survey (and may open a
  // conversation, which skips it) or after it (and is read as an answer once the question is out).
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`sms:${s.number}`}, 0))`);
  const at = fromIso(s.at);
  const skip = await skipReason(tx, s, at);
  if (skip) return { kind: 'skipped', reason: skip };
  const messageId = await insertAutomatic(tx, { number: s.number, serviceNumber: s.serviceNumber, gateway: s.gateway }, 'survey', s.question, at);
  const [row] = await tx
    .insert(smsSurveys)
    .values({ interactionId: s.interactionId, number: s.number, status: 'sent', questionId: messageId, sentAt: at, expiresAt: new Date(at.getTime() + s.windowMs) })
    .returning({ id: smsSurveys.id });
  if (!row) throw new Error('insert returned no row');
  await tx.insert(interactionEvents).values(eventValues(s.interactionId, { type: 'surveySent', at: s.at, data: { surveyId: row.id, via: 'sms' } }));
  return { kind: 'sent', surveyId: row.id, messageId };
}

/** The rule that leaves this interaction without a survey, if any (checked in this order). */
async function skipReason(tx: Tx, s: NewSmsSurvey, at: Date): Promise<SmsSurveySkip | undefined> {
  const any = async (query: Promise<unknown[]>) => (await query).length > 0;
  if (await any(tx.select({ id: smsSurveys.id }).from(smsSurveys).where(eq(smsSurveys.interactionId, s.interactionId)))) return 'exists';
  // A survey is not an answer to the customer's own message: an opted-out number gets none.
  if (await any(tx.select({ n: smsOptOuts.number }).from(smsOptOuts).where(eq(smsOptOuts.number, s.number)))) return 'optedOut';
  // A survey withdrawn before it left (the customer wrote first) was never seen: it does not count.
  const since = new Date(at.getTime() - s.everyMs);
  if (s.everyMs > 0 && (await any(tx.select({ id: smsSurveys.id }).from(smsSurveys).where(and(eq(smsSurveys.number, s.number), gt(smsSurveys.sentAt, since), ne(smsSurveys.status, 'cancelled'))).limit(1)))) {
    return 'recent';
  }
  // The number is talking to an agent by SMS right now: a survey would land in the middle of that conversation.
  const talking = tx
    .select({ id: interactions.id })
    .from(interactions)
    .where(and(eq(interactions.channel, 'sms'), eq(interactions.customerPhone, s.number), notInArray(interactions.state, ['closed', 'abandoned']), ne(interactions.id, s.interactionId)))
    .limit(1);
  if (await any(talking)) return 'openConversation';
  return undefined;
}
