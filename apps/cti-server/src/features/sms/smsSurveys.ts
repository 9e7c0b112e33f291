import type { Logger } from 'pino';
import type { Interaction } from '@omnicc/shared';
import { iso, type Clock } from '../../clock.js';
import type { SmsMessagesRepository, SmsSurveyRepository, SmsSurveyStart } from '../../store/SmsStore.js';
import { normalisePhoneNumber } from './phoneNumber.js';
import type { SmsSurveyConfig } from './smsAutomaticConfig.js';
import type { SmsMetricsSink } from './smsMetrics.js';

export interface SmsSurveysDeps {
  config: SmsSurveyConfig;
  store: { surveys: SmsSurveyRepository; messages: SmsMessagesRepository };
  /** Our number, when the interaction has no SMS the customer wrote to (a call). */
  serviceNumber: string;
  gatewayName: string;
  clock: Clock;
  log: Logger;
  metrics: SmsMetricsSink;
  /** The outbox is to send the question: at once on the routing owner, else through NOTIFY. */
  wake: () => Promise<void>;
}

/**
 * The satisfaction survey by SMS (满意度调查; docs/sms.md): written for an
 * interaction once its wrap-up is done, if its channel is covered and the
 * customer's number is a mobile; the store then leaves out opted-out
 * numbers, numbers surveyed within OMNICC_SMS_SURVEY_EVERY_HOURS, and
 * numbers in an open SMS conversation. The question goes through the
 * outbox like a reply (durable, retried, receipts); answers are read by
 * the inbound ingest; `expire` ends those left unanswered.
 */
export class SmsSurveys {
  constructor(private readonly deps: SmsSurveysDeps) {}

  /**
   * After an interaction closed: its survey, if it gets one; undefined when
   * none applies. Never throws: a survey that could not be written is
   * logged, and the wrap-up stands.
   */
  async afterClose(interaction: Interaction): Promise<SmsSurveyStart | undefined> {
    const { store, clock, log, metrics, config } = this.deps;
    const number = surveyNumber(interaction, config);
    if (!number) return undefined;
    try {
      // An SMS conversation is surveyed from the number the customer wrote to, so it lands in the same thread.
      const address = interaction.channel === 'sms' ? await store.messages.addressOf(interaction.id) : undefined;
      const started = await store.surveys.start({
        interactionId: interaction.id,
        number,
        serviceNumber: address?.serviceNumber ?? this.deps.serviceNumber,
        gateway: this.deps.gatewayName,
        question: config.question,
        at: iso(clock.now()),
        windowMs: config.windowMs,
        everyMs: config.everyMs,
      });
      if (started.kind === 'skipped') {
        log.info({ interactionId: interaction.id, reason: started.reason }, 'sms: no survey');
        return started;
      }
      metrics.survey('sent');
      metrics.queued('survey');
      // Stored: if the wake-up is lost, the owner's next scan (within a second) sends it.
      await this.deps.wake().catch((err: unknown) => log.warn({ err, surveyId: started.surveyId }, 'sms: could not wake the outbox; its scan will send the survey'));
      return started;
    } catch (err) {
      log.warn({ err, interactionId: interaction.id }, 'sms: the survey could not be written');
      return undefined;
    }
  }

  /** Open surveys past their window become `expired` (run on the routing owner). */
  async expire(): Promise<void> {
    try {
      const expired = await this.deps.store.surveys.expire(iso(this.deps.clock.now()));
      for (let i = 0; i < expired; i++) this.deps.metrics.survey('expired');
    } catch (err) {
      this.deps.log.warn({ err }, 'sms: survey expiry failed');
    }
  }
}

/**
 * The number to survey after `interaction`, normalised, or undefined when
 * it gets none: the survey is off, the channel is not covered, the
 * interaction was not closed after an agent handled it (abandoned, or
 * never assigned), or it has no number a survey may go to (a landline).
 */
export function surveyNumber(interaction: Interaction, config: Pick<SmsSurveyConfig, 'enabled' | 'channels' | 'numbers'>): string | undefined {
  if (!config.enabled || interaction.state !== 'closed' || interaction.assignedAt === undefined) return undefined;
  if (!config.channels.includes(interaction.channel) || !interaction.customer.phone) return undefined;
  const number = normalisePhoneNumber(interaction.customer.phone);
  return config.numbers.test(number) ? number : undefined;
}
