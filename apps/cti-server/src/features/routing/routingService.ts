import { randomUUID } from 'node:crypto';
import { AppError, type AgentStateView, type AgentStatus, type Interaction, type Offer } from '@omnicc/shared';
import type { Logger } from 'pino';
import { agentsByStatusPerQueue, createAcdState, decide, offersFor, readModel, whereIs, type AcdCommand, type AcdError, type AcdEvent, type AcdReadModel, type AcdState } from '../../domain/acd/index.js';
import { iso, type Clock } from '../../clock.js';
import type { Store } from '../../store/Store.js';
import { AgentStates, LOGIN_REASON } from '../agents/agentStates.js';
import { enqueueEvent, loadRoutingConfig, profileOf, restoredAssignment } from './acdInputs.js';
import { CommandRunner, type Aftermath } from './commandRunner.js';
import { ExplanationLog, type OfferExplanation } from './explanations.js';
import type { RoutingNotifier } from './notifier.js';
import { SerialQueue } from './serial.js';

export interface RoutingDeps {
  store: Store;
  clock: Clock;
  notifier: RoutingNotifier;
  log: Logger;
  /** Offer ids; injected so tests can make them predictable. */
  newId?: () => string;
  /**
   * Told of every event the core accepted, with its commands and the state
   * after it (e.g. the live metrics feed). Called after the decision's writes;
   * it must not throw or block.
   */
  observer?: (event: AcdEvent, commands: readonly AcdCommand[], state: Readonly<AcdState>) => void;
}

const holds = (i: Interaction, agentId: string): boolean => i.agentId === agentId && (i.state === 'assigned' || i.state === 'wrapUp');

/**
 * The stateful shell around the pure ACD core (domain/acd): it feeds events
 * to `decide`, persists what the commands change, then pushes to desktops
 * and customers. Every public method runs serially (see SerialQueue), so a
 * decision and its writes never interleave with another.
 */
