import { AppError, appErrorSchema } from '@omnicc/shared';
import type { HeldLease, LeaseRepository } from '../../store/Store.js';
import type { Routing, RoutingCallArgs, RoutingCallName, RoutingCallResults } from '../routing/routingCalls.js';
import { CLUSTER_KEY_HEADER } from './clusterKey.js';

/** The one lease that makes a node the routing owner. */
export const ROUTING_LEASE = 'routing';

export interface RemoteRoutingDeps {
  leases: LeaseRepository;
  /** This node, so that a lease we hold ourselves is never called over HTTP. */
  nodeId: string;
  key: string;
  /** Per call; a stuck owner must not hold a desktop's ack forever. */
  timeoutMs?: number;
}

/**
 * Routing calls sent to the owner node over HTTP (POST /internal/routing/:name).
 * Throws UNAVAILABLE when there is no owner, the owner is this node (it is
 * still taking over), or the owner cannot be reached: RoutingGateway retries those.
 */
export class RemoteRouting implements Routing {
  /**
   * The owner as last looked up: read once, not on every call, and forgotten
   * as soon as a call through it fails with UNAVAILABLE (unreachable, or no
   * longer the owner), so the retry looks the new owner up.
   */
  private owner: HeldLease | undefined;

  constructor(private readonly deps: RemoteRoutingDeps) {}

  async call<K extends RoutingCallName>(name: K, args: RoutingCallArgs<K>): Promise<RoutingCallResults[K]> {
    try {
      return await this.send(await this.currentOwner(), name, args);
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAVAILABLE') this.owner = undefined;
      throw err;
    }
  }

  private async currentOwner(): Promise<HeldLease> {
    this.owner ??= await this.deps.leases.current(ROUTING_LEASE);
    if (!this.owner) throw new AppError('UNAVAILABLE', 'no routing owner at the moment');
    if (this.owner.nodeId === this.deps.nodeId) throw new AppError('UNAVAILABLE', 'this node is taking over routing');
    return this.owner;
  }

  private async send<K extends RoutingCallName>(owner: HeldLease, name: K, args: RoutingCallArgs<K>): Promise<RoutingCallResults[K]> {
    let response: Response;
    try {
      response = await fetch(`${owner.url}/internal/routing/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLUSTER_KEY_HEADER]: this.deps.key },
        body: JSON.stringify(args),
        signal: AbortSignal.timeout(this.deps.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new AppError('UNAVAILABLE', `routing owner ${owner.nodeId} unreachable: ${(err as Error).message}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return (body as { value: RoutingCallResults[K] }).value;
    const error = appErrorSchema.safeParse((body as { error?: unknown } | undefined)?.error);
    if (error.success) throw new AppError(error.data.code, error.data.message);
    throw new AppError(response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL', `routing owner answered ${response.status}`);
  }
}
