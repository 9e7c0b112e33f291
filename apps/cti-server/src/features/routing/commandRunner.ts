import { AppError } from '@omnicc/shared';
import type { Logger } from 'pino';
import { iso, type Clock } from '../../clock.js';
import type { AcdCommand, AcdEvent, AcdState } from '../../domain/acd/index.js';
import type { Store } from '../../store/Store.js';
import { shownReason, type AgentStates } from '../agents/agentStates.js';
import type { RoutingNotifier } from './notifier.js';

export interface CommandRunnerDeps {
  store: Store;
  clock: Clock;
  notifier: RoutingNotifier;
  log: Logger;
  agentStates: AgentStates;
  state: () => AcdState;
}

/** What one decision left to do after its writes: pushes, and events to feed back to the core. */
export interface Aftermath {
  pushes: (() => void)[];
  followUps: AcdEvent[];
}

/**
 * Turns the ACD core's commands into store writes, and into pushes that run
 * only after every write of the decision committed ("durable before pushed").
 */
export class CommandRunner {
  constructor(private readonly deps: CommandRunnerDeps) {}

  async run(command: AcdCommand, after: Aftermath): Promise<void> {
    const { store, notifier } = this.deps;
    const at = iso(command.type === 'offer' ? this.deps.clock.now() : command.at);
    switch (command.type) {
      case 'offer': {
        const { offerId, interactionId, agentId, queueId, explain } = command;
        // The offer row (with why it went to this agent) and the interaction's move to `offered` commit together.
        const interaction = await this.guard(interactionId, after, () => store.offers.open({ offerId, interactionId, agentId, queueId, offeredAt: at, expiresAt: iso(command.expiresAt), explain }));
        if (!interaction) return;
        after.pushes.push(() => notifier.offerCreated(agentId, { offerId, interaction, expiresAt: iso(command.expiresAt) }));
        return;
      }
      case 'offerEnded': {
        const { offerId, interactionId, agentId, reason } = command;
        // Returned offers put the interaction back in the queue in the same transaction.
        const requeue = reason === 'rejected' || reason === 'timeout' || reason === 'withdrawn';
        const back = await store.offers.end(offerId, { reason, at, requeue });
        if (!back) this.deps.log.warn({ offerId, interactionId, reason }, 'offer already ended in the store');
        if (back && requeue && back.state === 'queued') after.pushes.push(() => notifier.interactionChanged(back));
        after.pushes.push(() => notifier.offerEnded(agentId, { offerId, interactionId, reason }));
        return;
      }
      case 'assigned': {
        const { interactionId, agentId, offerId } = command;
        const assigned = await this.guard(interactionId, after, () =>
          store.interactions.transition(interactionId, { from: ['offered'], to: 'assigned', patch: { agentId, assignedAt: at } }, { type: 'assigned', at, actorId: agentId, data: { offerId } }),
        );
        if (assigned) after.pushes.push(() => notifier.interactionChanged(assigned));
        return;
      }
      case 'requeued':
        // Returned offers were persisted with their offerEnded; only a lost agent's assignment is left.
        if (command.reason === 'agentLost') await this.requeueLost(command.interactionId, at, after);
        return;
      case 'customerNotice':
        after.pushes.push(() => notifier.customerNotice(command.interactionId, command.reason));
        return;
      case 'overflowed':
      case 'maxWaitReached': {
        // Kept in the interaction's history for the reports; the state does not change.
        const { type, interactionId, ...data } = command;
        await this.guard(interactionId, after, () => store.interactions.transition(interactionId, { from: ['queued'], to: 'queued' }, { type, at, data }), false);
        return;
      }
      case 'agentStateChanged': {
        const { agentId, status, reasonCode } = command;
        await store.agentStatus.record(agentId, status, shownReason(reasonCode), at);
        this.deps.agentStates.changed(agentId, command.at);
        const view = this.deps.agentStates.view(this.deps.state(), agentId, command.at);
        after.pushes.push(() => notifier.agentState(agentId, view));
        return;
      }
      case 'agentAutoNotReady':
        // The desktop learns it from the agentStateChanged (notReady, missedOffer) of the same decision; supervisors get an alert.
        this.deps.log.info({ agentId: command.agentId, missedOffers: command.missedOffers }, 'agent set not ready after missed offers');
        after.pushes.push(() => notifier.agentAutoNotReady(command.agentId, command.missedOffers, at));
        return;
      case 'transferred':
        await this.transferred(command, at, after);
        return;
      case 'abandoned':
      case 'ended':
      case 'wrapUpEnded':
        // The routing owner persisted these before telling the core (or, for wrap-up, nothing is stored).
        return;
    }
  }

  /**
   * The interaction leaves its agent: back to `queued` (in the target queue
   * for a queue transfer) so that the offer or queue placement the core
   * decided next applies to the stored row as to any queued one.
   */
  private async transferred(command: Extract<AcdCommand, { type: 'transferred' }>, at: string, after: Aftermath): Promise<void> {
    const { store, notifier } = this.deps;
    const { interactionId, fromAgentId, to } = command;
    const patch = { agentId: null, assignedAt: null, ...('queueId' in to ? { queueId: to.queueId } : {}) };
    const moved = await this.guard(interactionId, after, () =>
      store.interactions.transition(interactionId, { from: ['assigned'], to: 'queued', patch }, { type: 'transferred', at, actorId: fromAgentId, data: { to } }),
    );
    if (moved) after.pushes.push(() => notifier.interactionLeft(fromAgentId, moved));
  }

  private async requeueLost(interactionId: string, at: string, after: Aftermath): Promise<void> {
    const { store, notifier } = this.deps;
    const back = await this.guard(interactionId, after, () =>
      store.interactions.transition(interactionId, { from: ['assigned'], to: 'queued', patch: { agentId: null, assignedAt: null } }, { type: 'requeued', at, data: { reason: 'agentLost' } }),
    );
    if (back) after.pushes.push(() => notifier.interactionChanged(back));
  }

  /**
   * Runs a write the core's command needs. When the stored interaction has
   * moved on (e.g. finished by a path that bypassed the core), the core is
   * told the customer left, so it forgets the interaction instead of routing
   * a ghost.
   */
  private async guard<T>(interactionId: string, after: Aftermath, write: () => Promise<T>, forget = true): Promise<T | undefined> {
    try {
      return await write();
    } catch (err) {
      // Only a refusal by the store's state check means "moved on"; anything else (database down) is a real failure.
      if (!(err instanceof AppError) || (err.code !== 'INVALID_STATE' && err.code !== 'NOT_FOUND')) throw err;
      this.deps.log.warn({ err, interactionId }, 'routing write refused by the stored state');
      if (forget) after.followUps.push({ type: 'customerLeft', interactionId });
      return undefined;
    }
  }
}
