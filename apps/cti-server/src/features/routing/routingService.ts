import { randomUUID } from 'node:crypto';
import { AppError, type AgentStateView, type AgentStatus, type Interaction, type Offer } from '@omnicc/shared';
import type { Logger } from 'pino';
import { agentsByStatusPerQueue, createAcdState, decide, offersFor, readModel, whereIs, type AcdCommand, type AcdError, type AcdEvent, type AcdReadModel, type AcdState } from '../../domain/acd/index.js';
import { iso, type Clock } from '../../clock.js';
import type { Store } from '../../store/Store.js';
import { AgentStates, LOGIN_REASON } from '../agents/agentStates.js';
import { enqueueEvent, loadRoutingConfig, profileOf, restoredAssignment } from './acdInputs.js';
import { CommandRunner, type Aftermath } from './commandRunner.js';
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
  private readonly runner: CommandRunner;
  /**
   * Open sockets per agent, on any node (socket id -> when we heard of it):
   * the core hears of a disconnect only when the last one closes. Sets, not
   * counts, so a connect heard twice (a retried call, a takeover's
   * census) is harmless; see reconcileSockets.
   */
  private readonly connections = new Map<string, Map<string, number>>();
  /** Agents who held assignments when the server started and have not logged in since. */
  private orphanHolders = new Set<string>();
  private lastNow = 0;
  private timer: NodeJS.Timeout | undefined;
  private orphanTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: RoutingDeps) {
    this.runner = new CommandRunner({ ...deps, agentStates: this.agentStates, state: () => this.state });
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
      // Whatever rang when the last owner stopped rings no more: those interactions are re-queued below.
      await this.deps.store.offers.endAllOpen('recovery', iso(this.now()));
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
  agentConnected(agentId: string, socketId: string, resume = false): Promise<void> {
    return this.serial.run(async () => {
      const sockets = this.connections.get(agentId) ?? new Map<string, number>();
      this.connections.set(agentId, sockets);
      const first = sockets.size === 0;
      if (!sockets.has(socketId)) sockets.set(socketId, this.deps.clock.now());
      if (first) await this.logIn(agentId, resume);
    });
  }

  /** A socket of the agent closed: the last one starts the core's disconnect (offers withdrawn, grace period for assignments). */
  agentDisconnected(agentId: string, socketId: string): Promise<void> {
    return this.serial.run(async () => {
      const sockets = this.connections.get(agentId);
      if (!sockets?.delete(socketId) || sockets.size > 0) return;
      this.connections.delete(agentId);
      await this.applyLogged({ type: 'agentDisconnected', agentId });
    });
  }

  /**
   * Drops sockets that no node has any more (their node died without telling
   * us). `present` is a census of every node's agent sockets taken at
   * `takenAt`; sockets we heard of after that are kept, since the census
   * could not see them.
   */
  reconcileSockets(present: ReadonlyMap<string, ReadonlySet<string>>, takenAt: number): Promise<number> {
    return this.serial.run(async () => {
      let dropped = 0;
      for (const [agentId, sockets] of [...this.connections]) {
        for (const [socketId, heardAt] of [...sockets]) {
          if (heardAt >= takenAt || present.get(agentId)?.has(socketId)) continue;
          sockets.delete(socketId);
          dropped++;
        }
        if (sockets.size > 0) continue;
        this.connections.delete(agentId);
        await this.applyLogged({ type: 'agentDisconnected', agentId });
      }
      return dropped;
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

  /** Hands the agent's assigned interaction to another agent or queue; the store follows the core (see CommandRunner 'transferred'). */
  transfer(agentId: string, interactionId: string, to: { agentId: string } | { queueId: string }): Promise<Interaction> {
    return this.serial.run(async () => {
      const error = await this.apply({ type: 'transfer', interactionId, agentId, to });
      if (error) throw toAppError(error);
      const after = await this.deps.store.interactions.get(interactionId);
      if (!after) throw new AppError('NOT_FOUND', `interaction ${interactionId}`);
      return after;
    });
  }

  /** An admin changed a queue, the settings or an agent's profile: the running core takes it at once. */
  configure(event: Extract<AcdEvent, { type: 'queueConfigChanged' | 'settingsChanged' | 'agentProfileChanged' }>): Promise<void> {
    return this.serial.run(async () => {
      // A profile matters only to an agent the core knows; the next login reads it anyway.
      if (event.type === 'agentProfileChanged' && !this.state.agents.has(event.profile.userId)) return;
      const error = await this.apply(event);
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

  /**
   * The agent's first socket: back into the core with the current profile,
   * or a login with the work they hold. A fresh login starts not ready (taking
   * work is an explicit choice); a resumed session (a new owner's census, a
   * socket recovered on another node) keeps the agent's last choice.
   */
  private async logIn(agentId: string, resume: boolean): Promise<void> {
    const profile = await profileOf(this.deps.store, agentId);
    if (this.state.agents.has(agentId)) {
      // Still known (within or after a grace period): the profile may have changed meanwhile.
      await this.applyLogged({ type: 'agentProfileChanged', profile });
      await this.applyLogged({ type: 'agentConnected', agentId });
      return;
    }
    this.orphanHolders.delete(agentId);
    const held = (await this.deps.store.interactions.listOpen()).filter((i) => holds(i, agentId));
    const choice = resume ? await this.deps.store.agentStatus.lastChoice(agentId) : undefined;
    const status = choice?.status === 'ready' ? ({ status: 'ready' } as const) : ({ status: 'notReady', reasonCode: choice?.reasonCode ?? LOGIN_REASON } as const);
    const refused = await this.apply({ type: 'agentLogin', profile, ...status, assigned: held.map(restoredAssignment) });
    if (refused) {
      // E.g. a capacity lowered below what the agent holds: log in without them rather than not at all.
      this.deps.log.warn({ agentId, error: refused }, 'held interactions not restored to routing');
      const again = await this.apply({ type: 'agentLogin', profile, ...status });
      if (again) throw toAppError(again);
      return;
    }
    // Interactions already ended before the restart restart their wrap-up.
    for (const i of held.filter((h) => h.state === 'wrapUp')) await this.applyLogged({ type: 'interactionEnded', interactionId: i.id, agentId });
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
