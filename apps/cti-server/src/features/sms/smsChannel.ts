import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import { SmppSmsGateway, smppGatewayName } from '../../adapters/smpp/smppGateway.js';
import type { SmsIngestOutcome, SmsStatusChange, SmsStore } from '../../store/SmsStore.js';
import type { Routing } from '../routing/routingCalls.js';
import type { SmsConfig } from './smsConfig.js';
import type { SmsGateway, SmsGatewayState } from './smsGateway.js';
import { SmsIngest } from './smsIngest.js';
import { NO_SMS_METRICS, type SmsMetricsSink } from './smsMetrics.js';
import { SmsOutbox } from './smsOutbox.js';
import { SmsSurveys } from './smsSurveys.js';
import { normalisePhoneNumber } from './phoneNumber.js';

/** Wake-ups of the outbox from other nodes (PostgreSQL LISTEN on the routing owner). */
export interface OutboxWakeups {
  start(): void;
  stop(): Promise<void>;
}

export interface SmsChannelDeps {
  config: SmsConfig;
  store: SmsStore;
  routing: Routing;
  clock: Clock;
  log: Logger;
  /** Told of each message stored (the agent push). */
  onStored?: (outcome: SmsIngestOutcome) => Promise<void> | void;
  /** Told of each delivery change of an outbound message (the `sms:status` push). */
  onStatus?: (change: SmsStatusChange) => Promise<void> | void;
  /** Listens for replies stored on other nodes, calling `onNotify`; without it the outbox still finds them by polling. */
  listen?: (onNotify: () => void) => OutboxWakeups;
  metrics?: SmsMetricsSink;
}

/** A repeated opt-out word is confirmed again only after this long (docs/sms.md, "Opt-out confirmation"). */
const RECONFIRM_AFTER_MS = 24 * 3600_000;
/** How often the routing owner ends surveys whose window passed. */
const SURVEY_EXPIRY_MS = 60_000;

/** `off`: SMS is not configured; `stopped`: configured, but this node does not own routing. */
export type SmsChannelStatus = 'off' | 'stopped' | SmsGatewayState;

/**
 * The SMS channel on the routing owner: one gateway (an SMPP bind), whose
 * inbound messages go through SmsIngest, the outbox that submits replies,
 * surveys and confirmations over it and applies its receipts, and the
 * sweep that ends unanswered surveys. Started on takeover and stopped
 * on give-up like email and voice, so one node holds the bind: the SMSC
 * sends each message to one bind, and two nodes bound would split the
 * traffic. A closed gateway cannot start again, so each takeover makes a
 * new one.
 */
export class SmsChannel {
  readonly ingest: SmsIngest;
  readonly outbox: SmsOutbox;
  /** Satisfaction surveys after an interaction closed (on any node: the question is stored, then the owner sends it). */
  readonly surveys: SmsSurveys;
  /** The name outbound rows are stored under (receipts are matched within one gateway). */
  readonly gatewayName: string;
  private gateway: SmsGateway | undefined;
  private wakeups: OutboxWakeups | undefined;
  private expiry: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SmsChannelDeps) {
    const { config, metrics = NO_SMS_METRICS } = deps;
    this.gatewayName = smppGatewayName(config.smpp.host, config.smpp.port);
    this.ingest = new SmsIngest({
      store: deps.store,
      routing: deps.routing,
      clock: deps.clock,
      log: deps.log,
      rules: {
        queueId: config.queueId,
        threadWindowMs: config.threadWindowMs,
        duplicateWindowMs: config.duplicateWindowMs,
        confirmations: config.confirmations,
        reconfirmAfterMs: RECONFIRM_AFTER_MS,
        surveyClarification: config.survey.clarification,
      },
      metrics,
      onQueued: () => void this.outbox.kick(),
      ...(deps.onStored ? { onStored: deps.onStored } : {}),
    });
    this.outbox = new SmsOutbox({
      store: deps.store.outbox,
      clock: deps.clock,
      log: deps.log,
      retryBaseMs: config.retryBaseMs,
      maxAttempts: config.sendAttempts,
      metrics,
      ...(deps.onStatus ? { onChange: deps.onStatus } : {}),
    });
    this.surveys = new SmsSurveys({
      config: config.survey,
      store: deps.store,
      serviceNumber: config.serviceNumber,
      gatewayName: this.gatewayName,
      clock: deps.clock,
      log: deps.log,
      metrics,
      wake: () => this.wake(),
    });
  }

  /** The gateway while this node holds the bind (group send submits over it too). */
  get activeGateway(): SmsGateway | undefined {
    return this.gateway;
  }

  get enabled(): boolean {
    return this.deps.config.mode !== 'off';
  }

  start(): void {
    if (!this.enabled || this.gateway) return;
    const { smpp, serviceNumber, maxParts, throttleRetries } = this.deps.config;
    const gateway = new SmppSmsGateway({ ...smpp, name: this.gatewayName, sourceAddr: serviceNumber, maxParts, throttle: { retries: throttleRetries, minMs: 200, maxMs: 5000 }, log: this.deps.log });
    this.gateway = gateway;
    // Awaited by the gateway before it acknowledges: a message is stored before the SMSC forgets it.
    gateway.on('inbound', async (message) => {
      await this.ingest.take(message, gateway.name);
    });
    gateway.on('state', (state, reason) => this.deps.log.info({ gateway: gateway.name, state, reason }, 'sms: gateway state'));
    this.outbox.start(gateway);
    this.wakeups = this.deps.listen?.(() => void this.outbox.kick());
    this.wakeups?.start();
    if (this.deps.config.survey.enabled) {
      this.expiry = setInterval(() => void this.surveys.expire(), SURVEY_EXPIRY_MS);
      this.expiry.unref();
    }
    // Network trouble is retried inside; only refused credentials end here (the gateway closes itself).
    gateway.start().catch((err: unknown) => this.deps.log.error({ err, gateway: gateway.name }, 'sms: the gateway refused us; check OMNICC_SMPP_SYSTEM_ID and OMNICC_SMPP_PASSWORD'));
  }

  async stop(): Promise<void> {
    const gateway = this.gateway;
    const wakeups = this.wakeups;
    this.gateway = undefined;
    this.wakeups = undefined;
    clearInterval(this.expiry);
    this.expiry = undefined;
    // Halt first: closing the gateway fails the sends under way (SMS_CLOSED), which the outbox records as due again.
    this.outbox.halt();
    await Promise.all([gateway?.close(), wakeups?.stop()]);
    await this.outbox.idle();
  }

  /** A reply or a survey was stored: sent from here at once when this node runs the outbox, else the owner is told (NOTIFY). */
  async wake(): Promise<void> {
    if (this.outbox.running) void this.outbox.kick();
    else await this.deps.store.outbox.notify();
  }

  /** The number's opt-out (any written form of it), if it sent one. */
  optOut(number: string): ReturnType<SmsStore['optOuts']['get']> {
    return this.deps.store.optOuts.get(normalisePhoneNumber(number));
  }

  status(): SmsChannelStatus {
    if (!this.enabled) return 'off';
    return this.gateway?.state ?? 'stopped';
  }
}
