import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { iso, type Clock } from '../../clock.js';
import type { SmsIngestOutcome, SmsIngestRules, SmsStore } from '../../store/SmsStore.js';
import type { Routing } from '../routing/routingCalls.js';
import { detectOptIn, detectOptOut } from './optOut.js';
import { normalisePhoneNumber } from './phoneNumber.js';
import type { InboundSms } from './smsGateway.js';
import { NO_SMS_METRICS, type SmsMetricsSink } from './smsMetrics.js';
import { parseSurveyScore } from './surveyScore.js';

export interface SmsIngestDeps {
  store: SmsStore;
  routing: Routing;
  clock: Clock;
  log: Logger;
  rules: SmsIngestRules;
  /** Told of every message stored, after its commit (the agent push). Its failure is logged, never undoes the message. */
  onStored?: (outcome: SmsIngestOutcome) => Promise<void> | void;
  /** Automatic answers (a confirmation, a clarification) were written with the message: the outbox is to send them. */
  onQueued?: () => void;
  metrics?: SmsMetricsSink;
}

/**
 * Inbound SMS into the store and routing, as the email ingest does: the
 * message and the conversation it opened or joined are committed in one
 * transaction, and only then is a new conversation enqueued. In the same
 * transaction: an opt-out or re-subscribe word recorded and confirmed,
 * and an answer to the number's survey taken (docs/sms.md). `take` is the
 * gateway's `inbound` listener: it resolves after the commit, so the
 * gateway acknowledges only what is stored, and a failure (database down)
 * makes the gateway refuse the message for a later redelivery.
 */
export class SmsIngest {
  constructor(private readonly deps: SmsIngestDeps) {}

  async take(message: InboundSms, gateway: string): Promise<SmsIngestOutcome> {
    const number = normalisePhoneNumber(message.from);
    const optOutWord = detectOptOut(message.text);
    const optInWord = optOutWord ? undefined : detectOptIn(message.text);
    const surveyScore = parseSurveyScore(message.text);
    const outcome = await this.deps.store.ingest.ingest(
      {
        number,
        serviceNumber: message.to,
        gateway,
        text: message.text,
        parts: message.parts,
        missingParts: message.missingParts,
        ...(message.gatewayMessageId ? { gatewayMessageId: message.gatewayMessageId } : {}),
        contentHash: smsContentHash(message),
        ...(optOutWord ? { optOutWord } : {}),
        ...(optInWord ? { optInWord } : {}),
        ...(surveyScore === undefined ? {} : { surveyScore }),
        at: iso(this.deps.clock.now()),
      },
      this.deps.rules,
    );
    if (outcome.kind === 'duplicate') {
      this.deps.log.info({ gateway, from: number }, 'sms: redelivered message ignored');
      return outcome;
    }
    this.effects(number, outcome);
    if (outcome.kind === 'created') {
      const interactionId = outcome.interaction.id;
      // Stored `queued` already: if routing cannot take it now, the watchdog (or the next owner's recovery) routes it.
      await this.deps.routing.call('enqueue', { interactionId }).catch((err: unknown) => this.deps.log.warn({ err, interactionId }, 'sms: enqueue failed; the routing watchdog will route it'));
    }
    try {
      await this.deps.onStored?.(outcome);
    } catch (err) {
      this.deps.log.warn({ err, from: number }, 'sms: after-store step failed');
    }
    return outcome;
  }

  private effects(number: string, outcome: Exclude<SmsIngestOutcome, { kind: 'duplicate' }>): void {
    const { log, metrics = NO_SMS_METRICS } = this.deps;
    if (outcome.optOutWord) log.info({ number, word: outcome.optOutWord }, 'sms: number opted out');
    if (outcome.optInWord) log.info({ number, word: outcome.optInWord }, 'sms: number subscribed again');
    if (outcome.survey) {
      log.info({ number, ...outcome.survey }, 'sms: survey answered or moved on');
      metrics.survey(outcome.survey.event, outcome.survey.score);
    }
    for (const kind of outcome.queued) metrics.queued(kind);
    if (outcome.queued.length > 0) this.deps.onQueued?.();
  }
}

/**
 * What identifies an inbound message when the gateway gives no id (SMPP):
 * the number it was sent to, its parts and its text. The sender is compared
 * beside it (the number column), and only within the duplicate window.
 */
export function smsContentHash(message: Pick<InboundSms, 'to' | 'parts' | 'text'>): string {
  return createHash('sha256').update(`${message.to}\n${message.parts}\n${message.text}`).digest('hex');
}
