import type { SmsGatewayEvents } from './smsGateway.js';

type Listeners = { [E in keyof SmsGatewayEvents]: Set<SmsGatewayEvents[E]> };
type Listener<E extends keyof SmsGatewayEvents> = (...args: Parameters<SmsGatewayEvents[E]>) => void | Promise<void>;

/**
 * The listeners of one gateway. `deliver` waits for every listener (they
 * may be async: a store write) and says whether all of them took the
 * event, so the gateway acknowledges a message to the SMSC or provider only
 * once it is stored: durable before acknowledged. A failing listener is
 * reported to `onListenerError` and the others still run.
 */
export class SmsEventHub {
  private readonly listeners: Listeners = { inbound: new Set(), receipt: new Set(), state: new Set() };

  constructor(private readonly onListenerError: (err: unknown, event: keyof SmsGatewayEvents) => void) {}

  on<E extends keyof SmsGatewayEvents>(event: E, listener: SmsGatewayEvents[E]): () => void {
    const set = this.listeners[event] as Set<SmsGatewayEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Runs every listener, waiting for async ones; true when none failed. */
  async deliver<E extends keyof SmsGatewayEvents>(event: E, ...args: Parameters<SmsGatewayEvents[E]>): Promise<boolean> {
    const results = await Promise.allSettled([...(this.listeners[event] as Set<Listener<E>>)].map(async (listener) => listener(...args)));
    let ok = true;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      ok = false;
      this.onListenerError(result.reason, event);
    }
    return ok;
  }
}
