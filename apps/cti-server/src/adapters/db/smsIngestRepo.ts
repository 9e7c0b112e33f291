import { and, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { Interaction, InteractionState } from '@omnicc/shared';
import type { InboundSmsInput, SmsIngestEffects, SmsIngestOutcome, SmsIngestRepository, SmsIngestRules, StoredSms } from '../../store/SmsStore.js';
import { fromIso, type Db, type Tx } from './db.js';
import { insertInteraction } from './interactionInsert.js';
import { toInteraction } from './interactionRows.js';
import { interactions } from './schema.js';
import { applyKeyword } from './smsKeywordSteps.js';
import { toStoredSms } from './smsRows.js';
import { smsMessages } from './smsSchema.js';
import { answerSurvey, clarifySurvey, endSurvey, openSurvey, questionOut } from './smsSurveySteps.js';

/** States in which a new SMS joins the conversation instead of opening one (as email replies do). */
const JOINABLE: readonly InteractionState[] = ['queued', 'offered', 'assigned'];

/** An inbound SMS, its conversation, the opt-out and the survey answer in one transaction (see SmsIngestRepository). */
export function createSmsIngestRepo(db: Db): SmsIngestRepository {
  return { ingest: (input, rules) => db.transaction((tx) => ingestOne(tx, input, rules)) };
}

async function ingestOne(tx: Tx, input: InboundSmsInput, rules: SmsIngestRules): Promise<SmsIngestOutcome> {
  // Everything one number sends is serialized: two messages arriving together must not open two conversations,
  // nor a redelivery racing its original be stored twice. Surveys are written under the same lock.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`sms:${input.number}`}, 0))`);
  const at = fromIso(input.at);
  if (await isStored(tx, input, at, rules.duplicateWindowMs)) return { kind: 'duplicate' };

  const effects: SmsIngestEffects = { queued: [] };
  const keyword = await applyKeyword(tx, input, rules, effects);
  const survey = await openSurvey(tx, input.number, at);
  const open = await openConversation(tx, input.number, new Date(at.getTime() - rules.threadWindowMs));
  // An opt-out ends the survey: no clarification may follow it.
  if (survey && keyword === 'optOut') effects.survey = await endSurvey(tx, survey, 'declined', at);
  // An open conversation wins over a survey (docs/sms.md): the agent reads what the customer writes.
  if (open) return { kind: 'joined', interaction: open, message: await insertInbound(tx, input, open.id), ...effects };
  if (keyword) return { kind: 'stored', message: await insertInbound(tx, input, undefined), ...effects };
  if (survey && questionOut(survey)) {
    const to = { number: input.number, serviceNumber: input.serviceNumber, gateway: input.gateway };
    if (input.surveyScore !== undefined || survey.status === 'sent') {
      const message = await insertInbound(tx, input, undefined);
      if (input.surveyScore !== undefined) effects.survey = await answerSurvey(tx, survey, input.surveyScore, message.id, at);
      else {
        effects.survey = await clarifySurvey(tx, survey, to, rules.surveyClarification, at);
        effects.queued.push('surveyClarification');
      }
      return { kind: 'survey', message, ...effects };
    }
    // A second answer that is not a score: the customer wants something else, and gets a conversation.
    effects.survey = await endSurvey(tx, survey, 'declined', at);
  } else if (survey?.question === 'pending') {
    // They wrote before the question left: it would land in the middle of the conversation this opens.
    effects.survey = await endSurvey(tx, survey, 'cancelled', at);
  }
  const interaction = await insertInteraction(tx, { channel: 'sms', queueId: rules.queueId, customer: { name: input.number, phone: input.number } }, input.at);
  return { kind: 'created', interaction, message: await insertInbound(tx, input, interaction.id), ...effects };
}

/**
 * A redelivery: the gateway's id stored before (the unique key backs this
 * up), or, for a gateway without ids (SMPP), the same content from the same
 * number within the duplicate window.
 */
async function isStored(tx: Tx, input: InboundSmsInput, at: Date, windowMs: number): Promise<boolean> {
  const where = input.gatewayMessageId
    ? and(eq(smsMessages.gateway, input.gateway), eq(smsMessages.gatewayMessageId, input.gatewayMessageId))
    : and(eq(smsMessages.number, input.number), eq(smsMessages.direction, 'in'), eq(smsMessages.contentHash, input.contentHash), gte(smsMessages.createdAt, new Date(at.getTime() - windowMs)));
  const [row] = await tx.select({ id: smsMessages.id }).from(smsMessages).where(where).limit(1);
  return row !== undefined;
}

/** The conversation of the number's latest message since `since`, locked, if it is still open. */
async function openConversation(tx: Tx, number: string, since: Date): Promise<Interaction | undefined> {
  const [last] = await tx
    .select({ interactionId: smsMessages.interactionId })
    .from(smsMessages)
    .where(and(eq(smsMessages.number, number), isNotNull(smsMessages.interactionId), gte(smsMessages.createdAt, since)))
    .orderBy(desc(smsMessages.createdAt))
    .limit(1);
  if (!last?.interactionId) return undefined;
  const [row] = await tx.select().from(interactions).where(eq(interactions.id, last.interactionId)).for('update');
  const interaction = row && toInteraction(row);
  return interaction && JOINABLE.includes(interaction.state) ? interaction : undefined;
}

async function insertInbound(tx: Tx, input: InboundSmsInput, interactionId: string | undefined): Promise<StoredSms> {
  const [row] = await tx
    .insert(smsMessages)
    .values({
      interactionId: interactionId ?? null,
      direction: 'in',
      number: input.number,
      serviceNumber: input.serviceNumber,
      gateway: input.gateway,
      text: input.text,
      parts: input.parts,
      missingParts: input.missingParts,
      gatewayMessageId: input.gatewayMessageId ?? null,
      contentHash: input.contentHash,
      createdAt: fromIso(input.at),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toStoredSms(row);
}
