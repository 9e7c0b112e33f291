import { randomUUID } from 'node:crypto';
import { AppError, type AgentStateView, type AgentStatus, type Interaction, type Offer } from '@omnicc/shared';
import type { Logger } from 'pino';
import { agentsByStatusPerQueue, createAcdState, decide, offersFor, readModel, whereIs, type AcdCommand, type AcdError, type AcdEvent, type AcdReadModel, type AcdState } from '../../domain/acd/index.js';
import { iso, type Clock } from '../../clock.js';
import type { NewInteraction, Store } from '../../store/Store.js';
import { AgentStates, LOGIN_REASON } from '../agents/agentStates.js';
import { enqueueEvent, loadRoutingConfig, profileOf, restoredAssignment } from './acdInputs.js';
import { CommandRunner } from './commandRunner.js';
import { GroupCommit, type CommitItem, type WriteOutcome } from './groupCommit.js';
import type { RoutingNotifier } from './notifier.js';
import { auditRouting, type RoutingAudit } from './routingAudit.js';
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
   * after it, and the decision's time (e.g. the live metrics feed). Called as the decision is made,
   * while its writes may still be committing; it must not throw or block.
   */
  observer?: (event: AcdEvent, commands: readonly AcdCommand[], state: Readonly<AcdState>, at: number) => void;
  /**
   * A batch of routing writes failed (not a refusal: the database or the
   * lease). The core is now ahead of the store; the owner should give
   * routing up so that it is rebuilt from the store.
   */
  onWriteFailed?: (err: unknown) => void;
}

/**
 * The stateful shell around the pure ACD core (domain/acd): it feeds events
 * to `decide`, persists what the commands change, then pushes to desktops
 * and customers. Decisions are made one at a time (see SerialQueue), in
 * memory; their writes go to a group commit (see GroupCommit), which keeps
 * their order, and every public method resolves only once the writes it
 * decided committed ("durable before acknowledged"). So the serial section
 * holds no database round trip on the hot path: the next decision need not
 * wait for the last one's commit.
 */
