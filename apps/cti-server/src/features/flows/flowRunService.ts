import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError, type FlowRunView, type Interaction, type Tier } from '@omnicc/shared';
import type { FlowCatalog, FlowContextValues, FlowDocument, RunEvent } from '@omnicc/flows';
import { iso, type Clock } from '../../clock.js';
import type { FlowStore, StoredRun } from '../../store/FlowStore.js';
import type { Store } from '../../store/Store.js';
import type { FlowEffects } from './flowEffects.js';
import type { CompiledFlowRef, FlowEngine } from './flowEngine.js';
import { runView } from './flowRunView.js';

export interface FlowRunServiceDeps {
  store: Store;
  flows: FlowStore;
  engine: FlowEngine;
  catalog: () => Promise<FlowCatalog>;
  effects: FlowEffects;
  clock: Clock;
  log: Logger;
  /** The operator's time zone: the `today` a flow reads. */
  timeZone: string;
  /** The tier of the interaction's customer (identity resolution), for the `customer.tier` context field; undefined when unknown. */
  customerTier?: (interaction: Interaction) => Promise<Tier | undefined>;
  /** Pushes a run's new state to the agent's desktops (`flow:run`); best effort. */
  push?: (agentId: string, view: FlowRunView) => void;
  /** A run ended at a transfer node: hands the interaction to that queue (routing's transfer, with its own checks). */
  transfer?: (agentId: string, interactionId: string, queueId: string) => Promise<unknown>;
  /** How long an effect may stay out before the sweep performs it again (a crash between persisting and answering). */
  effectRetryMs?: number;
}

/** A version compiled once per process: versions never change. */
interface Loaded {
  compiled: CompiledFlowRef;
  doc: FlowDocument;
}

/** Effects performed one after another at most this many times per event (a flow of effects only is a loop the validator should have caught). */
const MAX_EFFECTS_PER_EVENT = 50;

/**
 * Runs the bound flow of an accepted interaction (docs/flows.md, "Server").
 * The run's state lives in flow_runs: every change is saved with a guard on
 * its step count before anyone is told, so any node can advance a run, a
 * restart resumes at the same step, and two tabs never both advance it.
 * Effects (messages, add-ins, work orders) are performed here, between a
 * save that records the request and a save that records the result.
 */
