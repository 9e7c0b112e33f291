import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { SmsDelivery } from '@omnicc/shared';
import type { AutomaticSmsText, SurveyStep } from '../../store/SmsStore.js';
import type { Tx } from './db.js';
import { eventValues } from './interactionRows.js';
import { interactionEvents } from './schema.js';
import { insertAutomatic, type AutomaticAddress } from './smsAutomaticRows.js';
import { smsMessages, smsSurveys, type SmsSurveyState } from './smsSchema.js';

/** The states in which a survey still takes an answer. */
export const OPEN_SURVEY: readonly SmsSurveyState[] = ['sent', 'clarified'];

/** A number's open survey as a message finds it, with where its question stands. */
export interface OpenSurvey {
  id: string;
  interactionId: string;
  status: SmsSurveyState;
  questionId: string;
  question: SmsDelivery | null;
}

/** The question reached the network: only then is a message an answer to it. */
export const questionOut = (s: OpenSurvey): boolean => s.question === 'submitted' || s.question === 'delivered';

/**
 * The number's latest survey still open at `at`, its row and its
 * question's row locked: the outbox cannot mark the question submitted
 * while a message decides about it (it waits, then finds it withdrawn).
 */
export async function openSurvey(tx: Tx, number: string, at: Date): Promise<OpenSurvey | undefined> {
  const [row] = await tx
    .select({ id: smsSurveys.id, interactionId: smsSurveys.interactionId, status: smsSurveys.status, questionId: smsMessages.id, question: smsMessages.deliveryStatus })
    .from(smsSurveys)
    .innerJoin(smsMessages, eq(smsMessages.id, smsSurveys.questionId))
    .where(and(eq(smsSurveys.number, number), inArray(smsSurveys.status, [...OPEN_SURVEY]), gt(smsSurveys.expiresAt, at)))
    .orderBy(desc(smsSurveys.sentAt))
    .limit(1)
    .for('update');
  return row;
}

/** The message `answerId` gave the score: stored on the survey and in the interaction's history (`surveyAnswered`). */
export async function answerSurvey(tx: Tx, survey: OpenSurvey, score: number, answerId: string, at: Date): Promise<SurveyStep> {
  await tx.update(smsSurveys).set({ status: 'answered', score, answerId, answeredAt: at, endedAt: at }).where(eq(smsSurveys.id, survey.id));
  await tx.insert(interactionEvents).values(eventValues(survey.interactionId, { type: 'surveyAnswered', at: at.toISOString(), data: { score, surveyId: survey.id, via: 'sms' } }));
  return { surveyId: survey.id, interactionId: survey.interactionId, event: 'answered', score };
}

/** The first answer that is not a score: the one clarification goes to the outbox. */
export async function clarifySurvey(tx: Tx, survey: OpenSurvey, to: AutomaticAddress, clarification: AutomaticSmsText, at: Date): Promise<SurveyStep> {
  const clarificationId = await insertAutomatic(tx, to, 'surveyClarification', clarification, at);
  await tx.update(smsSurveys).set({ status: 'clarified', clarificationId, clarifiedAt: at }).where(eq(smsSurveys.id, survey.id));
  return { surveyId: survey.id, interactionId: survey.interactionId, event: 'clarified' };
}

/**
 * Ends a survey without a score: `declined` (a second answer that was not
 * one, or an opt-out), or `cancelled` (the customer wrote before the
 * question left: it is withdrawn, marked failed, and never sent).
 */
export async function endSurvey(tx: Tx, survey: OpenSurvey, status: 'declined' | 'cancelled', at: Date): Promise<SurveyStep> {
  await tx.update(smsSurveys).set({ status, endedAt: at }).where(eq(smsSurveys.id, survey.id));
  if (survey.question === 'pending') {
    const reason = status === 'cancelled' ? 'withdrawn: the customer wrote before the survey was sent' : 'withdrawn: the number opted out';
    await tx
      .update(smsMessages)
      .set({ deliveryStatus: 'failed', deliveryStatusAt: at, nextAttemptAt: null, lastError: reason })
      .where(and(eq(smsMessages.id, survey.questionId), eq(smsMessages.deliveryStatus, 'pending')));
  }
  return { surveyId: survey.id, interactionId: survey.interactionId, event: status };
}
