import { AppError, type Interaction, type TransferTargets } from '@omnicc/shared';
import { iso, type Clock } from '../../clock.js';
import { skilledQueueIds, transferCandidates } from '../../domain/acd/index.js';
import type { Store } from '../../store/Store.js';
import type { MetricsFeed } from '../supervisor/metricsFeed.js';
import { queueSnapshots } from '../supervisor/queueSnapshots.js';
import { profileOf } from './acdInputs.js';
import type { ConfigChange, RoutingCallArgs, RoutingHandlers } from './routingCalls.js';
import type { RoutingService } from './routingService.js';
import { mustGetInteraction, ownedInteraction } from '../interactions/interactionLookup.js';

export interface RoutingOwnerDeps {
  /** The fenced store: every routing write checks that this node still holds the lease. */
  store: Store;
  /** Told when an agent ended an interaction (channels end what still runs, e.g. a call). */
  onEnded?: (interaction: Interaction) => void;
  routing: RoutingService;
  feed: MetricsFeed;
  clock: Clock;
}

/**
 * Runs routing calls on the node that holds the routing lease: each use case
 * checks its input against the store, writes, and tells the ACD core in one
 * serial job (RoutingService.afterWrite), so no other decision interleaves.
 * Idempotent where a caller may retry after a failover (enqueue, end).
 */
export class RoutingOwner {
  readonly handlers: RoutingHandlers;

  constructor(private readonly deps: RoutingOwnerDeps) {
    const { routing } = deps;
    this.handlers = {
      enqueue: (a) => this.enqueue(a.interactionId, a.created),
      admit: (a) => this.admit(a),
      agentConnected: async (a) => (await routing.agentConnected(a.agentId, a.socketId, a.resume), null),
      agentDisconnected: async (a) => (await routing.agentDisconnected(a.agentId, a.socketId), null),
      setStatus: (a) => routing.setStatus(a.agentId, a.status, a.reasonCode),
      agentSnapshot: async (a) => ({ state: routing.agentState(a.agentId), offers: await routing.offersFor(a.agentId) }),
      accept: (a) => routing.accept(a.agentId, a.offerId),
      reject: async (a) => (await routing.reject(a.agentId, a.offerId), null),
      endInteraction: (a) => this.endInteraction(a),
      wrapUp: (a) => this.wrapUp(a),
      customerLeave: (a) => this.customerLeave(a.interactionId),
      transfer: (a) => this.transfer(a),
      placeOutbound: (a) => this.placeOutbound(a),
      transferTargets: (a) => this.transferTargets(a),
      supervisorSnapshot: async () => queueSnapshots(await deps.store.queues.list(), routing, deps.feed, deps.clock.now()),
      configChanged: async (change) => (await this.configChanged(change), null),
    };
  }

  private async enqueue(interactionId: string, created?: Interaction): Promise<null> {
    const i = created?.id === interactionId ? created : await this.mustGet(interactionId);
    // A retry after a failover: the new owner already recovered it from the store.
    if (this.deps.routing.whereIs(interactionId)) return null;
    if (i.state !== 'queued') throw new AppError('INVALID_STATE', `interaction is ${i.state}, not queued`);
    await this.deps.routing.enqueue(i);
    return null;
  }

  private admit({ id, at, interaction: { channel, queueId, customer, channelRef } }: RoutingCallArgs<'admit'>): Promise<Interaction> {
    const { name, phone, email } = customer;
    const contact = { name, ...(phone === undefined ? {} : { phone }), ...(email === undefined ? {} : { email }) };
    return this.deps.routing.admit({ channel, queueId, customer: contact, ...(channelRef === undefined ? {} : { channelRef }) }, id, at);
  }

  /** The agent ends the conversation; the core starts the agent's wrap-up timer. */
  private async endInteraction({ agentId, interactionId }: RoutingCallArgs<'endInteraction'>): Promise<Interaction> {
    const i = await this.owned(agentId, interactionId);
    if (i.state === 'wrapUp') return i; // already ended (a retried call)
    const at = this.now();
    const ended = await this.deps.routing.afterWrite(
      () => this.deps.store.interactions.transition(interactionId, { from: ['assigned'], to: 'wrapUp', patch: { endedAt: at } }, { type: 'ended', at, actorId: agentId, data: { by: 'agent' } }),
      () => ({ type: 'interactionEnded', interactionId, agentId }),
    );
    this.deps.onEnded?.(ended);
    return ended;
  }

  private async wrapUp({ agentId, interactionId, dispositionCode, note }: RoutingCallArgs<'wrapUp'>): Promise<Interaction> {
    await this.owned(agentId, interactionId);
    if (!(await this.deps.store.dispositions.get(dispositionCode))) throw new AppError('BAD_REQUEST', 'unknown disposition code');
    // The wrap-up may already have ended by its timer: the core then refuses wrapUpDone, which is fine.
    return this.deps.routing.afterWrite(
      () =>
        this.deps.store.interactions.transition(
          interactionId,
          { from: ['wrapUp'], to: 'closed', patch: { dispositionCode, wrapUpNote: note } },
          { type: 'wrappedUp', at: this.now(), actorId: agentId, data: { dispositionCode } },
        ),
      () => ({ type: 'wrapUpDone', agentId, interactionId }),
    );
  }