export class FlowRunService {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: FlowRunServiceDeps) {}

  /** An agent accepted the interaction: starts its bound flow in the background. Never fails or delays the accept. */
  accepted(interaction: Interaction): void {
    void this.startFor(interaction).catch((err: unknown) => this.deps.log.warn({ err, interactionId: interaction.id }, 'flow: could not start the bound flow'));
  }

  /** Starts the live version of the best-matching bound flow; undefined when none is bound or live. Idempotent per interaction and flow. */
  async startFor(interaction: Interaction): Promise<StoredRun | undefined> {
    const { flows, engine } = this.deps;
    const interactionType = (await this.deps.store.interactions.events(interaction.id)).some((e) => e.type === 'transferred') ? 'transferred' : 'inbound';
    for (const binding of await flows.bindings.match({ queueId: interaction.queueId, channel: interaction.channel, interactionType })) {
      const live = await flows.flows.live(binding.flowKey);
      if (!live) continue;
      const { compiled } = await this.load(live.key, live.version, live.document);
      const runId = randomUUID();
      const now = iso(this.deps.clock.now());
      const state = engine.startRun(compiled, { runId, context: await this.contextOf(interaction), now });
      const { run, created } = await flows.runs.start({ runId, interactionId: interaction.id, flowKey: live.key, version: live.version, ...(interaction.agentId ? { agentId: interaction.agentId } : {}), state, at: now });
      if (created) {
        this.deps.log.info({ interactionId: interaction.id, flow: live.key, version: live.version, runId }, 'flow: run started');
        await this.afterSave(run);
        return this.settle(run);
      }
      return run;
    }
    return undefined;
  }

  /** The interaction's latest run as the side panel shows it; NOT_FOUND when no flow ran. */
  async view(interactionId: string): Promise<FlowRunView> {
    const run = await this.deps.flows.runs.latestFor(interactionId);
    if (!run) throw new AppError('NOT_FOUND', 'no flow runs for this interaction');
    return this.viewOf(run);
  }

  /**
   * What the agent did at the node the run waits at. UNPROCESSABLE (details:
   * the runtime's code and field errors) when the run refuses it, state
   * unchanged; CONFLICT when another tab moved the run on first.
   */
  async agentEvent(interactionId: string, event: RunEvent, stepCount?: number): Promise<FlowRunView> {
    const run = await this.deps.flows.runs.latestFor(interactionId);
    if (!run) throw new AppError('NOT_FOUND', 'no flow runs for this interaction');
    if (stepCount !== undefined && stepCount !== run.stepCount) throw new AppError('CONFLICT', `the flow moved on (${run.stepCount} steps, not ${stepCount}): reload it`);
    const next = await this.advance(run, event);
    return this.viewOf(await this.settle(next));
  }

  /** The customer wrote on the interaction: runs waiting for a reply take it, in the background. */
  replied(interactionId: string, text: string): void {
    void this.customerMessage(interactionId, text).catch((err: unknown) => this.deps.log.warn({ err, interactionId }, 'flow: a reply was not taken'));
  }

  /** The customer wrote on the interaction (chat, SMS, email): runs waiting for a reply take it. */
  async customerMessage(interactionId: string, text: string): Promise<void> {
    for (const run of await this.deps.flows.runs.waitingForReply(interactionId)) {
      const nodeId = run.state.waiting?.nodeId;
      if (nodeId === undefined) continue;
      await this.advance(run, { type: 'reply', nodeId, text })
        .then((next) => this.settle(next))
        .catch((err: unknown) => this.quietly(err, run, 'reply'));
    }
  }

  /** Waits for a reply past their deadline time out; effects left out (a crash) are performed again. The routing owner runs it. */
  async sweep(): Promise<void> {
    const now = this.deps.clock.now();
    for (const run of await this.deps.flows.runs.replyDeadlinesDue(iso(now), 100)) {
      const nodeId = run.state.waiting?.nodeId;
      if (nodeId === undefined) continue;
      await this.advance(run, { type: 'timeout', nodeId })
        .then((next) => this.settle(next))
        .catch((err: unknown) => this.quietly(err, run, 'timeout'));
    }
    const retryBefore = now - (this.deps.effectRetryMs ?? 30_000);
    for (const run of await this.deps.flows.runs.effectsPending(100)) {
      if (Date.parse(run.updatedAt) > retryBefore) continue;
      await this.settle(run).catch((err: unknown) => this.quietly(err, run, 'effect'));
    }
  }

  /** Sweeps now and then every `everyMs` (on the routing owner, from takeover to give-up). */
  startSweeping(everyMs = 2_000): void {
    if (this.sweepTimer) return;
    const tick = () => void this.sweep().catch((err: unknown) => this.deps.log.error({ err }, 'flow: sweep failed'));
    tick();
    this.sweepTimer = setInterval(tick, everyMs);
    this.sweepTimer.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  /** Applies one event and saves the result (guarded by the step count); pushes the new state. */
  private async advance(run: StoredRun, event: RunEvent): Promise<StoredRun> {
    const { compiled } = await this.load(run.flowKey, run.version);
    const result = this.deps.engine.sendEvent(compiled, run.state, event, iso(this.deps.clock.now()));
    if (!result.ok) {
      const passed = run.state.steps.some((s) => s.nodeId === event.nodeId && s.port !== undefined);
      if (result.error.code === 'wrong-node' && passed) throw new AppError('CONFLICT', 'the flow already left that step (another tab?): reload it');
      throw new AppError('UNPROCESSABLE', result.error.message.en, result.error);
    }
    const saved = await this.deps.flows.runs.save(run.runId, run.stepCount, result.state, iso(this.deps.clock.now()));
    await this.afterSave(saved);
    return saved;
  }

  /** Performs the effects the run waits on, one by one, each result saved before the next. */
  private async settle(run: StoredRun): Promise<StoredRun> {
    let current = run;
    for (let i = 0; i < MAX_EFFECTS_PER_EVENT; i++) {
      const waiting = current.state.status === 'waiting' ? current.state.waiting : undefined;
      if (waiting?.kind !== 'effect') return current;
      const interaction = await this.deps.store.interactions.get(current.interactionId);
      if (!interaction) return current;
      const result = await this.deps.effects.perform(waiting.request, interaction);
      current = await this.advance(current, { type: 'effectResult', nodeId: waiting.nodeId, result });
    }
    this.deps.log.warn({ runId: run.runId }, `flow: more than ${MAX_EFFECTS_PER_EVENT} effects in a row; the sweep goes on later`);
    return current;
  }

  /**
   * After a save that this caller won: the push, and the transfer a run
   * ended with (only the save that ended it gets here, so it is asked for
   * once). A refused transfer (a queue the agent may not send to) is logged;
   * the run stays ended.
   */
  private async afterSave(run: StoredRun): Promise<void> {
    await this.told(run);
    const outcome = run.state.outcome;
    if (run.status !== 'finished' || outcome?.kind !== 'transferred' || !this.deps.transfer) return;
    const interaction = await this.deps.store.interactions.get(run.interactionId);
    if (!interaction?.agentId || interaction.state !== 'assigned') return;
    await this.deps.transfer(interaction.agentId, interaction.id, outcome.queueId).catch((err: unknown) => this.deps.log.warn({ err, runId: run.runId, queueId: outcome.queueId }, 'flow: the transfer it ended with was refused'));
  }

  private async told(run: StoredRun): Promise<void> {
    const agentId = (await this.deps.store.interactions.get(run.interactionId))?.agentId ?? run.agentId;
    if (agentId && this.deps.push) this.deps.push(agentId, await this.viewOf(run));
  }

  private async viewOf(run: StoredRun): Promise<FlowRunView> {
    const { doc } = await this.load(run.flowKey, run.version);
    return runView(run, doc);
  }

  /** Compiles a version once; its document read from the store unless given. */
  private load(key: string, version: number, document?: FlowDocument): Promise<Loaded> {
    const id = `${key}@${version}`;
    let loaded = this.loaded.get(id);
    if (!loaded) {
      loaded = (async () => {
        const doc = document ?? (await this.deps.flows.flows.version(key, version))?.document;
        if (!doc) throw new AppError('NOT_FOUND', `flow ${key} has no version ${version}`);
        return { compiled: this.deps.engine.compile(doc, await this.deps.catalog()), doc };
      })();
      // A failed load (database, a flow that no longer compiles) is tried again next time.
      loaded.catch(() => this.loaded.delete(id));
      this.loaded.set(id, loaded);
    }
    return loaded;
  }

  private async contextOf(i: Interaction): Promise<FlowContextValues> {
    const agent = i.agentId ? await this.deps.store.users.findById(i.agentId) : undefined;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: this.deps.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(this.deps.clock.now());
    return {
      'interaction.id': i.id,
      'interaction.channel': i.channel,
      'interaction.queueId': i.queueId,
      'customer.name': i.customer.name,
      'customer.phone': i.customer.phone ?? null,
      'customer.email': i.customer.email ?? null,
      // A failed lookup starts the flow with an unknown tier rather than not at all.
      'customer.tier': (await this.deps.customerTier?.(i).catch(() => undefined)) ?? null,
      'agent.name': agent?.displayName ?? null,
      today,
    };
  }

  /** A run that could not take a reply, a time-out or an effect now: a lost race is normal, the rest is logged. */
  private quietly(err: unknown, run: StoredRun, what: string): void {
    if (err instanceof AppError && err.code === 'CONFLICT') return;
    this.deps.log.warn({ err, runId: run.runId, what }, 'flow: run did not advance');
  }
}
