import { AppError, type Interaction, type VoiceConsultTarget, type VoiceTransferTicket } from '@omnicc/shared';
import type { Clock } from '../../clock.js';
import type { Store } from '../../store/Store.js';
import type { Routing } from '../routing/routingCalls.js';
import { signTransferTicket, TRANSFER_TICKET_TTL_SECONDS, type TransferTarget } from './transferTicket.js';

export interface CallTransferDeps {
  store: Store;
  routing: Routing;
  clock: Clock;
  /** The SIP domain of our addresses (softphones and transfer addresses). */
  domain: string;
  transferSecret: string;
  /** False when voice does not run here: every request is UNAVAILABLE. */
  enabled: () => boolean;
}

/**
 * The agent's side of transferring a call in progress, on whichever node has
 * the agent's socket. A Kamailio proxy cannot move a call between agents by
 * itself (that takes a B2BUA), so the agent's phone REFERs the caller to an
 * address the CTI signed; the caller's phone calls it, and the VoiceService
 * on the routing owner moves the interaction when that call arrives
 * (docs/voice.md, Transfers). Here the request is checked before anything
 * is sent to the caller: the agent holds the call, and the target can take it.
 */
export class CallTransfers {
  constructor(private readonly deps: CallTransferDeps) {}

  /** A blind transfer, or the completion of a consult: the address to REFER the caller to. */
  async transfer(agentId: string, interactionId: string, to: TransferTarget): Promise<VoiceTransferTicket> {
    await this.heldCall(agentId, interactionId);
    const targets = await this.deps.routing.call('transferTargets', { agentId, interactionId });
    if ('agentId' in to) {
      const agent = targets.agents.find((a) => a.agentId === to.agentId);
      if (!agent) throw new AppError('NOT_FOUND', 'that agent is not signed in');
      if (!agent.available) throw new AppError('INVALID_STATE', 'the target agent cannot take it now');
    } else if (!targets.queues.some((q) => q.queueId === to.queueId)) {
      throw new AppError('NOT_FOUND', `queue ${to.queueId} takes no calls from here`);
    }
    const expiresAt = Math.floor(this.deps.clock.now() / 1000) + TRANSFER_TICKET_TTL_SECONDS;
    const user = signTransferTicket(this.deps.transferSecret, { interactionId, fromAgentId: agentId, to, expiresAt });
    return { referTo: `sip:${user}@${this.deps.domain}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** A consult call about a call in progress: the colleague's softphone address (the colleague must be signed in). */
  async consult(agentId: string, interactionId: string, colleagueId: string): Promise<VoiceConsultTarget> {
    await this.heldCall(agentId, interactionId);
    if (colleagueId === agentId) throw new AppError('BAD_REQUEST', 'cannot consult oneself');
    const targets = await this.deps.routing.call('transferTargets', { agentId, interactionId });
    const colleague = targets.agents.find((a) => a.agentId === colleagueId);
    if (!colleague || colleague.status === 'offline') throw new AppError('NOT_FOUND', 'that agent is not signed in');
    const user = await this.deps.store.users.findById(colleagueId);
    if (!user) throw new AppError('NOT_FOUND', `agent ${colleagueId}`);
    return { sipUri: `sip:${user.username}@${this.deps.domain}`, displayName: colleague.displayName };
  }

  private async heldCall(agentId: string, interactionId: string): Promise<Interaction> {
    if (!this.deps.enabled()) throw new AppError('UNAVAILABLE', 'voice does not run here');
    const interaction = await this.deps.store.interactions.get(interactionId);
    if (!interaction) throw new AppError('NOT_FOUND', `interaction ${interactionId}`);
    if (interaction.agentId !== agentId) throw new AppError('NOT_OWNER', 'interaction belongs to another agent');
    if (interaction.channel !== 'voice') throw new AppError('BAD_REQUEST', 'only calls are transferred this way');
    if (interaction.state !== 'assigned') throw new AppError('INVALID_STATE', `interaction is ${interaction.state}, not assigned`);
    return interaction;
  }
}