  /** The customer left: abandoned if no agent had it yet, else it goes to the agent's wrap-up. Null when it had ended already. */
  private customerLeave(interactionId: string): Promise<Interaction | null> {
    return this.deps.routing.afterWrite(
      async () => {
        const i = await this.mustGet(interactionId);
        const at = this.now();
        if (i.state === 'queued' || i.state === 'offered') {
          return this.deps.store.interactions.transition(i.id, { from: ['queued', 'offered'], to: 'abandoned', patch: { endedAt: at } }, { type: 'abandoned', at });
        }
        if (i.state === 'assigned') {
          return this.deps.store.interactions.transition(i.id, { from: ['assigned'], to: 'wrapUp', patch: { endedAt: at } }, { type: 'ended', at, data: { by: 'customer' } });
        }
        return null;
      },
      (changed) => (changed ? { type: 'customerLeft', interactionId } : undefined),
    );
  }

  /** An agent's own call: refused (and closed, so recovery never routes it) when it does not fit their capacity. */
  private async placeOutbound({ agentId, interactionId }: RoutingCallArgs<'placeOutbound'>): Promise<Interaction> {
    const i = await this.mustGet(interactionId);
    if (i.state === 'assigned' && i.agentId === agentId) return i; // a retried call
    if (i.state !== 'queued' || i.channel !== 'voice') throw new AppError('INVALID_STATE', `interaction is ${i.state}, not a new call`);
    try {
      return await this.deps.routing.placeOutbound(agentId, i);
    } catch (err) {
      const at = this.now();
      await this.deps.store.interactions.transition(interactionId, { from: ['queued'], to: 'closed', patch: { endedAt: at } }, { type: 'refused', at, actorId: agentId, data: { reason: err instanceof AppError ? err.code : 'INTERNAL' } });
      throw err;
    }
  }

  /** To an agent, or to a queue the sender may see (their team's queues and the queues they are skilled for). */
  private async transfer({ agentId, interactionId, to }: RoutingCallArgs<'transfer'>): Promise<Interaction> {
    const i = await this.owned(agentId, interactionId);
    if ('queueId' in to) {
      const queue = await this.deps.store.queues.get(to.queueId);
      if (!queue) throw new AppError('NOT_FOUND', `unknown queue ${to.queueId}`);
      if (!(await this.visibleQueueIds(agentId)).has(queue.id)) throw new AppError('FORBIDDEN', `queue ${queue.id} is not one of yours`);
      if (queue.channel !== i.channel) throw new AppError('BAD_REQUEST', `queue ${queue.id} takes ${queue.channel}, not ${i.channel}`);
    }
    return this.deps.routing.transfer(agentId, interactionId, to);
  }

  private async transferTargets({ agentId, interactionId }: RoutingCallArgs<'transferTargets'>): Promise<TransferTargets> {
    const i = await this.owned(agentId, interactionId);
    const visible = await this.visibleQueueIds(agentId);
    const now = this.deps.clock.now();
    const queues = (await this.deps.store.queues.list())
      .filter((q) => visible.has(q.id) && q.channel === i.channel)
      .map((q) => ({ queueId: q.id, nameEn: q.nameEn, nameZh: q.nameZh, waiting: this.deps.feed.snapshot(q.id, now).waiting }));
    const candidates = transferCandidates(this.deps.routing.view(), i.channel, agentId);
    const names = await this.deps.store.users.displayNames(candidates.map((c) => c.agentId));
    const agents = candidates.flatMap((c) => {
      const displayName = names.get(c.agentId);
      return displayName === undefined ? [] : [{ ...c, displayName }];
    });
    agents.sort((a, b) => Number(b.available) - Number(a.available) || a.displayName.localeCompare(b.displayName));
    return { queues, agents };
  }

  private async visibleQueueIds(agentId: string): Promise<Set<string>> {
    const visible = new Set(skilledQueueIds(this.deps.routing.view(), agentId));
    const { teamId } = await profileOf(this.deps.store, agentId);
    const team = teamId === undefined ? undefined : await this.deps.store.teams.get(teamId);
    for (const q of team?.queueIds ?? []) visible.add(q);
    return visible;
  }

  /** Reloads what an admin changed into the running core (a deleted queue or agent simply stops being offered work). */
  private async configChanged(change: ConfigChange): Promise<void> {
    const { store, routing } = this.deps;
    if (change.kind === 'settings') return routing.configure({ type: 'settingsChanged', settings: await store.routingSettings.get() });
    if (change.kind === 'agent') {
      const profile = await store.agents.profile(change.agentId);
      if (profile) await routing.configure({ type: 'agentProfileChanged', profile });
      return;
    }
    const queue = await store.queueConfigs.get(change.queueId);
    // The metrics feed takes the new service-level target from the same event (it observes the core).
    if (queue) await routing.configure({ type: 'queueConfigChanged', queue });
  }

  private owned(agentId: string, interactionId: string): Promise<Interaction> {
    return ownedInteraction(this.deps.store, agentId, interactionId);
  }

  private mustGet(id: string): Promise<Interaction> {
    return mustGetInteraction(this.deps.store, id);
  }

  private now(): string {
    return iso(this.deps.clock.now());
  }
}