export class RoutingService {
  private state: AcdState = createAcdState();
  private readonly serial = new SerialQueue();
  private readonly agentStates = new AgentStates();
  private readonly runner: CommandRunner;
  private readonly commits: GroupCommit;
  /** The commit of the writes of the serial job running now (see decided). */
  private jobCommit: Promise<void> | undefined;
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
    this.runner = new CommandRunner({
      ...deps,
      agentStates: this.agentStates,
      state: () => this.state,
      followUp: (event) => this.followUp(event),
    });
    this.commits = new GroupCommit(
      (writes) => deps.store.routingWrites.commit(writes),
      (err) => {
        deps.log.error({ err }, 'routing writes failed: the core is ahead of the store');
        deps.onWriteFailed?.(err);
      },
    );
  }

  /**
   * Loads settings and queues into the core, re-queues what was waiting or
   * ringing when the server stopped (in arrival order), and notes who held
   * assignments: those come back through agentLogin when their agent
   * connects, or are re-queued if the agent is not back within the grace period.
   */
  async recover(): Promise<{ requeued: number; assigned: number }> {
    return this.decided(async () => {
      const { settings, queues, overflowing } = await loadRoutingConfig(this.deps.store);
      this.state = createAcdState();
      this.applyLogged({ type: 'settingsChanged', settings });
      for (const queue of [...queues, ...overflowing]) this.applyLogged({ type: 'queueConfigChanged', queue });
      let requeued = 0;
      let assigned = 0;
      // Whatever rang when the last owner stopped rings no more: those interactions are re-queued below.
      await this.deps.store.offers.endAllOpen('recovery', iso(this.now()));
      for (const i of await this.deps.store.interactions.listOpen()) {
        if (i.state === 'offered') {
          await this.requeueRinging(i.id, iso(this.now()));
        }
        if (i.state === 'queued' || i.state === 'offered') {
          this.applyLogged(enqueueEvent(i));
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
    this.timer ??= setInterval(() => void this.decided(() => this.apply({ type: 'tick' })).catch((err: unknown) => this.deps.log.error({ err }, 'routing tick failed')), tickMs);
    this.timer.unref();
    if (this.orphanHolders.size > 0 && !this.orphanTimer) {
      this.orphanTimer = setTimeout(() => void this.requeueOrphans().catch((err: unknown) => this.deps.log.error({ err }, 'orphan re-queue failed')), this.state.settings.disconnectGraceSeconds * 1000);
      this.orphanTimer.unref();
    }
  }

  /** Stops the clocks and waits for the job in progress and the writes decided, so nothing touches the store after close. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.orphanTimer) clearTimeout(this.orphanTimer);
    this.timer = undefined;
    this.orphanTimer = undefined;
    await this.serial.run(() => Promise.resolve());
    await this.commits.idle();
  }

  enqueue(interaction: Interaction): Promise<void> {
    return this.decided(async () => {
      // Already in routing: the watchdog healed it between the caller's store write and this call (a chat in its
      // first moments), or a retry after a failover. Enqueued is what the caller wants; that is no error.
      if (this.whereIs(interaction.id)) return;
      let error = this.apply(enqueueEvent(interaction));
      if (error?.code === 'NOT_FOUND') {
        // A queue created after start: load its config and try once more.
        const queue = await this.deps.store.queueConfigs.get(interaction.queueId);
        if (queue) this.applyLogged({ type: 'queueConfigChanged', queue });
        error = this.apply(enqueueEvent(interaction));
      }
      if (error) throw toAppError(error);
    });
  }

  /**
   * A new interaction enters routing and the store together: its row (and
   * `created` event) is the first write of the decision that enqueues it, so
   * it commits with the offer made to a free agent, in one statement (see
   * routingBatchStatement.ts): one commit, not two, before a call rings. The
   * offer settles (pushed, rung) only after that commit, so nothing is
   * offered that is not stored. Resolves with the stored interaction; a
   * refused insert (CONFLICT: the channel reference is taken; NOT_FOUND: no
   * such queue) rejects, and routing forgets the interaction. Idempotent
   * while routing holds it.
   */
  async admit(input: NewInteraction, id: string, at: string): Promise<Interaction> {
    const interaction: Interaction = { id, channel: input.channel, state: 'queued', queueId: input.queueId, customer: input.customer, createdAt: at };
    let outcome: WriteOutcome | undefined;
    const insert: CommitItem = {
      write: { kind: 'createInteraction', id, interaction: input, at },
      settled: (o) => {
        outcome = o;
        // Not stored: the core must not keep routing it (its offer, if any, was refused as well).
        if (!o.ok) this.followUp({ type: 'customerLeft', interactionId: id });
      },
    };
    await this.decided(async () => {
      if (this.whereIs(id)) return;
      let error = this.apply(enqueueEvent(interaction), [insert]);
      if (error?.code === 'NOT_FOUND') {
        const queue = await this.deps.store.queueConfigs.get(interaction.queueId);
        if (queue) this.applyLogged({ type: 'queueConfigChanged', queue });
        error = this.apply(enqueueEvent(interaction), [insert]);
      }
      if (error) throw toAppError(error);
    });
    if (outcome && !outcome.ok) throw outcome.error;
    return interaction;
  }

  /** A socket of the agent connected: the first one logs the agent in (or back in) with their profile and held work. */
  agentConnected(agentId: string, socketId: string, resume = false): Promise<void> {
    return this.decided(async () => {
      const sockets = this.connections.get(agentId) ?? new Map<string, number>();
      this.connections.set(agentId, sockets);
      const first = sockets.size === 0;
      if (!sockets.has(socketId)) sockets.set(socketId, this.deps.clock.now());
      if (first) await this.logIn(agentId, resume);
    });
  }

  /** A socket of the agent closed: the last one starts the core's disconnect (offers withdrawn, grace period for assignments). */
  agentDisconnected(agentId: string, socketId: string): Promise<void> {
    return this.decided(() => {
      const sockets = this.connections.get(agentId);
      if (!sockets?.delete(socketId) || sockets.size > 0) return;
      this.connections.delete(agentId);
      this.applyLogged({ type: 'agentDisconnected', agentId });
      this.deps.notifier.agentOffline(agentId);
    });
  }

  /**
   * Drops sockets that no node has any more (their node died without telling
   * us). `present` is a census of every node's agent sockets taken at
   * `takenAt`; sockets we heard of after that are kept, since the census
   * could not see them.
   */
  reconcileSockets(present: ReadonlyMap<string, ReadonlySet<string>>, takenAt: number): Promise<number> {
    return this.decided(() => {
      let dropped = 0;
      for (const [agentId, sockets] of [...this.connections]) {
        for (const [socketId, heardAt] of [...sockets]) {
          if (heardAt >= takenAt || present.get(agentId)?.has(socketId)) continue;
          sockets.delete(socketId);
          dropped++;
        }
        if (sockets.size > 0) continue;
        this.connections.delete(agentId);
        this.applyLogged({ type: 'agentDisconnected', agentId });
        this.deps.notifier.agentOffline(agentId);
      }
      return dropped;
    });
  }

  /** What the agent chose: ready, or not ready with a reason code. */
  async setStatus(agentId: string, status: 'ready' | 'notReady', reasonCode?: string): Promise<AgentStateView> {
    const view = await this.decided(() => {
      const event: AcdEvent = status === 'ready' ? { type: 'agentSetStatus', agentId, status } : { type: 'agentSetStatus', agentId, status, reasonCode: reasonCode ?? '' };
      const error = this.apply(event);
      if (error) throw toAppError(error);
      return this.agentState(agentId);
    });
    // The choice may change without the derived status changing (e.g. during wrap-up): other tabs still need it.
    this.deps.notifier.agentState(agentId, view);
    return view;
  }

  agentState(agentId: string): AgentStateView {
    return this.agentStates.view(this.state, agentId, this.now());
  }

  /** Accepts an offer: the assignment is committed before this resolves. Idempotent while the assignment is open. */
  async accept(agentId: string, offerId: string): Promise<Interaction> {
    const interactionId = await this.decided(() => {
      const id = this.state.offers.get(offerId)?.interactionId ?? this.state.accepted.get(offerId);
      const error = this.apply({ type: 'offerAccepted', offerId, agentId });
      if (error) throw toAppError(error);
      return id;
    });
    const interaction = interactionId === undefined ? undefined : await this.deps.store.interactions.get(interactionId);
    if (interaction?.agentId !== agentId) throw new AppError('INVALID_STATE', 'offer could not be accepted');
    return interaction;
  }

  reject(agentId: string, offerId: string): Promise<void> {
    return this.decided(() => {
      const error = this.apply({ type: 'offerRejected', offerId, agentId });
      if (error) throw toAppError(error);
    });
  }

  /** The agent's own call becomes theirs without an offer; refused when it does not fit their capacity (see handlers/outbound.ts). */
  async placeOutbound(agentId: string, interaction: Interaction): Promise<Interaction> {
    await this.decided(() => {
      const error = this.apply({ type: 'outboundPlaced', interactionId: interaction.id, agentId, queueId: interaction.queueId, channel: interaction.channel });
      if (error) throw toAppError(error);
    });
    const after = await this.deps.store.interactions.get(interaction.id);
    if (after?.state !== 'assigned') throw new AppError('INVALID_STATE', 'the call could not be placed');
    return after;
  }

  /** Hands the agent's assigned interaction to another agent or queue; the store follows the core (see CommandRunner 'transferred'). */
  async transfer(agentId: string, interactionId: string, to: { agentId: string } | { queueId: string }): Promise<Interaction> {
    await this.decided(() => {
      const error = this.apply({ type: 'transfer', interactionId, agentId, to });
      if (error) throw toAppError(error);
    });
    const after = await this.deps.store.interactions.get(interactionId);
    if (!after) throw new AppError('NOT_FOUND', `interaction ${interactionId}`);
    return after;
  }

  /** An admin changed a queue, the settings or an agent's profile: the running core takes it at once. */
  configure(event: Extract<AcdEvent, { type: 'queueConfigChanged' | 'settingsChanged' | 'agentProfileChanged' }>): Promise<void> {
    return this.decided(() => {
      // A profile matters only to an agent the core knows; the next login reads it anyway.
      if (event.type === 'agentProfileChanged' && !this.state.agents.has(event.profile.userId)) return;
      const error = this.apply(event);
      if (error) throw toAppError(error);
    });
  }

  /**
   * Runs a store write and then tells the core what it means, so the core
   * never sees a state the store does not have yet. The write waits for the
   * routing writes already decided (so it sees, say, the offer it races) but
   * not inside the serial section: decisions go on meanwhile, and one that
   * meets the changed row is refused by the store's state check (see
   * CommandRunner.guarded). A refusal by the core is logged, not thrown: the
   * write stands (e.g. a wrap-up its timer already ended).
   */
  async afterWrite<T>(write: () => Promise<T>, event: (result: T) => AcdEvent | undefined): Promise<T> {
    await this.commits.idle();
    const result = await write();
    await this.decided(() => {
      const e = event(result);
      if (e) this.applyLogged(e);
    });
    return result;
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
    return this.decided(async () => {
      const gone = [...this.orphanHolders].filter((id) => !this.state.agents.has(id));
      this.orphanHolders.clear();
      if (gone.length === 0) return;
      await this.commits.idle();
      for (const i of await this.deps.store.interactions.listOpen()) {
        if (i.state === 'assigned' && i.agentId && gone.includes(i.agentId)) await this.requeueLost(i);
      }
    });
  }

  /**
   * The runtime watchdog: with routing held still and every decided write
   * committed, checks the core's invariants and that every open stored
   * interaction has a queue or an owner (see routingAudit.ts), and heals
   * what can be healed: an interaction in no queue goes back into routing,
   * one held by an agent routing does not know goes back to the queue as if
   * the agent was lost (the customer is told).
   */
  audit(): Promise<RoutingAudit> {
    return this.decided(async () => {
      await this.commits.idle();
      const audit = auditRouting(this.state, await this.deps.store.interactions.listOpen(), this.orphanHolders, this.now());
      const at = iso(this.now());
      for (const i of audit.unrouted) {
        this.applyLogged(enqueueEvent(i.state === 'offered' ? await this.unring(i, at) : i));
      }
      for (const i of audit.ownerless) await this.requeueLost(i);
      return audit;
    });
  }

  /** Rings nowhere any more: its open offers end and it is queued again. Inside a serial job. */
  private async unring(i: Interaction, at: string): Promise<Interaction> {
    for (const o of await this.deps.store.offers.ofInteraction(i.id)) if (o.endedAt === undefined) await this.deps.store.offers.end(o.offerId, { reason: 'recovery', at });
    return this.requeueRinging(i.id, at);
  }

  private requeueRinging(interactionId: string, at: string): Promise<Interaction> {
    return this.deps.store.interactions.transition(interactionId, { from: ['offered'], to: 'queued' }, { type: 'requeued', at, data: { reason: 'recovery' } });
  }

  /** An assignment whose agent is gone for good: back to its queue, the customer told. Inside a serial job. */
  private async requeueLost(i: Interaction): Promise<void> {
    const back = await this.deps.store.interactions.transition(
      i.id,
      { from: ['assigned'], to: 'queued', patch: { agentId: null, assignedAt: null } },
      { type: 'requeued', at: iso(this.now()), data: { reason: 'agentLost' } },
    );
    this.deps.notifier.interactionChanged(back);
    this.deps.notifier.customerNotice(i.id, 'agentLost');
    this.applyLogged(enqueueEvent(back));
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
      this.applyLogged({ type: 'agentProfileChanged', profile });
      this.applyLogged({ type: 'agentConnected', agentId });
      return;
    }
    // What the agent holds and last chose, as of every decision made so far.
    await this.commits.idle();
    this.orphanHolders.delete(agentId);
    const held = await this.deps.store.interactions.heldBy(agentId);
    const choice = resume ? await this.deps.store.agentStatus.lastChoice(agentId) : undefined;
    const status = choice?.status === 'ready' ? ({ status: 'ready' } as const) : ({ status: 'notReady', reasonCode: choice?.reasonCode ?? LOGIN_REASON } as const);
    const refused = this.apply({ type: 'agentLogin', profile, ...status, assigned: held.map(restoredAssignment) });
    if (refused) {
      // E.g. a capacity lowered below what the agent holds: log in without them rather than not at all.
      this.deps.log.warn({ agentId, error: refused }, 'held interactions not restored to routing');
      const again = this.apply({ type: 'agentLogin', profile, ...status });
      if (again) throw toAppError(again);
      return;
    }
    // Interactions already ended before the restart restart their wrap-up.
    for (const i of held.filter((h) => h.state === 'wrapUp')) this.applyLogged({ type: 'interactionEnded', interactionId: i.id, agentId });
  }

  /**
   * Runs `job` in the serial section; resolves with its result once the
   * writes it decided have committed, or rejects with their failure. A job
   * that decided nothing waits for the writes already in flight, so its
   * caller never reads a store behind the core (e.g. an accept repeated while
   * the first one commits).
   */
  private async decided<T>(job: () => T | Promise<T>): Promise<T> {
    let commit: Promise<void> | undefined;
    const result = await this.serial.run(async () => {
      this.jobCommit = undefined;
      try {
        return await job();
      } finally {
        commit = this.jobCommit;
        this.jobCommit = undefined;
      }
    });
    await (commit ?? this.commits.idle());
    return result;
  }

  /** An event for the core in a decision of its own, later (e.g. the store refused a write the last one made). */
  private followUp(event: AcdEvent): void {
    void this.decided(() => this.applyLogged(event)).catch((err: unknown) => this.deps.log.error({ err }, 'routing follow-up failed'));
  }

  private applyLogged(event: AcdEvent): void {
    const error = this.apply(event);
    if (error) this.deps.log.warn({ event: event.type, error }, 'routing event refused');
  }

  /**
   * Feeds one event to the core and hands the writes and pushes its commands
   * call for (after `leading`, a write the event stands on) to the group
   * commit (they settle once committed). Returns the
   * core's refusal, if any; the state is then unchanged. Only inside a
   * serial job (see decided).
   */
  private apply(event: AcdEvent, leading: readonly CommitItem[] = []): AcdError | undefined {
    const now = this.now();
    const decision = decide(this.state, event, now, { newId: this.deps.newId ?? randomUUID });
    // `leading` goes first in the same batch, and only with an accepted event.
    const items = [...(decision.error ? [] : leading), ...decision.commands.flatMap((command) => this.runner.plan(command))];
    if (!decision.error) this.deps.observer?.(event, decision.commands, this.state, now);
    if (items.length > 0) this.jobCommit = this.commits.submit(items);
    return decision.error;
  }

  /** The core needs time that never goes backwards. */
  private now(): number {
    this.lastNow = Math.max(this.lastNow, this.deps.clock.now());
    return this.lastNow;
  }
}

const toAppError = (e: AcdError): AppError => new AppError(e.code, e.message);
