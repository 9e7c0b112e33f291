import type { Logger } from 'pino';
import { SmsGatewayError } from './smsErrors.js';
import { SmsEventHub } from './smsEvents.js';
import type { SmsGatewayEvents, SmsGatewayState } from './smsGateway.js';

/** What every gateway shares: its name, its listeners and its state (emitted on change only). */
export abstract class SmsGatewayBase {
  protected readonly events: SmsEventHub;
  private current: SmsGatewayState = 'disconnected';

  protected constructor(
    readonly name: string,
    log: Logger,
  ) {
    this.events = new SmsEventHub((err, event) => log.error({ err, event, gateway: name }, 'SMS listener failed'));
  }

  get state(): SmsGatewayState {
    return this.current;
  }

  on<E extends keyof SmsGatewayEvents>(event: E, listener: SmsGatewayEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  protected setState(state: SmsGatewayState, reason?: string): void {
    if (state === this.current) return;
    this.current = state;
    // Nothing to acknowledge for a state change, so nobody waits for its listeners.
    void (reason === undefined ? this.events.deliver('state', state) : this.events.deliver('state', state, reason));
  }

  protected closedError(): SmsGatewayError {
    return new SmsGatewayError('SMS_CLOSED', `${this.name} is closed`);
  }
}
