import { AppError, type Interaction, type Offer } from '@omnicc/shared';
import type { Logger } from 'pino';
import { decide, emptyRoutingState, type RoutingCommand, type RoutingEvent, type RoutingPolicy, type RoutingState } from '../../domain/routing/index.js';
import { iso, type Clock } from '../../clock.js';
import type { Store } from '../../store/Store.js';
import type { RoutingNotifier } from './notifier.js';
import { SerialQueue } from './serial.js';

export interface RoutingDeps {
  store: Store;
  clock: Clock;
  policy: RoutingPolicy;
  notifier: RoutingNotifier;
  log: Logger;
}

/**
 * The stateful shell around the pure routing core: it feeds events to
 * `decide`, persists what the commands change, then pushes to desktops.
 * Every public method runs serially (see SerialQueue).
 */
export class RoutingService {
  private state: RoutingState = emptyRoutingState();
  private readonly serial = new SerialQueue();
  /** offerId -> accepted interaction, so a repeated accept answers the same (idempotent). */
  private readonly accepted = new Map<string, { agentId: string; interactionId: string }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: RoutingDeps) {}

  /** Re-queues what was waiting or ringing when the server stopped; keeps assignments. */
  async recover(): Promise<{ requeued: number; assigned: number }> {
    return this.serial.run(async () => {
      let requeued = 0;
      let assigned = 0;
      for (const i of await this.deps.store.interactions.listOpen()) {
        if (i.state === 'offered') {
          await this.deps.store.interactions.transition(i.id, { from: ['offered'], to: 'queued' }, { type: 'requeued', at: this.nowIso(), data: { reason: 'recovery' } });
        }
        if (i.state === 'queued' || i.state === 'offered') {
          await this.apply({ type: 'enqueued', item: { interactionId: i.id, queueId: i.queueId, channel: i.channel, enqueuedAt: Date.parse(i.createdAt) } });
          requeued++;
        } else {
          assigned++;
        }
      }
      return { requeued, assigned };
    });
  }

  /** Starts the offer-timeout clock. */
  start(tickMs = 250): void {
    this.timer ??= setInterval(() => void this.serial.run(() => this.apply({ type: 'tick' })).catch((err: unknown) => this.deps.log.error({ err }, 'routing tick failed')), tickMs);
    this.timer.unref();
  }

  /** Stops the clock and waits for the job in progress, so nothing touches the store after close. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.serial.run(() => Promise.resolve());
  }

  enqueue(interaction: Interaction): Promise<void> {
    return this.serial.run(() =>
      this.apply({ type: 'enqueued', item: { interactionId: interaction.id, queueId: interaction.queueId, channel: interaction.channel, enqueuedAt: Date.parse(interaction.createdAt) } }),
    );
  }

  agentConnected(agentId: string, chosen: 'ready' | 'notReady'): Promise<void> {
    return this.serial.run(async () => {
      const holding = (await this.deps.store.interactions.listOpen())
        .filter((i) => i.agentId === agentId && (i.state === 'assigned' || i.state === 'wrapUp'))
        .map((i) => i.id);
      await this.apply({ type: 'agentConnected', agentId, chosen, holding });
    });
  }

  agentDisconnected(agentId: string): Promise<void> {
    return this.serial.run(() => this.apply({ type: 'agentDisconnected', agentId }));
  }

  agentChose(agentId: string, chosen: 'ready' | 'notReady'): Promise<void> {
    return this.serial.run(() => this.apply({ type: 'agentChose', agentId, chosen }));
  }

  /** Accepts an offer: the assignment is committed before this resolves. Idempotent. */
  accept(agentId: string, offerId: string): Promise<Interaction> {
    return this.serial.run(async () => {
      const done = this.accepted.get(offerId);
      if (done) {
        if (done.agentId !== agentId) throw new AppError('NOT_OWNER', 'offer belongs to another agent');
        return this.mustGet(done.interactionId);
      }
      const offer = this.state.offers[offerId];
      if (!offer) throw new AppError('INVALID_STATE', 'offer expired or unknown');
      if (offer.agentId !== agentId) throw new AppError('NOT_OWNER', 'offer belongs to another agent');
      const now = this.nowIso();
      const interaction = await this.deps.store.interactions.transition(
        offer.interactionId,
        { from: ['offered'], to: 'assigned', patch: { agentId, assignedAt: now } },
        { type: 'assigned', at: now, actorId: agentId, data: { offerId } },
      );
      this.accepted.set(offerId, { agentId, interactionId: interaction.id });
      this.trimAccepted();
      await this.apply({ type: 'offerAccepted', offerId });
      this.deps.notifier.interactionChanged(interaction);
      return interaction;
    });
  }

  reject(agentId: string, offerId: string): Promise<void> {
    return this.serial.run(async () => {
      const offer = this.state.offers[offerId];
      if (!offer) throw new AppError('INVALID_STATE', 'offer expired or unknown');
      if (offer.agentId !== agentId) throw new AppError('NOT_OWNER', 'offer belongs to another agent');
      await this.apply({ type: 'offerRejected', offerId });
    });
  }

  /** The agent no longer holds the interaction (wrap-up finished). */
  release(agentId: string, interactionId: string): Promise<void> {
    return this.serial.run(() => this.apply({ type: 'released', agentId, interactionId }));
  }

  /** The customer left before an agent took the interaction. */
  abandon(interactionId: string): Promise<void> {
    return this.serial.run(() => this.apply({ type: 'abandoned', interactionId }));
  }

  /** Runs `job` inside the serial queue, for callers that must not race routing (e.g. customer leave). */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.serial.run(job);
  }

  /** Offers currently ringing at the agent, for snapshots after a reconnect. */
  async offersFor(agentId: string): Promise<Offer[]> {
    const offers = Object.values(this.state.offers).filter((o) => o.agentId === agentId);
    const result: Offer[] = [];
    for (const o of offers) {
      const interaction = await this.deps.store.interactions.get(o.interactionId);
      if (interaction) result.push({ offerId: o.offerId, interaction, expiresAt: iso(o.expiresAt) });
    }
    return result;
  }

  /** Read-only view for metrics and the supervisor feed. */
  view(): RoutingState {
    return this.state;
  }

  private async apply(event: RoutingEvent): Promise<void> {
    const { state, commands } = decide(this.state, event, this.deps.clock.now(), this.deps.policy);
    this.state = state;
    for (const command of commands) await this.execute(command);
  }

  private async execute(command: RoutingCommand): Promise<void> {
    const { store, notifier, log } = this.deps;
    const { offer } = command;
    const at = this.nowIso();
    if (command.type === 'offer') {
      try {
        const interaction = await store.interactions.transition(offer.interactionId, { from: ['queued'], to: 'offered' }, { type: 'offered', at, data: { offerId: offer.offerId, agentId: offer.agentId } });
        notifier.offerCreated(offer.agentId, { offerId: offer.offerId, interaction, expiresAt: iso(offer.expiresAt) });
      } catch (err) {
        // The interaction changed under us (e.g. ended): drop the offer rather than ring for nothing.
        log.warn({ err, offerId: offer.offerId }, 'offer not persisted; dropped');
        const { [offer.offerId]: _dropped, ...rest } = this.state.offers;
        this.state = { ...this.state, offers: rest };
      }
      return;
    }
    if (command.reason === 'rejected' || command.reason === 'timeout' || command.reason === 'withdrawn') {
      const interaction = await store.interactions.transition(offer.interactionId, { from: ['offered'], to: 'queued' }, { type: 'requeued', at, actorId: offer.agentId, data: { offerId: offer.offerId, reason: command.reason } });
      notifier.interactionChanged(interaction);
    }
    notifier.offerEnded(offer.agentId, { offerId: offer.offerId, interactionId: offer.interactionId, reason: command.reason });
  }

  private async mustGet(id: string): Promise<Interaction> {
    const interaction = await this.deps.store.interactions.get(id);
    if (!interaction) throw new AppError('NOT_FOUND', 'interaction not found');
    return interaction;
  }

  private trimAccepted(): void {
    // Bounded memory: only recent accepts need idempotency.
    while (this.accepted.size > 10_000) {
      const first = this.accepted.keys().next().value;
      if (first === undefined) break;
      this.accepted.delete(first);
    }
  }

  private nowIso(): string {
    return iso(this.deps.clock.now());
  }
}
