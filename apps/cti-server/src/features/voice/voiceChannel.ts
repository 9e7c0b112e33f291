import type { Interaction, Offer, OfferEndReason } from '@omnicc/shared';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import { EvapiClient } from '../../adapters/kamailio/evapiClient.js';
import type { Store } from '../../store/Store.js';
import type { RoutingNotifier } from '../routing/notifier.js';
import type { Routing } from '../routing/routingCalls.js';
import { CallMonitor } from './callMonitor.js';
import { CallTransfers } from './callTransfers.js';
import { QueueAnnouncer } from './queueAnnouncer.js';
import { queueToneWav } from './queueTone.js';
import { sipAuthSecret, sipCredentials, type SipCredentials } from './sipCredentials.js';
import { transferSecret } from './transferTicket.js';
import type { VoiceConfig } from './voiceConfig.js';
import { VoiceService } from './voiceService.js';

/** off: not configured; unavailable: configured but Kamailio is not running here; standby: a follower (the owner holds the evapi link). */
export type VoiceStatus = 'off' | 'unavailable' | 'standby' | 'connected' | 'disconnected';

export interface VoiceChannelDeps {
  config: VoiceConfig;
  /** False when voice is configured but its stack could not start (see server.ts): reported, never a crash. */
  stackRunning: boolean;
  tokenSecret: string;
  store: Store;
  routing: Routing;
  clock: Clock;
  log: Logger;
}

/**
 * The voice channel of one node: while the node owns routing it holds the
 * evapi connection to Kamailio and runs the VoiceService; every node issues
 * softphone credentials. Routing's offers and offer ends reach the service
 * through `tap`.
 */
export class VoiceChannel {
  private client: EvapiClient | undefined;
  private service: VoiceService | undefined;
  private readonly secret: string;
  private readonly transferSecret: string;
  /** Agents' transfer and consult requests (any node: the address it signs is checked where the call arrives). */
  readonly transfers: CallTransfers;
  /** Supervisors' silent monitor (any node: it talks to rtpengine directly). */
  readonly monitor: CallMonitor;
  /** Routing's notifier (see tap): the service pushes interactions a call's end changed. */
  private notifier: RoutingNotifier | undefined;

  constructor(private readonly deps: VoiceChannelDeps) {
    this.secret = sipAuthSecret(deps.tokenSecret);
    this.transferSecret = transferSecret(deps.tokenSecret);
    const { store, routing, clock, config } = deps;
    this.transfers = new CallTransfers({ store, routing, clock, domain: config.domain, transferSecret: this.transferSecret, enabled: () => this.enabled });
    this.monitor = new CallMonitor({ store, log: deps.log, rtpengine: { host: config.sipHost, port: config.ports.rtpengineNg }, enabled: () => this.enabled });
  }

  get enabled(): boolean {
    return this.deps.config.mode !== 'off' && this.deps.stackRunning;
  }

  status(): VoiceStatus {
    if (this.deps.config.mode === 'off') return 'off';
    if (!this.deps.stackRunning) return 'unavailable';
    if (!this.client) return 'standby';
    return this.client.connected ? 'connected' : 'disconnected';
  }

  /** This node took routing over: connect to Kamailio (a sync follows every connect). */
  start(): void {
    if (!this.enabled || this.client) return;
    const { config, store, routing, clock, log } = this.deps;
    const client = new EvapiClient({
      host: config.sipHost,
      port: config.ports.evapi,
      log,
      onMessage: (m) => void service.receive(m),
      onConnected: () => service.connected(),
    });
    const service = new VoiceService({
      store,
      routing,
      clock,
      log,
      send: (c) => client.send(c),
      numbers: config.numbers,
      outboundQueueId: config.outboundQueueId,
      domain: config.domain,
      pushChanged: (i) => this.notifier?.interactionChanged(i),
      transferSecret: this.transferSecret,
      announcer: this.announcer(),
    });
    this.client = client;
    this.service = service;
    client.start();
  }

  private announcer(): QueueAnnouncer | undefined {
    const { config, log } = this.deps;
    if (config.queueAnnouncement === 'off') return undefined;
    const media = config.queueAnnouncement === 'tone' ? { blob: queueToneWav() } : config.queueAnnouncement;
    return new QueueAnnouncer({ rtpengine: { host: config.sipHost, port: config.ports.rtpengineNg }, media, log });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.service = undefined;
    await client?.close();
  }

  /** The calls this node tracks (tests and diagnostics). */
  calls(): ReturnType<VoiceService['heldCalls']> {
    return this.service?.heldCalls() ?? [];
  }

  /** Credentials of a logged-in agent's softphone, and where it connects. */
  softphone(username: string): { wsUrl: string; credentials: SipCredentials } {
    return { wsUrl: this.deps.config.wsUrl, credentials: sipCredentials(this.secret, username, this.deps.config.domain, this.deps.clock.now()) };
  }

  /** Routing's notifier with the voice channel listening in: offers of calls ring softphones. */
  tap(notifier: RoutingNotifier): RoutingNotifier {
    this.notifier = notifier;
    return {
      ...notifier,
      offerCreated: (agentId: string, offer: Offer) => {
        notifier.offerCreated(agentId, offer);
        this.service?.offerCreated(agentId, offer);
      },
      offerEnded: (agentId: string, e: { offerId: string; interactionId: string; reason: OfferEndReason }) => {
        notifier.offerEnded(agentId, e);
        this.service?.offerEnded(agentId, e);
      },
      maxWaitReached: (interaction: Interaction) => {
        notifier.maxWaitReached(interaction);
        this.service?.maxWaitReached(interaction);
      },
      interactionEnded: (interaction: Interaction) => {
        notifier.interactionEnded(interaction);
        this.service?.interactionEnded(interaction);
      },
      agentOffline: (agentId: string) => {
        notifier.agentOffline(agentId);
        this.service?.agentOffline(agentId);
      },
    };
  }
}
