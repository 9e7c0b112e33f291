import type { Interaction } from '@omnicc/shared';
import type { Logger } from 'pino';
import { iso, type Clock } from '../../clock.js';
import type { AcdCommand, AcdEvent, AcdState } from '../../domain/acd/index.js';
import type { InteractionChange, InteractionEvent } from '../../store/Store.js';
import { shownReason, type AgentStates } from '../agents/agentStates.js';
import type { CommitItem, WriteOutcome } from './groupCommit.js';
import type { RoutingNotifier } from './notifier.js';

export interface CommandRunnerDeps {
  clock: Clock;
  notifier: RoutingNotifier;
  log: Logger;
  agentStates: AgentStates;
  state: () => AcdState;
  /** An event to feed back to the core later, in its own decision (e.g. the store refused a write). */
  followUp: (event: AcdEvent) => void;
}

/**
 * Turns the ACD core's commands into store writes and the pushes that follow
 * them. Nothing runs here: the items go to the group commit, which settles
 * them only after their batch committed ("durable before pushed").
 */
export class CommandRunner {
  constructor(private readonly deps: CommandRunnerDeps) {}

  plan(command: AcdCommand): CommitItem[] {
    const { notifier } = this.deps;
    const at = iso(command.type === 'offer' ? this.deps.clock.now() : command.at);
    switch (command.type) {
      case 'offer': {
        const { offerId, interactionId, agentId, queueId, explain } = command;
        const expiresAt = iso(command.expiresAt);
        // The offer row (with why it went to this agent) and the interaction's move to `offered` commit together.
        return [
          this.guarded(interactionId, { kind: 'openOffer', offer: { offerId, interactionId, agentId, queueId, offeredAt: at, expiresAt, explain } }, (interaction) =>
            notifier.offerCreated(agentId, { offerId, interaction, expiresAt }),
          ),
        ];
      }
      case 'offerEnded': {
        const { offerId, interactionId, agentId, reason } = command;
        // Returned offers put the interaction back in the queue in the same transaction.
        const requeue = reason === 'rejected' || reason === 'timeout' || reason === 'withdrawn';
        const write = { kind: 'endOffer', offerId, interactionId, end: { reason, at, requeue } } as const;
        return [
          {
            write,
            settled: (outcome) => {
              const back = outcome.ok ? outcome.value : undefined;
              if (!back) this.deps.log.warn({ offerId, interactionId, reason }, 'offer already ended in the store');
              if (back && requeue && back.state === 'queued') notifier.interactionChanged(back);
              notifier.offerEnded(agentId, { offerId, interactionId, reason });
            },
          },
        ];
      }
      case 'assigned': {
        const { interactionId, agentId, offerId } = command;
        const change = { from: ['offered'], to: 'assigned', patch: { agentId, assignedAt: at } } as const;
        return [this.transition(interactionId, change, { type: 'assigned', at, actorId: agentId, data: { offerId } }, (i) => notifier.interactionChanged(i))];
      }
      case 'outboundPlaced': {
        const { interactionId, agentId } = command;
        const change = { from: ['queued'], to: 'assigned', patch: { agentId, assignedAt: at } } as const;
        return [this.transition(interactionId, change, { type: 'placed', at, actorId: agentId }, (i) => notifier.interactionChanged(i))];
      }
      case 'requeued': {
        // Returned offers were persisted with their offerEnded; only a lost agent's assignment is left.
        if (command.reason !== 'agentLost') return [];
        const change = { from: ['assigned'], to: 'queued', patch: { agentId: null, assignedAt: null } } as const;
        return [this.transition(command.interactionId, change, { type: 'requeued', at, data: { reason: 'agentLost' } }, (i) => notifier.interactionChanged(i))];
      }
      case 'customerNotice':
        return [this.pushOnly(() => notifier.customerNotice(command.interactionId, command.reason))];
      case 'overflowed':
      case 'maxWaitReached': {
        // Kept in the interaction's history for the reports; the state does not change.
        const { type, interactionId, ...data } = command;
        const then = type === 'maxWaitReached' ? (i: Interaction) => notifier.maxWaitReached(i) : () => undefined;
        return [this.transition(interactionId, { from: ['queued'], to: 'queued' }, { type, at, data }, then, false)];
      }
      case 'agentStateChanged': {
        const { agentId, status, reasonCode } = command;
        this.deps.agentStates.changed(agentId, command.at);
        const view = this.deps.agentStates.view(this.deps.state(), agentId, command.at);
        return [{ write: { kind: 'recordStatus', agentId, status, reasonCode: shownReason(reasonCode), at }, settled: () => notifier.agentState(agentId, view) }];
      }
      case 'agentAutoNotReady':
        // The desktop learns it from the agentStateChanged (notReady, missedOffer) of the same decision; supervisors get an alert.
        this.deps.log.info({ agentId: command.agentId, missedOffers: command.missedOffers }, 'agent set not ready after missed offers');
        return [this.pushOnly(() => notifier.agentAutoNotReady(command.agentId, command.missedOffers, at))];
      case 'transferred': {
        // Back to `queued` (in the target queue for a queue transfer), so the offer or placement the core decided next applies as to any queued row.
        const { interactionId, fromAgentId, to } = command;
        const patch = { agentId: null, assignedAt: null, ...('queueId' in to ? { queueId: to.queueId } : {}) };
        return [this.transition(interactionId, { from: ['assigned'], to: 'queued', patch }, { type: 'transferred', at, actorId: fromAgentId, data: { to } }, (moved) => notifier.interactionLeft(fromAgentId, moved))];
      }
      case 'abandoned':
      case 'ended':
      case 'wrapUpEnded':
        // The routing owner persisted these before telling the core (or, for wrap-up, nothing is stored).
        return [];
    }
  }

  private pushOnly(push: () => void): CommitItem {
    return { settled: push };
  }

  private transition(interactionId: string, change: InteractionChange, event: InteractionEvent, then: (i: Interaction) => void, forget = true): CommitItem {
    return this.guarded(interactionId, { kind: 'transition', interactionId, change, event }, then, forget);
  }

  /**
   * A write the core's command needs. When the store refuses it because the
   * stored interaction moved on (e.g. finished by a path that bypassed the
   * core), the core is told the customer left, so it forgets the interaction
   * instead of routing a ghost.
   */
  private guarded(interactionId: string, write: NonNullable<CommitItem['write']>, then: (i: Interaction) => void, forget = true): CommitItem {
    return {
      write,
      settled: (outcome: WriteOutcome) => {
        if (outcome.ok) {
          if (outcome.value) then(outcome.value);
          return;
        }
        this.deps.log.warn({ err: outcome.error, interactionId }, 'routing write refused by the stored state');
        if (forget) this.deps.followUp({ type: 'customerLeft', interactionId });
      },
    };
  }
}
