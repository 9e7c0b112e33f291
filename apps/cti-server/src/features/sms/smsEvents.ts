import type { SmsGatewayEvents } from './smsGateway.js';

type Listeners = { [E in keyof SmsGatewayEvents]: Set<SmsGatewayEvents[E]> };

/**
 * The listeners of one gateway. A listener that throws is reported to
 * `onListenerError` and the others still run: a bug in one consumer must not
 * stop receipts reaching the rest, nor break the gateway's socket handler.
 */
export class SmsEventHub {
  private readonly listeners: Listeners = { inbound: new Set(), receipt: new Set(), state: new Set() };

  constructor(private readonly onListenerError: (err: unknown, event: keyof SmsGatewayEvents) => void) {}

  on<E extends keyof SmsGatewayEvents>(event: E, listener: SmsGatewayEvents[E]): () => void {
    const set = this.listeners[event] as Set<SmsGatewayEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends keyof SmsGatewayEvents>(event: E, ...args: Parameters<SmsGatewayEvents[E]>): void {
    for (const listener of this.listeners[event] as Set<(...a: Parameters<SmsGatewayEvents[E]>) => void>) {
      try {
        listener(...args);
      } catch (err) {
        this.onListenerError(err, event);
      }
    }
  }
}
