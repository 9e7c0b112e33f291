import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import { SmppSmsGateway } from '../../adapters/smpp/smppGateway.js';
import type { SmsIngestOutcome, SmsStore } from '../../store/SmsStore.js';
import type { Routing } from '../routing/routingCalls.js';
import type { SmsConfig } from './smsConfig.js';
import type { SmsGateway, SmsGatewayState } from './smsGateway.js';
import { SmsIngest } from './smsIngest.js';
import { normalisePhoneNumber } from './phoneNumber.js';

export interface SmsChannelDeps {
  config: SmsConfig;
  store: SmsStore;
  routing: Routing;
  clock: Clock;
  log: Logger;
  /** Told of each message stored (the agent push). */
  onStored?: (outcome: SmsIngestOutcome) => Promise<void> | void;
}

/** `off`: SMS is not configured; `stopped`: configured, but this node does not own routing. */
export type SmsChannelStatus = 'off' | 'stopped' | SmsGatewayState;

/**
 * The SMS channel on the routing owner: one gateway (an SMPP bind), whose
 * inbound messages go through SmsIngest. Started on takeover and stopped on
 * give-up like email and voice, so one node holds the bind: the SMSC sends
 * each message to one bind, and two nodes bound would split the traffic.
 * A closed gateway cannot start again, so each takeover makes a new one.
 */
export class SmsChannel {
  readonly ingest: SmsIngest;
  private gateway: SmsGateway | undefined;

  constructor(private readonly deps: SmsChannelDeps) {
    const { config } = deps;
    this.ingest = new SmsIngest({
      store: deps.store,
      routing: deps.routing,
      clock: deps.clock,
      log: deps.log,
      rules: { queueId: config.queueId, threadWindowMs: config.threadWindowMs, duplicateWindowMs: config.duplicateWindowMs },
      ...(deps.onStored ? { onStored: deps.onStored } : {}),
    });
  }

  start(): void {
    if (this.deps.config.mode === 'off' || this.gateway) return;
    const { smpp, serviceNumber } = this.deps.config;
    const gateway = new SmppSmsGateway({ ...smpp, sourceAddr: serviceNumber, log: this.deps.log });
    this.gateway = gateway;
    // Awaited by the gateway before it acknowledges: a message is stored before the SMSC forgets it.
    gateway.on('inbound', async (message) => {
      await this.ingest.take(message, gateway.name);
    });
    gateway.on('state', (state, reason) => this.deps.log.info({ gateway: gateway.name, state, reason }, 'sms: gateway state'));
    // Network trouble is retried inside; only refused credentials end here (the gateway closes itself).
    gateway.start().catch((err: unknown) => this.deps.log.error({ err, gateway: gateway.name }, 'sms: the gateway refused us; check OMNICC_SMPP_SYSTEM_ID and OMNICC_SMPP_PASSWORD'));
  }

  async stop(): Promise<void> {
    const gateway = this.gateway;
    this.gateway = undefined;
    await gateway?.close();
  }

  /** The number's opt-out (any written form of it), if it sent one. */
  optOut(number: string): ReturnType<SmsStore['optOuts']['get']> {
    return this.deps.store.optOuts.get(normalisePhoneNumber(number));
  }

  status(): SmsChannelStatus {
    if (this.deps.config.mode === 'off') return 'off';
    return this.gateway?.state ?? 'stopped';
  }
}
