import { Counter, Gauge, type Registry } from 'prom-client';
import type { SmsAutomatic } from '@omnicc/shared';
import type { SurveyStep } from '../../store/SmsStore.js';
import type { DeliveryStatus } from './deliveryStatus.js';

/** What the SMS channel counts (docs/sms.md, "Metrics"); app.ts backs it with Prometheus, tests with nothing. */
export interface SmsMetricsSink {
  /** A message was written to the outbox: an agent's reply, or one of the server's own. */
  queued(kind: 'reply' | SmsAutomatic): void;
  /** A submit attempt ended: every part accepted, failed to be retried, or failed for good. */
  submit(result: 'accepted' | 'retrying' | 'failed'): void;
  /** A delivery receipt came from the gateway (redeliveries included). */
  receipt(status: DeliveryStatus): void;
  /** A survey moved: written, answered (with its score), clarified, declined, cancelled or expired. */
  survey(event: 'sent' | 'expired' | SurveyStep['event'], score?: number): void;
}

export const NO_SMS_METRICS: SmsMetricsSink = { queued() {}, submit() {}, receipt() {}, survey() {} };

/**
 * SMS figures on `/metrics`, like email's: counters of what this node did
 * (outbox writes, submits, receipts and surveys; summed over nodes, read as
 * rates), and gauges read when scraped: messages pending in the outbox
 * (from the database, the same on every node) and whether this node holds
 * a connected bind. Failed messages are a counter here, not a database
 * count as email has: sms_messages grows with every message sent, and
 * only its pending rows are indexed.
 */
export function createSmsMetrics(registry: Registry, read: { gatewayState: () => string; pending: () => Promise<number> }): SmsMetricsSink {
  const queued = new Counter({ name: 'omnicc_sms_queued_total', help: 'SMS written to the outbox, by kind (reply, survey, surveyClarification, optOutConfirmation, optInConfirmation)', labelNames: ['kind'] as const, registers: [registry] });
  const submits = new Counter({ name: 'omnicc_sms_submits_total', help: 'SMS submit attempts by result: accepted (sent to the SMSC), retrying, failed (given up)', labelNames: ['result'] as const, registers: [registry] });
  const receipts = new Counter({ name: 'omnicc_sms_receipts_total', help: 'SMS delivery receipts received, by status', labelNames: ['status'] as const, registers: [registry] });
  const surveys = new Counter({ name: 'omnicc_sms_surveys_total', help: 'SMS satisfaction surveys by event: sent, answered, clarified, declined, cancelled, expired', labelNames: ['event'] as const, registers: [registry] });
  const scores = new Counter({ name: 'omnicc_sms_survey_scores_total', help: 'SMS satisfaction survey answers by score (1-5)', labelNames: ['score'] as const, registers: [registry] });
  new Gauge({
    name: 'omnicc_sms_outbox',
    help: 'Outbound SMS by delivery state: pending (to be sent or retried)',
    labelNames: ['delivery'] as const,
    registers: [registry],
    async collect() {
      this.set({ delivery: 'pending' }, await read.pending());
    },
  });
  new Gauge({
    name: 'omnicc_sms_gateway_connected',
    help: '1 when this node holds a connected SMSC bind',
    registers: [registry],
    collect() {
      this.set(read.gatewayState() === 'connected' ? 1 : 0);
    },
  });
  return {
    queued: (kind) => queued.inc({ kind }),
    submit: (result) => submits.inc({ result }),
    receipt: (status) => receipts.inc({ status }),
    survey(event, score) {
      surveys.inc({ event });
      if (score !== undefined) scores.inc({ score: String(score) });
    },
  };
}
