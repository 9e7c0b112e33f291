import type { AcdCommand, AcdError } from './commands.js';
import { newCtx, type AcdConfig, type Ctx } from './context.js';
import { dispatch } from './dispatch.js';
import type { AcdEvent } from './events.js';
import { agentConnected, agentDisconnected, agentLogin, agentLogout, agentSetStatus } from './handlers/agentSession.js';
import { agentProfileChanged, queueConfigChanged, settingsChanged } from './handlers/config.js';
import { customerLeft, enqueue, interactionEnded, NOTHING, offerAccepted, offerRejected, wrapUpDone } from './handlers/interactions.js';
import { outboundPlaced } from './handlers/outbound.js';
import { transfer } from './handlers/transfer.js';
import type { AcdState } from './state.js';
import { emitStatusChanges } from './status.js';
import { fireTimer } from './timerFire.js';
import { runDueTimers } from './timers.js';

/** The outcome of one event. With `error`, the state is unchanged and there are no commands. */
export interface AcdDecision {
  state: AcdState;
  commands: AcdCommand[];
  error?: AcdError;
}

/**
 * The ACD: a pure function of state, event and time (`now`, ms). No I/O, no
 * clock, no randomness; ids come from `config.newId`. Same inputs, same outputs.
 *
 * It MUTATES `state` in place and returns it, for speed at 50,000 queued
 * interactions: the caller owns the state; clone it (`cloneState`) first if
 * the old one is needed. A refused event (coded `error`) is checked before
 * anything is touched, so the state is then truly unchanged.
 *
 * Order inside one call: apply the event, fire timers due at or before
 * `now` (offer timeouts, wrap-up ends, grace ends, max waits, cooldown ends),
 * dispatch new offers, then emit agent status changes.
 */
export function decide(state: AcdState, event: AcdEvent, now: number, config: AcdConfig): AcdDecision {
  const ctx = newCtx(state, now, config);
  const result = apply(ctx, event);
  if (result === NOTHING) return { state, commands: [] };
  if (result) return { state, commands: [], error: result };
  runDueTimers(state, now, (timer) => fireTimer(ctx, timer));
  dispatch(ctx);
  emitStatusChanges(ctx);
  return { state, commands: ctx.out };
}

function apply(ctx: Ctx, event: AcdEvent): AcdError | typeof NOTHING | undefined {
  switch (event.type) {
    case 'agentLogin':
      return agentLogin(ctx, event);
    case 'agentConnected':
      return agentConnected(ctx, event);
    case 'agentDisconnected':
      return agentDisconnected(ctx, event);
    case 'agentLogout':
      return agentLogout(ctx, event);
    case 'agentSetStatus':
      return agentSetStatus(ctx, event);
    case 'agentProfileChanged':
      return agentProfileChanged(ctx, event);
    case 'queueConfigChanged':
      return queueConfigChanged(ctx, event);
    case 'settingsChanged':
      return settingsChanged(ctx, event);
    case 'enqueue':
      return enqueue(ctx, event);
    case 'outboundPlaced':
      return outboundPlaced(ctx, event);
    case 'offerAccepted':
      return offerAccepted(ctx, event);
    case 'offerRejected':
      return offerRejected(ctx, event);
    case 'interactionEnded':
      return interactionEnded(ctx, event);
    case 'wrapUpDone':
      return wrapUpDone(ctx, event);
    case 'transfer':
      return transfer(ctx, event);
    case 'customerLeft':
      return customerLeft(ctx, event);
    case 'tick':
      return undefined;
    default:
      return { code: 'BAD_REQUEST', message: `unknown event ${String((event as { type?: unknown }).type)}` };
  }
}
