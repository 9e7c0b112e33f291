import { AppError, type Interaction } from '@omnicc/shared';
import type { Logger } from 'pino';
import type { Routing, RoutingCallArgs, RoutingCallName, RoutingCallResults, RoutingHandlers } from './routingCalls.js';

export interface RoutingGatewayDeps {
  remote: Routing;
  log: Logger;
  /** How long a call keeps retrying while routing fails over (a lease's time to live and a recovery). */
  retryForMs?: number;
  /**
   * Told of every accept that succeeded, on the node the agent or the call
   * accepted from (the service flow starts then). Called after the accept
   * resolved; it must not throw or block.
   */
  onAccepted?: (interaction: Interaction) => void;
  /**
   * Told of every interaction that entered routing (enqueue or admit
   * succeeded), with the interaction when the call carried it: identity
   * resolution links its customer then, in the background. It must not
   * throw or block.
   */
  onEntered?: (interactionId: string, interaction: Interaction | undefined) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What every feature calls routing through. While this node holds the
 * routing lease the calls run here (the owner's handlers); otherwise they go
 * to the owner over HTTP. UNAVAILABLE (no owner yet, owner gone, lease lost
 * mid-call) is retried with backoff until `retryForMs`, so a failover shows
 * to a desktop as a slower ack, not an error. Every call is safe to retry:
 * see RoutingOwner.
 */
export class RoutingGateway implements Routing {
  private owner: RoutingHandlers | undefined;

  constructor(private readonly deps: RoutingGatewayDeps) {}

  /** Set while this node owns routing; cleared when it loses the lease. */
  setOwner(owner: RoutingHandlers | undefined): void {
    this.owner = owner;
  }

  ownerHandlers(): RoutingHandlers | undefined {
    return this.owner;
  }

  async call<K extends RoutingCallName>(name: K, args: RoutingCallArgs<K>): Promise<RoutingCallResults[K]> {
    const result = await this.attempt(name, args);
    if (name === 'accept') this.deps.onAccepted?.(result as RoutingCallResults['accept']);
    else if (name === 'admit') this.deps.onEntered?.((result as RoutingCallResults['admit']).id, result as RoutingCallResults['admit']);
    else if (name === 'enqueue') {
      const entered = args as RoutingCallArgs<'enqueue'>;
      this.deps.onEntered?.(entered.interactionId, entered.created);
    }
    return result;
  }

  private async attempt<K extends RoutingCallName>(name: K, args: RoutingCallArgs<K>): Promise<RoutingCallResults[K]> {
    const deadline = Date.now() + (this.deps.retryForMs ?? 15_000);
    for (let attempt = 0; ; attempt++) {
      const owner = this.owner;
      try {
        return owner ? await (owner[name] as (a: RoutingCallArgs<K>) => Promise<RoutingCallResults[K]>)(args) : await this.deps.remote.call(name, args);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'UNAVAILABLE' || Date.now() >= deadline) throw err;
        if (attempt === 0) this.deps.log.info({ call: name, reason: err.message }, 'routing unavailable; retrying');
        await sleep(Math.min(50 * 2 ** attempt, 500));
      }
    }
  }
}