export class RoutingService {
  private state: AcdState = createAcdState();
  private readonly serial = new SerialQueue();
  private readonly agentStates = new AgentStates();
  private readonly explanations = new ExplanationLog();
  private readonly runner: CommandRunner;
  /** Open sockets per agent: the core hears of a disconnect only when the last one closes. */
  private readonly connections = new Map<string, number>();
  /** Agents who held assignments when the server started and have not logged in since. */
  private orphanHolders = new Set<string>();
  private lastNow = 0;
  private timer: NodeJS.Timeout | undefined;
  private orphanTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: RoutingDeps) {
    this.runner = new CommandRunner({ ...deps, explanations: this.explanations, agentStates: this.agentStates, state: () => this.state });
  }

  /**
   * Loads settings and queues into the core, re-queues what was waiting or
   * ringing when the server stopped (in arrival order), and notes who held
   * assignments: those come back through agentLogin when their agent
   * connects, or are re-queued if the agent is not back within the grace period.
   */
  async recover(): Promise<{ requeued: number; assigned: number }> {
    return this.serial.run(async () => {
      const { settings, queues, overflowing } = await loadRoutingConfig(this.deps.store);
      this.state = createAcdState();
      await this.applyLogged({ type: 'settingsChanged', settings });
      for (const queue of [...queues, ...overflowing]) await this.applyLogged({ type: 'queueConfigChanged', queue });
      let requeued = 0;
      let assigned = 0;
      for (const i of await this.deps.store.interactions.listOpen()) {
        if (i.state === 'offered') {
          await this.deps.store.interactions.transition(i.id, { from: ['offered'], to: 'queued' }, { type: 'requeued', at: iso(this.now()), data: { reason: 'recovery' } });
        }
        if (i.state === 'queued' || i.state === 'offered') {
          await this.applyLogged(enqueueEvent(i));
          requeued++;
        } else {
          assigned++;
          if (i.agentId && i.state === 'assigned') this.orphanHolders.add(i.agentId);
        }
      }
      return { requeued, assigned };
    });
  }

  /** Starts the clock of offer timeouts, wrap-ups, grace periods and max waits, and the watch over agents who do not return. */
  start(tickMs = 250): void {
    this.timer ??= setInterval(() => void this.serial.run(() => this.apply({ type: 'tick' })).catch((err: unknown) => this.deps.log.error({ err }, 'routing tick failed')), tickMs);
    this.timer.unref();
    if (this.orphanHolders.size > 0 && !this.orphanTimer) {
      this.orphanTimer = setTimeout(() => void this.requeueOrphans().catch((err: unknown) => this.deps.log.error({ err }, 'orphan re-queue failed')), this.state.settings.disconnectGraceSeconds * 1000);
      this.orphanTimer.unref();
    }
  }

  /** Stops the clocks and waits for the job in progress, so nothing touches the store after close. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.orphanTimer) clearTimeout(this.orphanTimer);
    this.timer = undefined;
    this.orphanTimer = undefined;
    await this.serial.run(() => Promise.resolve());
  }

  enqueue(interaction: Interaction): Promise<void> {
    return this.serial.run(async () => {
      let error = await this.apply(enqueueEvent(interaction));
      if (error?.code === 'NOT_FOUND') {
        // A queue created after start: load its config and try once more.
        const queue = await this.deps.store.queueConfigs.get(interaction.queueId);
        if (queue) await this.applyLogged({ type: 'queueConfigChanged', queue });
        error = await this.apply(enqueueEvent(interaction));
      }
      if (error) throw toAppError(error);
    });
  }

  /** A socket of the agent connected: the first one logs the agent in (or back in) with their profile and held work. */
  agentConnected(agentId: string): Promise<void> {
    return this.serial.run(async () => {
      const count = (this.connections.get(agentId) ?? 0) + 1;
      this.connections.set(agentId, count);
      if (count > 1) return;
      const profile = await profileOf(this.deps.store, agentId);
      if (this.state.agents.has(agentId)) {
        // Still known (within or after a grace period): the profile may have changed meanwhile.
        await this.applyLogged({ type: 'agentProfileChanged', profile });
        await this.applyLogged({ type: 'agentConnected', agentId });
        return;
      }
      this.orphanHolders.delete(agentId);
      const held = (await this.deps.store.interactions.listOpen()).filter((i) => holds(i, agentId));
      const refused = await this.apply({ type: 'agentLogin', profile, status: 'notReady', reasonCode: LOGIN_REASON, assigned: held.map(restoredAssignment) });
      if (refused) {
        // E.g. a capacity lowered below what the agent holds: log in without them rather than not at all.
        this.deps.log.warn({ agentId, error: refused }, 'held interactions not restored to routing');
        const again = await this.apply({ type: 'agentLogin', profile, status: 'notReady', reasonCode: LOGIN_REASON });
        if (again) throw toAppError(again);
        return;
      }
      // Interactions already ended before the restart restart their wrap-up.
      for (const i of held.filter((h) => h.state === 'wrapUp')) await this.applyLogged({ type: 'interactionEnded', interactionId: i.id, agentId });
    });
  }

  /** A socket of the agent closed: the last one starts the core's disconnect (offers withdrawn, grace period for assignments). */
  agentDisconnected(agentId: string): Promise<void> {
    return this.serial.run(async () => {
      const count = Math.max(0, (this.connections.get(agentId) ?? 0) - 1);
      if (count > 0) {
        this.connections.set(agentId, count);
        return;
      }
      this.connections.delete(agentId);
      await this.applyLogged({ type: 'agentDisconnected', agentId });
    });
  }

  /** What the agent chose: ready, or not ready with a reason code. */
  setStatus(agentId: string, status: 'ready' | 'notReady', reasonCode?: string): Promise<AgentStateView> {
    return this.serial.run(async () => {
      const event: AcdEvent = status === 'ready' ? { type: 'agentSetStatus', agentId, status } : { type: 'agentSetStatus', agentId, status, reasonCode: reasonCode ?? '' };
      const error = await this.apply(event);
      if (error) throw toAppError(error);
      const view = this.agentState(agentId);
      // The choice may change without the derived status changing (e.g. during wrap-up): other tabs still need it.
      this.deps.notifier.agentState(agentId, view);
      return view;
    });
  }

  agentState(agentId: string): AgentStateView {
    return this.agentStates.view(this.state, agentId, this.now());
  }

  /** Accepts an offer: the assignment is committed before this resolves. Idempotent while the assignment is open. */
  accept(agentId: string, offerId: string): Promise<Interaction> {
    return this.serial.run(async () => {
      const interactionId = this.state.offers.get(offerId)?.interactionId ?? this.state.accepted.get(offerId);
      const error = await this.apply({ type: 'offerAccepted', offerId, agentId });
      if (error) throw toAppError(error);
      const interaction = interactionId === undefined ? undefined : await this.deps.store.interactions.get(interactionId);
      if (interaction?.agentId !== agentId) throw new AppError('INVALID_STATE', 'offer could not be accepted');
      return interaction;
    });
  }

  reject(agentId: string, offerId: string): Promise<void> {
    return this.serial.run(async () => {
      const error = await this.apply({ type: 'offerRejected', offerId, agentId });
      if (error) throw toAppError(error);
    });
  }

  /**
   * Runs a store write and then tells the core what it means, in one serial
   * job, so the core never sees a state the store does not have yet. A
   * refusal by the core is logged, not thrown: the write stands (e.g. a
   * wrap-up its timer already ended).
   */
  afterWrite<T>(write: () => Promise<T>, event: (result: T) => AcdEvent | undefined): Promise<T> {
    return this.serial.run(async () => {
      const result = await write();
      const e = event(result);
      if (e) await this.applyLogged(e);
      return result;
    });
  }

  /** Runs `job` inside the serial queue, for callers that must not race routing. */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.serial.run(job);
  }

  /** Offers currently ringing at the agent, for snapshots after a reconnect. */
  async offersFor(agentId: string): Promise<Offer[]> {
    const result: Offer[] = [];
    for (const o of offersFor(this.state, agentId)) {
      const interaction = await this.deps.store.interactions.get(o.interactionId);
      if (interaction) result.push({ offerId: o.offerId, interaction, expiresAt: iso(o.expiresAt) });
    }
    return result;
  }

  /** Why each offer of the interaction went where it did (in memory since start; see ExplanationLog). */
  explain(interactionId: string): OfferExplanation[] {
    return this.explanations.of(interactionId);
  }

  /** Queue and agent figures for the supervisor feed. */
  readModel(): AcdReadModel {
    return readModel(this.state);
  }

  /** Agents by status in each queue they are skilled for. */
  agentsByStatusPerQueue(): Map<string, Record<AgentStatus, number>> {
    return agentsByStatusPerQueue(this.state);
  }

  /** Where an open interaction is in routing; undefined once it left routing (finished or abandoned). */
  whereIs(interactionId: string): ReturnType<typeof whereIs> {
    return whereIs(this.state, interactionId);
  }

  /** The core's state, read-only, for tests and diagnostics. */
  view(): Readonly<AcdState> {
    return this.state;
  }

  /** Agents who held assignments at start and never came back: their customers go back to the queue, told why. */
  private requeueOrphans(): Promise<void> {
    return this.serial.run(async () => {
      const gone = [...this.orphanHolders].filter((id) => !this.state.agents.has(id));
      this.orphanHolders.clear();
      if (gone.length === 0) return;
      const at = iso(this.now());
      for (const i of await this.deps.store.interactions.listOpen()) {
        if (i.state !== 'assigned' || !i.agentId || !gone.includes(i.agentId)) continue;
        const back = await this.deps.store.interactions.transition(i.id, { from: ['assigned'], to: 'queued', patch: { agentId: null, assignedAt: null } }, { type: 'requeued', at, data: { reason: 'agentLost' } });
        this.deps.notifier.interactionChanged(back);
        this.deps.notifier.customerNotice(i.id, 'agentLost');
        await this.applyLogged(enqueueEvent(back));
      }
    });
  }

  private async applyLogged(event: AcdEvent): Promise<void> {
    const error = await this.apply(event);
    if (error) this.deps.log.warn({ event: event.type, error }, 'routing event refused');
  }

  /**
   * Feeds one event (and any follow-ups the writes call for) to the core,
   * runs every command's write, then the pushes. Returns the core's refusal
   * of the first event, if any; the state is then unchanged.
   */
  private async apply(event: AcdEvent): Promise<AcdError | undefined> {
    const after: Aftermath = { pushes: [], followUps: [] };
    let refused: AcdError | undefined;
    const events = [event];
    try {
      for (let e = events.shift(); e; e = events.shift()) {
        const decision = decide(this.state, e, this.now(), { newId: this.deps.newId ?? randomUUID });
        if (decision.error && e === event) refused = decision.error;
        else if (decision.error) this.deps.log.warn({ event: e.type, error: decision.error }, 'routing follow-up refused');
        for (const command of decision.commands) await this.runner.run(command, after);
        if (!decision.error) this.deps.observer?.(e, decision.commands, this.state);
        events.push(...after.followUps.splice(0));
      }
    } finally {
      // Whatever was written is pushed, even if a later write failed.
      for (const push of after.pushes) push();
    }
    return refused;
  }

  /** The core needs time that never goes backwards. */
  private now(): number {
    this.lastNow = Math.max(this.lastNow, this.deps.clock.now());
    return this.lastNow;
  }
}

const toAppError = (e: AcdError): AppError => new AppError(e.code, e.message);
